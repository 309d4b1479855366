"""The outbox: every email stored with its cause, sent once, retried with backoff, visible to editors."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from portal.accounts.factories import StaffFactory, UserFactory
from portal.accounts.personal_data import delete_account, export_personal_data
from portal.emails import send_templated_email
from portal.outbox import sending
from portal.outbox.models import RETRY_DELAYS, SENDING_TIMEOUT, OutgoingMessage

from .mfa import sign_in_with_code

pytestmark = pytest.mark.django_db

FAILING = "tests.test_outbox.RefusingBackend"
CONTEXT = {"page": {"title": "Forecast food bank demand"}, "kind": "project"}


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def send_one(to="amira@example.org", name="projects_published") -> OutgoingMessage:
    with transaction.atomic():
        send_templated_email(name, to, CONTEXT)
    return OutgoingMessage.objects.get(to=to)


def make_due(message: OutgoingMessage) -> None:
    OutgoingMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_an_email_is_stored_then_sent_once_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_email("projects_published", ["amira@example.org", "bo@example.org"], CONTEXT)
        assert OutgoingMessage.objects.count() == 2 and not mail.outbox
    assert sorted(message.to[0] for message in mail.outbox) == ["amira@example.org", "bo@example.org"]
    row = OutgoingMessage.objects.get(to="amira@example.org")
    assert row.status == OutgoingMessage.Status.SENT and row.attempts == 1 and row.sent_at
    sent = next(message for message in mail.outbox if message.to == ["amira@example.org"])
    assert sent.extra_headers["Message-ID"] == row.message_id == f"<{row.pk}@lutonaiclub.org.uk>"
    assert row.body_text and row.body_html and row.subject == sent.subject
    assert sending.send(row.pk) is None  # already sent: nothing goes out again
    assert len(mail.outbox) == 2


def test_an_email_whose_cause_is_rolled_back_is_neither_stored_nor_sent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send_templated_email("projects_published", "amira@example.org", CONTEXT)
        raise RuntimeError("the booking failed")
    assert not OutgoingMessage.objects.exists() and not mail.outbox


def test_a_failed_send_waits_and_is_sent_later_exactly_once(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        message = send_one()
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.WAITING and message.attempts == 1
    assert "SMTPServerDisconnected" in message.last_error
    wait = message.next_attempt_at - timezone.now()
    assert timedelta(seconds=50) < wait <= RETRY_DELAYS[0]
    assert sending.send_due() == 0  # not due yet
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_due(message)
    assert sending.send_due() == 1
    assert sending.send_due() == 0
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT and message.last_error == ""


def test_retries_back_off_then_give_up(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        message = send_one()
    delays = []
    for _ in RETRY_DELAYS:
        message.refresh_from_db()
        delays.append(message.next_attempt_at - timezone.now())
        make_due(message)
        sending.send(message.pk)
    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.FAILED and message.attempts == len(RETRY_DELAYS) + 1
    assert delays == sorted(delays) and delays[-1] > timedelta(hours=5)
    assert sending.send_due() == 0


def test_one_failing_message_does_not_hold_up_the_others(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        first = send_one("first@example.org")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        send_one("second@example.org")
    assert [message.to for message in mail.outbox] == [["second@example.org"]]
    assert OutgoingMessage.objects.get(pk=first.pk).status == OutgoingMessage.Status.WAITING


def test_a_message_a_worker_is_sending_is_left_alone_until_that_worker_is_surely_gone():
    message = OutgoingMessage.objects.create(
        to="a@example.org", from_email="x@example.org", subject="Hi", body_text="Hi", kind="test"
    )
    OutgoingMessage.objects.filter(pk=message.pk).update(
        status=OutgoingMessage.Status.SENDING, attempts=1, claimed_at=timezone.now()
    )
    assert sending.send(message.pk) is None and not mail.outbox
    OutgoingMessage.objects.filter(pk=message.pk).update(claimed_at=timezone.now() - SENDING_TIMEOUT * 2)
    assert sending.send(message.pk) == OutgoingMessage.Status.SENT
    assert len(mail.outbox) == 1 and mail.outbox[0].extra_headers["Message-ID"] == message.message_id


def test_links_that_sign_people_in_are_not_kept_after_sending(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body
    row = OutgoingMessage.objects.get(to=user.email)
    assert row.status == OutgoingMessage.Status.SENT and row.subject and row.body_text == "" and row.body_html == ""


def test_the_outbox_is_part_of_a_persons_data_and_goes_with_the_account(django_capture_on_commit_callbacks):
    user, other = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        send_one(user.email)
        send_one(other.email)
    exported = export_personal_data(user)["emails"]
    assert [row["to"] for row in exported] == [user.email] and exported[0]["status"] == "sent"
    delete_account(user)
    assert list(OutgoingMessage.objects.values_list("to", flat=True)) == [other.email]


def test_sent_email_is_pruned_after_90_days_and_failures_are_kept(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        old, recent = send_one("old@example.org"), send_one("recent@example.org")
    failed = OutgoingMessage.objects.create(
        to="f@example.org", from_email="x@example.org", subject="Hi", body_text="Hi", kind="t", status="failed"
    )
    OutgoingMessage.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=91))
    OutgoingMessage.objects.filter(pk=recent.pk).update(sent_at=timezone.now() - timedelta(days=89))
    call_command("process_outbox")
    assert set(OutgoingMessage.objects.values_list("pk", flat=True)) == {recent.pk, failed.pk}


def test_portal_status_shows_the_backlog(capsys, settings):
    settings.EMAIL_BACKEND = FAILING
    send_one()  # stored; the commit never comes in this test, so it waits
    call_command("portal_status")
    out = capsys.readouterr().out
    assert "Email waiting to be sent: 1" in out and "Oldest task waiting for the worker: none waiting" in out


def test_editors_see_failed_email_and_send_it_again(client, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        message = send_one()
    OutgoingMessage.objects.filter(pk=message.pk).update(status="failed", last_error="SMTPAuthenticationError: 535")
    sign_in_with_code(client, StaffFactory())
    html = client.get("/admin/outbox/").text
    assert "amira@example.org" in html and "SMTPAuthenticationError: 535" in html
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/outbox/retry/", {"message": str(message.pk)})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and OutgoingMessage.objects.get(pk=message.pk).status == "sent"


@pytest.mark.parametrize("groups", [["Moderators"], ["Analysts"]])
def test_staff_without_the_permission_cannot_see_or_retry_the_outbox(client, groups):
    failed = OutgoingMessage.objects.create(
        to="f@example.org", from_email="x@example.org", subject="Hi", body_text="Hi", kind="t", status="failed"
    )
    sign_in_with_code(client, StaffFactory(groups=groups))
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    response = client.get("/admin/outbox/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.post("/admin/outbox/retry/")["Location"] == "/admin/"
    assert OutgoingMessage.objects.get(pk=failed.pk).status == "failed" and not mail.outbox


def test_anonymous_people_are_sent_to_sign_in_for_the_outbox(client):
    assert client.get("/admin/outbox/")["Location"].startswith("/accounts/login/")
