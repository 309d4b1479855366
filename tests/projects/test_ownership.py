"""Who manages a challenge, what team picks and completions do to editors' drafts, and what
deleting an account leaves for the others."""

import pytest
from django.core import mail
from wagtail.images import get_image_model

from portal.accounts.factories import MembershipFactory, StaffFactory, UserFactory
from portal.accounts.models import Membership, Role
from portal.accounts.personal_data import delete_account
from portal.accounts.roles import set_role
from projects.factories import ChallengePageFactory, InterestFactory, ProjectPageFactory
from projects.matching import complete_challenge, select_team, withdraw_interest
from projects.models import ChallengePage, ChallengeStatus, Interest, InterestStatus, ProjectGalleryImage, ProjectPage
from projects.uploads import save_image

from .conftest import image_upload
from .test_submissions import CHALLENGE, submit_challenge

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge(indexes, organisation_member):
    return ChallengePageFactory(owner=organisation_member)


def leave_by_changing_role(person):
    set_role(person, Role.RESIDENT)


def leave_for_another_organisation(person):
    set_role(person, Role.ORGANISATION, "Another Luton business")


def lose_confirmation(person):
    Membership.objects.filter(user=person).update(is_confirmed=False)


WAYS_TO_LEAVE = [leave_by_changing_role, leave_for_another_organisation, lose_confirmation]


# Managing a challenge needs a current, confirmed membership of its organisation.


def test_picking_a_team_needs_sign_in(client, challenge):
    interest = InterestFactory(challenge=challenge)
    response = client.post(f"/challenges/{challenge.pk}/select-team/", {"interest": interest.pk})
    assert response.url.startswith("/accounts/login/")
    assert client.get(f"/challenges/{challenge.pk}/complete/").url.startswith("/accounts/login/")


def test_a_stranger_cannot_manage_a_challenge(client, challenge):
    interest = InterestFactory(challenge=challenge)
    client.force_login(MembershipFactory().user)  # a confirmed member of another organisation
    assert client.post(f"/challenges/{challenge.pk}/select-team/", {"interest": interest.pk}).status_code == 403
    assert client.get(f"/challenges/{challenge.pk}/complete/").status_code == 403
    interest.refresh_from_db()
    assert interest.status == InterestStatus.INTERESTED


@pytest.mark.parametrize("leave", WAYS_TO_LEAVE)
def test_a_poster_who_left_the_organisation_no_longer_manages_its_challenge(
    client, challenge, organisation_member, leave
):
    interest = InterestFactory(challenge=challenge, note="Our team's private plan")
    leave(organisation_member)
    client.force_login(organisation_member)
    assert client.post(f"/challenges/{challenge.pk}/select-team/", {"interest": interest.pk}).status_code == 403
    interest.refresh_from_db()
    assert interest.status == InterestStatus.INTERESTED
    assert "Our team's private plan" not in client.get(challenge.url).text
    assert "Our team&#x27;s private plan" not in client.get("/me/").text

    select_team(challenge, interest, MembershipFactory(organisation=challenge.organisation).user)
    assert client.get(f"/challenges/{challenge.pk}/complete/").status_code == 403
    response = client.post(f"/challenges/{challenge.pk}/complete/", {"outcome": "Done."})
    assert response.status_code == 403
    assert interest.student.email not in client.get(challenge.url).text
    assert ChallengePage.objects.get(pk=challenge.pk).status == ChallengeStatus.IN_PROGRESS


@pytest.mark.parametrize("leave", WAYS_TO_LEAVE)
def test_a_poster_who_left_cannot_edit_their_draft_challenge(client, indexes, organisation_member, moderator, leave):
    submit_challenge(client, organisation_member)
    page = ChallengePage.objects.get()
    page.current_workflow_state.current_task_state.reject(user=moderator, comment="More detail, please.")
    leave(organisation_member)
    client.force_login(organisation_member)
    url = f"/challenges/submit/{page.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {**CHALLENGE, "title": "Changed after leaving"}).status_code == 404
    assert ChallengePage.objects.get().get_latest_revision_as_object().title == CHALLENGE["title"]
    assert url not in client.get("/me/").text


def test_a_current_member_who_did_not_post_it_manages_the_challenge(
    client, challenge, organisation_member, django_capture_on_commit_callbacks
):
    colleague = MembershipFactory(organisation=challenge.organisation).user
    leave_by_changing_role(organisation_member)
    interest = InterestFactory(challenge=challenge, note="Three of us")
    client.force_login(colleague)
    assert "Three of us" in client.get(challenge.url).text and "Three of us" in client.get("/me/").text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/challenges/{challenge.pk}/select-team/", {"interest": interest.pk})
    assert response.status_code == 302
    interest.refresh_from_db()
    assert interest.status == InterestStatus.SELECTED
    # The one who picked is the organisation's contact; the poster who left hears nothing.
    assert sorted(message.to[0] for message in mail.outbox) == sorted([colleague.email, interest.student.email])
    assert colleague.email in next(m.body for m in mail.outbox if m.to == [interest.student.email])
    assert client.get(f"/challenges/{challenge.pk}/complete/").status_code == 200
    client.post(f"/challenges/{challenge.pk}/complete/", {"outcome": "Done.", "project": ""})
    assert ChallengePage.objects.get(pk=challenge.pk).status == ChallengeStatus.COMPLETED


def test_a_poster_who_left_is_not_emailed_about_new_interest(
    client, challenge, organisation_member, student, django_capture_on_commit_callbacks
):
    leave_by_changing_role(organisation_member)
    client.force_login(student)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/challenges/{challenge.pk}/interest/", {"note": "We would love to."})
    assert Interest.objects.filter(challenge=challenge).exists()
    assert [message.to for message in mail.outbox] == []


