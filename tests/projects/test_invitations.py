"""Nobody joins a project's team without saying yes, and the form reveals nothing about who
has an account."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from portal.accounts.factories import UserFactory
from portal.accounts.models import Role
from portal.accounts.personal_data import delete_account, export_personal_data
from projects.invitations import INVITATIONS_PER_HOUR
from projects.models import ProjectPage, TeamInvitation

from .test_submissions import PROJECT

pytestmark = pytest.mark.django_db


def invite(client, student, addresses, capture):
    client.force_login(student)
    with capture(execute=True):
        return client.post("/projects/submit/", {**PROJECT, "invite_emails": addresses})


def invitation_link(address: str) -> str:
    (message,) = [message for message in mail.outbox if message.to == [address] and "invites you" in message.subject]
    return re.search(r"https?://[^/\s]+(/projects/invitations/[^/\s]+/)", message.body).group(1)


def test_inviting_adds_nobody_and_treats_every_address_alike(
    client, indexes, student, django_capture_on_commit_callbacks
):
    teammate = UserFactory(role=Role.STUDENT, email="sam@example.org")
    addresses = f"{teammate.email.upper()}, nobody@example.org"
    response = invite(client, student, addresses, django_capture_on_commit_callbacks)
    assert response.status_code == 302, response.content
    page = ProjectPage.objects.get()
    assert set(page.team_members.all()) == {student}
    assert set(page.get_latest_revision_as_object().team_members.all()) == {student}
    invited = [message for message in mail.outbox if "invites you" in message.subject]
    assert sorted(message.to[0] for message in invited) == ["nobody@example.org", "sam@example.org"]
    assert len({message.subject for message in invited}) == 1

    def generic(message):
        address = message.to[0]
        return message.body.replace(invitation_link(address), "LINK").replace(address, "ADDRESS")

    assert generic(invited[0]) == generic(invited[1])
    token = invitation_link("sam@example.org").split("/")[-2]
    assert not TeamInvitation.objects.filter(token_hash=token).exists()  # only its hash is stored
    me = client.get("/me/")
    assert "We’ve emailed an invitation to sam@example.org, nobody@example.org" in me.text
    assert not any("added you" in message.body for message in mail.outbox)


def test_a_malformed_address_is_reported_at_the_field_and_nothing_saved(
    client, indexes, student, django_capture_on_commit_callbacks
):
    response = invite(client, student, "sam@example.org, not an address", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert 'id="id_invite_emails-error"' in response.text
    assert "Enter email addresses separated by commas" in response.text
    assert not ProjectPage.objects.exists() and not TeamInvitation.objects.exists() and not mail.outbox


def test_invitations_are_limited_per_hour_and_the_form_says_so(
    client, indexes, student, django_capture_on_commit_callbacks
):
    addresses = ", ".join(f"invitee{n}@example.net" for n in range(INVITATIONS_PER_HOUR + 1))
    response = invite(client, student, addresses, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert f"You can invite up to {INVITATIONS_PER_HOUR} people an hour" in response.text
    assert not ProjectPage.objects.exists() and not TeamInvitation.objects.exists() and not mail.outbox


def test_the_invited_person_accepts_and_joins_the_team(client, indexes, student, django_capture_on_commit_callbacks):
    invite(client, student, "sam@example.org", django_capture_on_commit_callbacks)
    link = invitation_link("sam@example.org")
    client.logout()
    assert client.get(link).url.startswith("/accounts/login/?next=/projects/invitations/")
    teammate = UserFactory(role=Role.STUDENT, email="sam@example.org")
    client.force_login(teammate)
    page_view = client.get(link)
    assert page_view.status_code == 200 and "Join the team for “Bread forecast”?" in page_view.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {"answer": "accept"})
    assert response.url == "/me/"
    page = ProjectPage.objects.get()
    assert set(page.team_members.all()) == {student, teammate}
    assert set(page.get_latest_revision_as_object().team_members.all()) == {student, teammate}
    assert [message.to for message in mail.outbox if "added you" in message.body] == [[teammate.email]]
    assert client.get(link).status_code == 403  # answered already
    assert "already been accepted" in client.get(link).text


def test_declining_adds_nobody(client, indexes, student, django_capture_on_commit_callbacks):
    invite(client, student, "sam@example.org", django_capture_on_commit_callbacks)
    link = invitation_link("sam@example.org")
    client.force_login(UserFactory(email="sam@example.org"))
    assert client.post(link, {"answer": "decline"}).url == "/me/"
    assert set(ProjectPage.objects.get().team_members.all()) == {student}
    assert TeamInvitation.objects.get().status == "Declined"
    assert client.post(link, {"answer": "accept"}).status_code == 403
    assert set(ProjectPage.objects.get().team_members.all()) == {student}


@pytest.mark.parametrize(
    "who, reason",
    [
        ("someone else", "This invitation was sent to sam@example.org"),
        ("unconfirmed", "This invitation was sent to sam@example.org"),
        ("expired", "This invitation has expired"),
    ],
)
def test_only_the_holder_of_the_invited_address_can_accept_a_live_invitation(
    client, indexes, student, django_capture_on_commit_callbacks, who, reason
):
    invite(client, student, "sam@example.org", django_capture_on_commit_callbacks)
    link = invitation_link("sam@example.org")
    if who == "someone else":
        user = UserFactory(email="alex@example.org")
    elif who == "unconfirmed":
        user = UserFactory(email="sam@example.org", verified=False)
    else:
        user = UserFactory(email="sam@example.org")
        TeamInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(user)
    response = client.post(link, {"answer": "accept"})
    assert response.status_code == 403 and reason in response.text
    assert set(ProjectPage.objects.get().team_members.all()) == {student}


def test_a_link_that_is_not_ours_is_not_found(client, indexes, student):
    client.force_login(student)
    assert client.get("/projects/invitations/made-up-token/").status_code == 404


def test_the_submitter_sees_who_has_not_answered_and_can_take_people_off_the_team(
    client, indexes, student, moderator, django_capture_on_commit_callbacks
):
    invite(client, student, "sam@example.org, kit@example.org", django_capture_on_commit_callbacks)
    teammate = UserFactory(role=Role.STUDENT, email="sam@example.org")
    link = invitation_link("sam@example.org")
    client.force_login(teammate)
    client.post(link, {"answer": "accept"})
    page = ProjectPage.objects.get()
    page.current_workflow_state.current_task_state.reject(user=moderator, comment="More detail")
    client.force_login(student)
    form = client.get(f"/projects/submit/{page.pk}/")
    assert "Invitations waiting for an answer" in form.text and "kit@example.org" in form.text
    assert teammate.display_name in form.text
    response = client.post(f"/projects/submit/{page.pk}/", {**PROJECT, "remove_members": [teammate.pk]})
    assert response.status_code == 302, response.content
    assert set(ProjectPage.objects.get().get_latest_revision_as_object().team_members.all()) == {student}


def test_invitations_are_in_the_data_export_and_go_with_the_account(
    client, indexes, student, django_capture_on_commit_callbacks
):
    invite(client, student, "sam@example.org", django_capture_on_commit_callbacks)
    teammate = UserFactory(email="sam@example.org")
    EmailAddress.objects.create(user=teammate, email="someone-elses@example.org", verified=False)
    received = export_personal_data(teammate)["challenges_and_projects"]["team_invitations_received"]
    assert [entry["project"] for entry in received] == ["Bread forecast"]
    sent = export_personal_data(student)["challenges_and_projects"]["team_invitations_sent"]
    assert [entry["email"] for entry in sent] == ["sam@example.org"]
    delete_account(teammate)
    assert not TeamInvitation.objects.exists()


def test_an_unconfirmed_address_shows_nothing_of_its_invitations(
    client, indexes, student, django_capture_on_commit_callbacks
):
    invite(client, student, "sam@example.org", django_capture_on_commit_callbacks)
    claimant = UserFactory(email="alex@example.org")
    EmailAddress.objects.create(user=claimant, email="sam@example.org", verified=False)
    assert export_personal_data(claimant)["challenges_and_projects"]["team_invitations_received"] == []
    delete_account(claimant)
    assert TeamInvitation.objects.count() == 1
