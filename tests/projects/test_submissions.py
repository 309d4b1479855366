import pytest
from django.core import mail
from django.utils.html import escape
from wagtail.models import WorkflowState

from portal.accounts.factories import UserFactory
from projects.models import ChallengePage, ProjectPage

from .conftest import image_upload

pytestmark = pytest.mark.django_db

CHALLENGE = {
    "title": "Forecast bread sales",
    "introduction": "Bake closer to what sells.",
    "problem": "We throw away a fifth of our bread.\n\nEvery day.",
    "theme": "local-economy",
    "beneficiaries": "Our staff",
    "success": "Half the waste",
    "data_available": "Till records",
    "personal_data": "no",
    "ethics_concerns": "",
    "results_ownership": "Shared",
    "timescale": "Six weeks",
}

PROJECT = {
    "title": "Bread forecast",
    "introduction": "Tells the baker how much to bake.",
    "description": "A spreadsheet forecast.",
    "stage": "prototype",
    "data_used": "Till records",
    "risks": "Holiday weeks",
    "human_control": "The baker decides",
}


def submit_challenge(client, user, **changes):
    client.force_login(user)
    return client.post("/challenges/submit/", {**CHALLENGE, **changes})


def test_anonymous_is_sent_to_sign_in(client, indexes):
    assert client.get("/challenges/submit/").url.startswith("/accounts/login/")
    assert client.get("/projects/submit/").url.startswith("/accounts/login/")


def test_wrong_role_gets_403_with_explanation(client, indexes, student, organisation_member):
    client.force_login(student)
    response = client.get("/challenges/submit/")
    assert response.status_code == 403
    assert "Business or organisation" in response.text
    client.force_login(organisation_member)
    response = client.get("/projects/submit/")
    assert response.status_code == 403
    assert "Only students can add projects" in response.text


def test_form_pages_render(client, indexes, organisation_member, student):
    client.force_login(organisation_member)
    assert "Post a challenge" in client.get("/challenges/submit/").text
    client.force_login(student)
    assert "Add your project" in client.get("/projects/submit/").text


def test_valid_challenge_becomes_a_draft_in_review_and_is_not_public(client, indexes, organisation_member):
    response = submit_challenge(client, organisation_member)
    assert response.status_code == 302
    page = ChallengePage.objects.get()
    assert not page.live and page.owner == organisation_member
    assert page.organisation == organisation_member.memberships.get().organisation
    assert page.current_workflow_state.workflow.name == "Challenge review"
    assert page.problem == "<p>We throw away a fifth of our bread.</p><p>Every day.</p>"
    client.logout()
    assert client.get("/challenges/").text.count("Forecast bread sales") == 0
    assert client.get("/challenges/forecast-bread-sales/").status_code == 404


def test_several_skill_areas_can_be_chosen(client, indexes, organisation_member):
    from skills.models import Area

    client.force_login(organisation_member)
    form = client.get("/challenges/submit/").text
    assert 'name="areas" type="checkbox"' in form and 'name="areas" type="radio"' not in form
    two = list(Area.objects.all()[:2])
    submit_challenge(client, organisation_member, areas=[area.pk for area in two])
    assert set(ChallengePage.objects.get().areas.all()) == set(two)


def test_a_claimed_but_unconfirmed_membership_does_not_name_the_organisation(client, indexes):
    from portal.accounts.factories import MembershipFactory, OrganisationFactory

    council = OrganisationFactory(name="Luton Council", is_confirmed=True)
    claimant = MembershipFactory(organisation=council, is_confirmed=False).user
    submit_challenge(client, claimant)
    assert ChallengePage.objects.get().organisation is None


@pytest.mark.parametrize("missing", ["title", "problem", "theme", "success", "results_ownership", "timescale"])
def test_each_missing_required_field_is_reported_and_nothing_saved(client, indexes, organisation_member, missing):
    from projects.forms import ChallengeForm

    response = submit_challenge(client, organisation_member, **{missing: ""})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    message = ChallengeForm.required_messages[missing]
    assert response.text.count(escape(message)) == 2  # in the summary and at the field
    assert "This field is required" not in response.text
    assert not ChallengePage.objects.exists()


