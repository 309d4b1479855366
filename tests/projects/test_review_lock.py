"""What submitters may change while their challenge or project is reviewed, and how the
forms report what the page itself refuses."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from wagtail.models import Revision

from portal.accounts.factories import OrganisationFactory
from projects.factories import ChallengePageFactory
from projects.models import ChallengeIndexPage, ChallengePage, ProjectPage

from .test_submissions import CHALLENGE, PROJECT, submit_challenge

pytestmark = pytest.mark.django_db


def revisions_of(page) -> int:
    return Revision.objects.for_instance(page).count()


def test_a_challenge_in_review_cannot_be_changed_by_its_submitter(client, indexes, organisation_member):
    submit_challenge(client, organisation_member)
    page = ChallengePage.objects.get()
    url = f"/challenges/submit/{page.pk}/"
    before = revisions_of(page)

    response = client.get(url)
    assert response.status_code == 200
    assert "Our editors are reviewing this now, so it cannot be changed until they finish." in response.text
    assert 'name="title"' not in response.text

    response = client.post(url, {**CHALLENGE, "title": "Something else entirely"})
    assert response.status_code == 403
    assert "cannot be changed until they finish" in response.text
    page = ChallengePage.objects.get()
    assert page.title == CHALLENGE["title"]
    assert page.get_latest_revision_as_object().title == CHALLENGE["title"]
    assert revisions_of(page) == before
    assert url not in client.get("/me/").text  # no edit link while it is reviewed


def test_a_project_in_review_cannot_be_changed_by_its_team(client, indexes, student):
    client.force_login(student)
    client.post("/projects/submit/", PROJECT)
    page = ProjectPage.objects.get()
    response = client.post(f"/projects/submit/{page.pk}/", {**PROJECT, "title": "Changed behind the reviewer"})
    assert response.status_code == 403
    assert ProjectPage.objects.get().get_latest_revision_as_object().title == PROJECT["title"]


def test_a_review_that_starts_while_the_form_is_open_refuses_the_edit(indexes, organisation_member, moderator):
    from django.core.exceptions import PermissionDenied

    from projects.forms import ChallengeForm
    from projects.submission import editable_draft
    from projects.submission import submit_challenge as save_challenge

    form = ChallengeForm(CHALLENGE)
    assert form.is_valid()
    page = save_challenge(form, organisation_member)
    page.current_workflow_state.current_task_state.reject(user=moderator, comment="More detail")
    draft = editable_draft(ChallengePage.objects.get())  # the form is shown now ...
    ChallengePage.objects.get().current_workflow_state.resume(organisation_member)  # ... and review restarts
    edit = ChallengeForm({**CHALLENGE, "title": "Late edit"})
    assert edit.is_valid()
    with pytest.raises(PermissionDenied):
        save_challenge(edit, organisation_member, draft)
    assert ChallengePage.objects.get().get_latest_revision_as_object().title == CHALLENGE["title"]


def test_editing_after_changes_requested_starts_from_the_moderators_revision(
    client, indexes, organisation_member, moderator
):
    submit_challenge(client, organisation_member)
    page = ChallengePage.objects.get()
    named_by_moderator = OrganisationFactory(name="Luton Food Bank")
    draft = page.get_latest_revision_as_object()
    draft.beneficiaries = "About 400 households a month"
    draft.organisation = named_by_moderator
    draft.save_revision(user=moderator)
    page.current_workflow_state.current_task_state.reject(user=moderator, comment="I improved the wording.")

    url = f"/challenges/submit/{page.pk}/"
    form = client.get(url).context["form"]
    assert form.initial["beneficiaries"] == "About 400 households a month"

    client.post(url, {**CHALLENGE, "beneficiaries": form.initial["beneficiaries"], "title": "Forecast bread"})
    latest = ChallengePage.objects.get().get_latest_revision_as_object()
    assert latest.title == "Forecast bread"
    assert latest.beneficiaries == "About 400 households a month"
    assert latest.organisation == named_by_moderator  # not a form field, and not wiped by the edit


@pytest.mark.parametrize("field, label", [("code_url", "Code link"), ("demo_url", "Demo link")])
def test_a_link_longer_than_a_page_can_hold_is_reported_at_the_field(client, indexes, student, field, label):
    client.force_login(student)
    response = client.post("/projects/submit/", {**PROJECT, field: "https://example.org/" + "a" * 190})
    assert response.status_code == 200
    assert response.text.count(f"{label} must be 200 characters or fewer") == 2  # in the summary and at the field
    assert not ProjectPage.objects.exists()


def test_errors_the_page_finds_are_shown_at_their_fields(client, indexes, student, monkeypatch):
    def refused(form, user, page):
        raise ValidationError({"demo_url": ["The demo link is refused"], "path": ["The page cannot go there"]})

    monkeypatch.setattr("projects.views.submit_project", refused)
    client.force_login(student)
    response = client.post("/projects/submit/", PROJECT)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["demo_url"] == ["The demo link is refused"]
    assert form.non_field_errors() == ["The page cannot go there"]
    assert "There is a problem" in response.text and "The page cannot go there" in response.text


def test_a_slug_taken_at_the_same_moment_gets_the_next_free_one(client, indexes, organisation_member, monkeypatch):
    from projects import submission

    real_unique_slug = submission.unique_slug
    calls = []

    def another_submission_gets_in_first(parent, title):
        slug = real_unique_slug(parent, title)
        if not calls:  # the other request saves the same title between our look and our save
            ChallengePageFactory(parent=parent, title=title, slug=slug, owner=organisation_member)
        calls.append(slug)
        return slug

    monkeypatch.setattr(submission, "unique_slug", another_submission_gets_in_first)
    response = submit_challenge(client, organisation_member)
    assert response.status_code == 302
    assert sorted(ChallengePage.objects.values_list("slug", flat=True)) == [
        "forecast-bread-sales",
        "forecast-bread-sales-2",
    ]


def test_a_clash_in_the_database_is_tried_again_then_explained(client, indexes, organisation_member, monkeypatch):
    real_add_child = ChallengeIndexPage.add_child
    clashes = {"left": 1}

    def add_child(self, **kwargs):
        if clashes["left"]:
            clashes["left"] -= 1
            raise IntegrityError("UNIQUE constraint failed: wagtailcore_page.path")
        return real_add_child(self, **kwargs)

    monkeypatch.setattr(ChallengeIndexPage, "add_child", add_child)
    assert submit_challenge(client, organisation_member).status_code == 302
    assert ChallengePage.objects.count() == 1

    clashes["left"] = 100
    response = submit_challenge(client, organisation_member, title="Another one")
    assert response.status_code == 200
    assert "Something else was saved at the same moment, so this was not saved. Send the form again." in response.text
    assert ChallengePage.objects.count() == 1
    assert ChallengeIndexPage.objects.get().numchild == 1
