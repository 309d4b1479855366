import datetime

import pytest
from django.core import mail
from django.utils import timezone
from wagtail import hooks

from portal.accounts.factories import UserFactory
from portal.accounts.personal_data import delete_account, export_personal_data
from projects.factories import ChallengePageFactory, InterestFactory, ProjectPageFactory
from projects.matching import complete_challenge, select_team
from projects.models import ChallengePage, ChallengeStatus, Interest, InterestStatus, ProjectPage
from projects.signals import award_creator_levels
from skills.models import Area, CreatorAward

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge(indexes, organisation_member):
    return ChallengePageFactory(owner=organisation_member)


def test_student_registers_interest_and_organisation_is_emailed(
    client, challenge, student, django_capture_on_commit_callbacks
):
    client.force_login(student)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/challenges/{challenge.pk}/interest/", {"note": "Three of us, Python and Excel."})
    assert response.status_code == 302
    assert Interest.objects.get().note == "Three of us, Python and Excel."
    assert mail.outbox[0].to == [challenge.owner.email]
    assert student.email not in mail.outbox[0].body


@pytest.mark.parametrize(
    "note, message", [("", "Tell the organisation about your team"), ("x" * 1001, "1,000 characters or fewer")]
)
def test_a_bad_note_is_explained_at_the_field_and_kept(client, challenge, student, note, message):
    client.force_login(student)
    response = client.post(f"/challenges/{challenge.pk}/interest/", {"note": note})
    assert response.status_code == 200
    html = response.text
    assert "govuk-error-summary" in html and html.count(message) == 2  # in the summary and at the field
    assert response.context["interest_form"]["note"].value() == note
    assert html.count("x" * 1001) == (1 if note else 0)
    assert not Interest.objects.exists()


def test_only_students_can_register_interest(client, challenge, user):
    client.force_login(user)
    client.post(f"/challenges/{challenge.pk}/interest/", {"note": "Me"})
    assert not Interest.objects.exists()