def test_an_empty_project_form_says_which_field_each_error_is_about(client, indexes, student):
    client.force_login(student)
    response = client.post("/projects/submit/", {"title": ""})
    assert "This field is required" not in response.text
    for message in ["Enter a title for the project", "Select the stage the project has reached"]:
        assert response.text.count(message) == 2


def test_invalid_choice_is_reported(client, indexes, organisation_member):
    response = submit_challenge(client, organisation_member, theme="space-travel")
    assert "Select a valid choice" in response.text
    assert not ChallengePage.objects.exists()


def test_script_in_every_challenge_field_is_neutralised(client, indexes, organisation_member):
    script = "<script>alert(1)</script>"
    text_fields = [name for name in CHALLENGE if name not in ("theme", "personal_data")]
    submit_challenge(client, organisation_member, **dict.fromkeys(text_fields, f"{script}x"))
    page = ChallengePage.objects.get()
    assert "<script>" not in page.problem
    page.save_revision().publish()
    client.logout()
    response = client.get(page.url)
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;x" in response.text


def test_links_in_rich_text_get_nofollow_ugc(client, indexes, organisation_member):
    submit_challenge(
        client, organisation_member, problem='<p>See <a href="https://example.org" onclick="x()">this</a></p>'
    )
    problem = ChallengePage.objects.get().problem
    assert 'rel="nofollow ugc"' in problem and "onclick" not in problem