# Team picks and completions keep an editor's unpublished draft.


def test_an_editors_draft_survives_a_team_pick_and_a_completion(challenge, organisation_member, student):
    editor = StaffFactory(groups=["Editors"])
    draft = ChallengePage.objects.get(pk=challenge.pk).get_latest_revision_as_object()
    draft.success = "The bakery throws away half as much bread, measured over a month."
    draft.save_revision(user=editor)
    select_team(challenge, InterestFactory(challenge=challenge, student=student), organisation_member)

    challenge = ChallengePage.objects.get(pk=challenge.pk)
    assert challenge.status == ChallengeStatus.IN_PROGRESS and challenge.success == "Half the time spent."
    assert challenge.has_unpublished_changes
    draft = challenge.get_latest_revision_as_object()
    assert draft.success.startswith("The bakery throws away half") and draft.status == ChallengeStatus.IN_PROGRESS

    complete_challenge(challenge, "<p>Waste halved.</p>", None, organisation_member)
    challenge = ChallengePage.objects.get(pk=challenge.pk)
    assert challenge.status == ChallengeStatus.COMPLETED and challenge.outcome == "<p>Waste halved.</p>"
    assert challenge.success == "Half the time spent." and challenge.has_unpublished_changes
    draft = challenge.get_latest_revision_as_object()
    assert draft.success.startswith("The bakery throws away half")
    assert draft.status == ChallengeStatus.COMPLETED and draft.outcome == "<p>Waste halved.</p>"

    draft.get_latest_revision().publish(user=editor)  # the editor publishes later: nothing is undone
    challenge = ChallengePage.objects.get(pk=challenge.pk)
    assert challenge.success.startswith("The bakery throws away half") and challenge.status == ChallengeStatus.COMPLETED


def test_withdrawing_keeps_an_editors_draft_too(challenge, organisation_member, student):
    interest = InterestFactory(challenge=challenge, student=student)
    select_team(challenge, interest, organisation_member)
    draft = ChallengePage.objects.get(pk=challenge.pk).get_latest_revision_as_object()
    draft.timescale = "Ten weeks from March"
    draft.save_revision(user=StaffFactory(groups=["Editors"]))
    withdraw_interest(Interest.objects.get(pk=interest.pk))
    challenge = ChallengePage.objects.get(pk=challenge.pk)
    assert challenge.status == ChallengeStatus.OPEN
    draft = challenge.get_latest_revision_as_object()
    assert draft.timescale == "Ten weeks from March" and draft.status == ChallengeStatus.OPEN


# Deleting an account leaves what others still use.


def draft_project(**kwargs) -> ProjectPage:
    project = ProjectPageFactory(live=False, first_published_at=None, **kwargs)
    project.save_revision(user=project.owner)
    return project


def test_a_team_draft_passes_to_a_teammate_when_its_owner_deletes_their_account(indexes, student):
    teammate = UserFactory(role=Role.STUDENT)
    project = draft_project(owner=student, team_members=[student, teammate])
    delete_account(student)
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.owner == teammate
    assert list(project.team_members.all()) == [teammate]
    assert list(project.get_latest_revision_as_object().team_members.all()) == [teammate]


def test_a_teammate_deleting_their_account_just_leaves_the_team(indexes, student):
    owner = UserFactory(role=Role.STUDENT)
    project = draft_project(owner=owner, team_members=[owner, student])
    delete_account(student)
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.owner == owner and list(project.team_members.all()) == [owner]


def test_images_of_a_deleted_draft_go_only_when_nothing_else_uses_them(indexes, student):
    own = save_image(image_upload(), "Only in the draft", student)
    shared = save_image(image_upload(), "Also in another project", student)
    from_library = save_image(image_upload(), "An editor's picture", StaffFactory(groups=["Editors"]))
    project = draft_project(owner=student, team_members=[student])
    for image in (own, shared, from_library):
        ProjectGalleryImage.objects.create(page=project, image=image, alt_text=image.title)
    ProjectGalleryImage.objects.create(page=ProjectPageFactory(), image=shared, alt_text="Reused")

    delete_account(student)
    assert not ProjectPage.objects.filter(pk=project.pk).exists()
    assert set(get_image_model().objects.values_list("title", flat=True)) == {
        "Also in another project",
        "An editor's picture",
    }


def test_a_challenge_whose_picked_student_deletes_their_account_opens_again(challenge, organisation_member, student):
    other = InterestFactory(challenge=challenge)
    select_team(challenge, InterestFactory(challenge=challenge, student=student), organisation_member)
    delete_account(student)
    challenge = ChallengePage.objects.get(pk=challenge.pk)
    assert challenge.status == ChallengeStatus.OPEN
    assert challenge.get_latest_revision_as_object().status == ChallengeStatus.OPEN
    assert not Interest.objects.filter(status=InterestStatus.SELECTED).exists()
    other.refresh_from_db()
    assert other.status == InterestStatus.NOT_SELECTED


def test_a_completed_challenge_stays_completed_when_its_team_goes(challenge, organisation_member, student):
    select_team(challenge, InterestFactory(challenge=challenge, student=student), organisation_member)
    complete_challenge(ChallengePage.objects.get(pk=challenge.pk), "<p>Done.</p>", None, organisation_member)
    delete_account(student)
    assert ChallengePage.objects.get(pk=challenge.pk).status == ChallengeStatus.COMPLETED