def test_contacts_are_shared_only_after_the_team_is_picked(
    client, challenge, student, organisation_member, django_capture_on_commit_callbacks
):
    interest = InterestFactory(challenge=challenge, student=student)
    other = InterestFactory(challenge=challenge)
    client.force_login(organisation_member)
    page = client.get(challenge.url).text
    assert interest.note in page and student.email not in page
    client.force_login(student)
    assert organisation_member.email not in client.get(challenge.url).text

    client.force_login(organisation_member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/challenges/{challenge.pk}/select-team/", {"interest": interest.pk})
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.IN_PROGRESS
    assert ChallengePage.objects.get(pk=challenge.pk).get_latest_revision_as_object().status == "in-progress"
    other.refresh_from_db()
    assert other.status == InterestStatus.NOT_SELECTED
    assert student.email in client.get(challenge.url).text
    client.force_login(student)
    assert organisation_member.email in client.get(challenge.url).text
    client.force_login(other.student)
    assert organisation_member.email not in client.get(challenge.url).text
    client.logout()
    assert organisation_member.email not in client.get(challenge.url).text
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([student.email, organisation_member.email])
    assert organisation_member.email in next(m.body for m in mail.outbox if m.to == [student.email])


def test_only_the_organisation_can_pick_a_team(client, challenge, student):
    interest = InterestFactory(challenge=challenge)
    client.force_login(student)
    assert client.post(f"/challenges/{challenge.pk}/select-team/", {"interest": interest.pk}).status_code == 403
    interest.refresh_from_db()
    assert interest.status == InterestStatus.INTERESTED


def test_a_team_interested_in_another_challenge_cannot_be_picked(client, challenge, organisation_member):
    elsewhere = InterestFactory(challenge=ChallengePageFactory())
    client.force_login(organisation_member)
    assert client.post(f"/challenges/{challenge.pk}/select-team/", {"interest": elsewhere.pk}).status_code == 404
    elsewhere.refresh_from_db()
    challenge.refresh_from_db()
    assert elsewhere.status == InterestStatus.INTERESTED and challenge.status == ChallengeStatus.OPEN


def test_withdrawing_a_picked_team_reopens_the_challenge(client, challenge, student, organisation_member):
    interest = InterestFactory(challenge=challenge, student=student)
    client.force_login(organisation_member)
    client.post(f"/challenges/{challenge.pk}/select-team/", {"interest": interest.pk})
    client.force_login(student)
    client.post(f"/challenges/interest/{interest.pk}/withdraw/")
    interest.refresh_from_db()
    challenge.refresh_from_db()
    assert interest.status == InterestStatus.WITHDRAWN
    assert challenge.status == ChallengeStatus.OPEN


def test_nobody_else_can_withdraw_an_interest(client, challenge, student):
    interest = InterestFactory(challenge=challenge)
    client.force_login(student)
    assert client.post(f"/challenges/interest/{interest.pk}/withdraw/").status_code == 404


@pytest.fixture
def team_at_work(challenge, student, organisation_member):
    """The organisation has picked `student`'s team, so the challenge is in progress."""
    InterestFactory(challenge=challenge, student=student)
    select_team(challenge, Interest.objects.get(), organisation_member)
    challenge.refresh_from_db()
    return challenge


def test_organisation_completes_challenge_with_outcome_and_project(client, team_at_work, student, organisation_member):
    challenge = team_at_work
    project = ProjectPageFactory(title="The answer", team_members=[student])
    client.force_login(organisation_member)
    assert client.get(f"/challenges/{challenge.pk}/complete/").status_code == 200
    client.post(
        f"/challenges/{challenge.pk}/complete/",
        {"outcome": "Waste halved. <script>x</script>", "project": project.pk},
    )
    challenge.refresh_from_db()
    project.refresh_from_db()
    assert challenge.status == ChallengeStatus.COMPLETED
    assert "Waste halved." in challenge.outcome and "<script>" not in challenge.outcome
    assert project.challenge_id == challenge.pk
    assert "The answer" in client.get(challenge.url).text


def test_completing_links_the_project_without_publishing_the_teams_draft(team_at_work, student, organisation_member):
    project = ProjectPageFactory(title="The answer", team_members=[student])
    project.title = "The answer, improved"
    project.save_revision(user=student)  # the team's unpublished draft
    complete_challenge(team_at_work, "<p>Done.</p>", project, organisation_member)
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.title == "The answer" and project.challenge_id == team_at_work.pk
    draft = project.get_latest_revision_as_object()
    assert draft.title == "The answer, improved" and draft.challenge_id == team_at_work.pk
    assert project.has_unpublished_changes


def test_only_the_picked_teams_projects_or_ones_already_answering_may_be_linked(
    client, team_at_work, student, organisation_member
):
    ours = ProjectPageFactory(title="Ours", team_members=[student])
    already = ProjectPageFactory(title="Already linked", challenge=team_at_work)
    strangers = ProjectPageFactory(title="Someone else's")
    client.force_login(organisation_member)
    offered = client.get(f"/challenges/{team_at_work.pk}/complete/").context["form"].fields["project"].queryset
    assert set(offered) == {ours, already}
    response = client.post(f"/challenges/{team_at_work.pk}/complete/", {"outcome": "Done.", "project": strangers.pk})
    assert response.status_code == 200 and "Select a valid choice" in response.text
    team_at_work.refresh_from_db()
    strangers.refresh_from_db()
    assert team_at_work.status == ChallengeStatus.IN_PROGRESS and strangers.challenge_id is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_others_cannot_complete_a_challenge(client, team_at_work, method):
    from portal.accounts.factories import StaffFactory

    for person in [UserFactory(role="student"), StaffFactory(groups=["Analysts"])]:
        client.force_login(person)
        response = getattr(client, method)(f"/challenges/{team_at_work.pk}/complete/", {"outcome": "Done."})
        assert response.status_code == 403
    team_at_work.refresh_from_db()
    assert team_at_work.status == ChallengeStatus.IN_PROGRESS


def test_an_editor_who_may_publish_it_can_complete_a_challenge(client, team_at_work):
    from portal.accounts.factories import StaffFactory

    client.force_login(StaffFactory(groups=["Editors"]))
    client.post(f"/challenges/{team_at_work.pk}/complete/", {"outcome": "Done.", "project": ""})
    team_at_work.refresh_from_db()
    assert team_at_work.status == ChallengeStatus.COMPLETED


def test_only_a_challenge_in_progress_can_be_completed(client, challenge, organisation_member):
    client.force_login(organisation_member)
    response = client.post(f"/challenges/{challenge.pk}/complete/", {"outcome": "Done."}, follow=True)
    assert "only while a team is working on it" in response.text
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.OPEN and not challenge.outcome


def test_publishing_a_project_awards_creator_per_member_and_area(indexes, student):
    areas = list(Area.objects.all()[:2])
    teammate = UserFactory(role="student")
    project = ProjectPageFactory(team_members=[student, teammate], areas=areas)
    project.save_revision().publish()
    awards = CreatorAward.objects.filter(project=project.page_ptr)
    assert {(award.user, award.area) for award in awards} == {(u, a) for u in (student, teammate) for a in areas}
    assert award_creator_levels(project) == 0


def test_export_includes_submissions_and_interests(challenge, student, organisation_member):
    InterestFactory(challenge=challenge, student=student, note="Our team note")
    assert export_personal_data(student)["challenges_and_projects"]["interests"][0]["note"] == "Our team note"
    exported = export_personal_data(organisation_member)["challenges_and_projects"]["submissions"]
    assert exported[0]["title"] == challenge.title


def test_deleting_an_account_removes_unpublished_drafts_and_interests(indexes, student, challenge):
    draft = ProjectPageFactory(owner=student, live=False, first_published_at=None)
    published = ProjectPageFactory(owner=student)
    InterestFactory(challenge=challenge, student=student)
    delete_account(student)
    assert not ProjectPage.objects.filter(pk=draft.pk).exists()
    assert ProjectPage.objects.filter(pk=published.pk).exists()
    assert not Interest.objects.exists()


def test_okr_metrics(indexes):
    ChallengePageFactory(status=ChallengeStatus.COMPLETED)
    ChallengePageFactory()
    ProjectPageFactory(stage="in-use")
    metrics = {}
    for fn in hooks.get_hooks("okr_metrics"):
        metrics.update(fn())
    now = timezone.now()
    assert metrics["challenges_completed"](now) == 1
    assert metrics["projects_in_use"](now) == 1
    assert metrics["businesses_with_challenge"](now) == 2
    assert metrics["challenges_completed"](now - datetime.timedelta(days=365)) == 0


def test_home_page_shows_open_challenges_and_featured_projects(client, indexes):
    ChallengePageFactory(title="An open one")
    ProjectPageFactory(title="Newest project")
    assert "Newest project" in client.get("/").text
    ProjectPageFactory(title="Chosen by editors", is_featured=True)
    response = client.get("/").text
    assert "An open one" in response and "Chosen by editors" in response and "Newest project" not in response


def test_matching_actions_need_sign_in_and_post(client, challenge):
    interest = InterestFactory(challenge=challenge)
    for url in [
        f"/challenges/{challenge.pk}/interest/",
        f"/challenges/{challenge.pk}/select-team/",
        f"/challenges/interest/{interest.pk}/withdraw/",
        f"/challenges/{challenge.pk}/complete/",
    ]:
        assert client.post(url, {"interest": interest.pk, "note": "x"}).url.startswith("/accounts/login/")
    client.force_login(interest.student)
    assert client.get(f"/challenges/{challenge.pk}/interest/").status_code == 405
    interest.refresh_from_db()
    assert interest.status == InterestStatus.INTERESTED


def test_interest_in_a_draft_challenge_is_refused(client, indexes, student):
    draft = ChallengePageFactory(live=False)
    client.force_login(student)
    assert client.post(f"/challenges/{draft.pk}/interest/", {"note": "Us"}).status_code == 404
    assert not Interest.objects.exists()


def test_signed_in_challenge_page_queries_are_bounded(
    client, challenge, organisation_member, django_assert_max_num_queries
):
    for _ in range(5):
        InterestFactory(challenge=challenge)
    client.force_login(organisation_member)
    client.get(challenge.url)
    # 16 and the request's SAVEPOINT and RELEASE. Ours do not grow with interests, and the
    # organisation comes with whether the viewer is still a confirmed member of it.
    with django_assert_max_num_queries(18):
        assert client.get(challenge.url).status_code == 200


def test_a_student_on_a_challenge_page_costs_no_more(client, challenge, student, django_assert_max_num_queries):
    for _ in range(5):
        InterestFactory(challenge=challenge)
    client.force_login(student)
    client.get(challenge.url)
    with django_assert_max_num_queries(18):
        response = client.get(challenge.url)
    assert response.status_code == 200 and "Register your team’s interest" in response.text