def test_changes_requested_emails_the_comment_and_owner_can_edit(
    client, indexes, organisation_member, moderator, django_capture_on_commit_callbacks
):
    submit_challenge(client, organisation_member)
    page = ChallengePage.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.current_workflow_state.current_task_state.reject(
            user=moderator, comment="Please say how much data you hold."
        )
    ours = [message for message in mail.outbox if message.subject.startswith("Changes requested")]
    assert len(ours) == 1
    assert "Please say how much data you hold." in ours[0].body
    assert ours[0].to == [organisation_member.email]
    me = client.get("/me/").text
    assert "Changes requested" in me and f"/challenges/submit/{page.pk}/" in me
    response = client.post(f"/challenges/submit/{page.pk}/", {**CHALLENGE, "title": "Forecast bread sales better"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Forecast bread sales better"
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_approval_publishes_and_emails_the_submitter(
    client, indexes, organisation_member, moderator, django_capture_on_commit_callbacks
):
    submit_challenge(client, organisation_member)
    page = ChallengePage.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.current_workflow_state.current_task_state.approve(user=moderator)
    page.refresh_from_db()
    assert page.live
    ours = [message for message in mail.outbox if "is published" in message.subject]
    assert [message.to for message in ours] == [[organisation_member.email]]
    client.logout()
    assert client.get(page.url).status_code == 200


def test_editing_a_draft_is_refused_to_anonymous_and_other_people(client, indexes, organisation_member):
    submit_challenge(client, organisation_member)
    page = ChallengePage.objects.get()
    url = f"/challenges/submit/{page.pk}/"
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(role="organisation"))
    assert client.get(url).status_code == 404
    assert client.post(url, CHALLENGE).status_code == 404
    client.force_login(organisation_member)
    assert client.get(url).status_code == 200


def test_editing_a_project_draft_is_for_its_team_only(client, indexes, student):
    client.force_login(student)
    client.post("/projects/submit/", PROJECT)
    url = f"/projects/submit/{ProjectPage.objects.get().pk}/"
    client.logout()
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(UserFactory(role="student"))
    assert client.get(url).status_code == 404
    assert client.post(url, {**PROJECT, "title": "Hijacked"}).status_code == 404
    assert ProjectPage.objects.get().title == PROJECT["title"]
    client.force_login(student)
    assert client.get(url).status_code == 200


def test_me_shows_my_submissions_and_interests_and_no_one_elses(client, indexes, organisation_member, student):
    from projects.factories import ChallengePageFactory, InterestFactory

    submit_challenge(client, organisation_member)
    assert CHALLENGE["title"] in client.get("/me/").text  # the owner's, with the thank-you message
    InterestFactory(
        challenge=ChallengePageFactory(title="Someone's challenge"), student=student, note="Our secret plan"
    )
    client.force_login(UserFactory(role="student"))
    html = client.get("/me/").text
    assert CHALLENGE["title"] not in html and "Someone's challenge" not in html and "Our secret plan" not in html
    client.force_login(student)
    assert "Someone&#x27;s challenge" in client.get("/me/").text


def test_editing_is_refused_once_published(client, indexes, organisation_member, moderator):
    submit_challenge(client, organisation_member)
    page = ChallengePage.objects.get()
    page.current_workflow_state.current_task_state.approve(user=moderator)
    response = client.get(f"/challenges/submit/{page.pk}/")
    assert response.status_code == 403 and "only our editors can change it" in response.text
    client.force_login(UserFactory(role="organisation"))
    assert client.get(f"/challenges/submit/{page.pk}/").status_code == 404


def test_project_submission_with_image(client, indexes, student, django_capture_on_commit_callbacks):
    client.force_login(student)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/projects/submit/", {**PROJECT, "image": image_upload(), "image_alt_text": "A chart"})
    assert response.status_code == 302, response.content
    page = ProjectPage.objects.get()
    assert set(page.team_members.all()) == {student}
    assert page.gallery_images.get().alt_text == "A chart"
    assert page.current_workflow_state.workflow.name == "Project review"


def test_image_needs_alt_text(client, indexes, student):
    client.force_login(student)
    response = client.post("/projects/submit/", {**PROJECT, "image": image_upload()})
    assert "Describe the image" in response.text
    assert "Choose the image again" in response.text
    assert not ProjectPage.objects.exists()


def test_an_image_cut_short_is_reported_at_the_field_and_nothing_saved(client, indexes, student):
    from django.core.files.uploadedfile import SimpleUploadedFile

    whole = image_upload(size=(200, 200)).read()
    client.force_login(student)
    cut_short = SimpleUploadedFile("photo.jpg", whole[: len(whole) // 2], content_type="image/jpeg")
    response = client.post("/projects/submit/", {**PROJECT, "image": cut_short, "image_alt_text": "A chart"})
    assert response.status_code == 200
    assert "The file must be a JPEG, PNG or WebP image." in response.text
    assert not ProjectPage.objects.exists()


def test_images_uploaded_with_drafts_are_not_listed_publicly_and_go_with_the_account(client, indexes, student):
    from wagtail.images import get_image_model

    from portal.accounts.personal_data import delete_account

    client.force_login(student)
    client.post("/projects/submit/", {**PROJECT, "image": image_upload(), "image_alt_text": "Our team at work"})
    assert get_image_model().objects.count() == 1
    client.logout()
    assert client.get("/api/v2/images/").status_code == 404
    delete_account(student)
    assert not get_image_model().objects.exists()


def test_script_in_every_project_field_is_neutralised(client, indexes, student):
    script = "<script>alert(1)</script>"
    fields = ["title", "introduction", "description", "team_names", "outcome", "data_used", "risks", "human_control"]
    client.force_login(student)
    client.post("/projects/submit/", {**PROJECT, **dict.fromkeys(fields, f"{script}x")})
    page = ProjectPage.objects.get()
    page.save_revision().publish()
    response = client.get(page.url)
    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;x" in response.text


def test_script_links_are_refused(client, indexes, student):
    client.force_login(student)
    response = client.post("/projects/submit/", {**PROJECT, "code_url": "javascript:alert(1)"})
    assert "Enter a valid URL" in response.text
    assert not ProjectPage.objects.exists()


def test_published_project_shows_gallery_alt_text_and_safe_links(client, indexes, student):
    client.force_login(student)
    client.post(
        "/projects/submit/",
        {
            **PROJECT,
            "description": '<p>Try <a href="https://example.org/demo">the demo</a></p>',
            "image": image_upload(),
            "image_alt_text": "The forecast on a tablet",
        },
    )
    page = ProjectPage.objects.get()
    page.save_revision().publish()
    client.logout()
    response = client.get(page.url).text
    assert 'alt="The forecast on a tablet"' in response
    assert 'href="https://example.org/demo" rel="nofollow ugc"' in response
