"""Storing and sending outgoing email.

A message is written to the outbox in the same transaction as the change that caused it,
then handed to the worker once that transaction commits. Sending claims the row, sends it
with a Message-ID that never changes, and records success straight away; a failure waits
for the next retry (RETRY_DELAYS), and after the last one the message is marked failed.
Each message is sent on its own, so one that fails never holds up anyone else's.
"""

import logging
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone, translation
from django_tasks import default_task_backend

from .models import KEEP_SENT_FOR, RETRY_DELAYS, OutgoingMessage

logger = logging.getLogger("portal.outbox")

# Kinds whose body holds a secret (a confirmation or password-reset link): kept only until sent.
SECRET_KINDS_PREFIX = "account/"


def store(message: EmailMessage, kind: str, related: Model | None = None) -> list[OutgoingMessage]:
    """Write `message` to the outbox, one row per recipient (so nobody sees another's
    address), and send each once the current transaction commits. Returns the rows, which
    record the language active now, the one the message was written in."""
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next((content for content, mimetype in message.alternatives if mimetype == "text/html"), "")
    attachments = [
        [filename, content if isinstance(content, str) else content.decode(), mimetype]
        for filename, content, mimetype in message.attachments
    ]
    recipients = list(dict.fromkeys(message.to))
    users = {user.email.lower(): user for user in get_user_model().objects.filter(email__in=recipients)}
    related_fields = {}
    if related is not None:
        related_fields = {"related_type": ContentType.objects.get_for_model(related), "related_id": str(related.pk)}
    rows = OutgoingMessage.objects.bulk_create(
        OutgoingMessage(
            to=address,
            user=users.get(address.lower()),
            from_email=message.from_email,
            subject=message.subject,
            body_text=message.body,
            body_html=html,
            attachments=attachments,
            kind=kind,
            language=translation.get_language() or "",
            **related_fields,
        )
        for address in recipients
    )
    for row in rows:
        transaction.on_commit(partial(enqueue, row))
    return rows


def enqueue(message: OutgoingMessage) -> None:
    """Hand the message to the worker; at its next attempt time where the queue can wait."""
    from .tasks import send_outgoing_message

    task = send_outgoing_message
    if message.attempts and default_task_backend.supports_defer:
        task = task.using(run_after=message.next_attempt_at)
    try:
        task.enqueue(str(message.pk))
    except Exception:
        # The row is safe in the outbox: `process_outbox` sends it if the queue was unreachable.
        logger.exception("Could not queue outgoing email %s; process_outbox will send it", message.pk)


def build(message: OutgoingMessage) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=message.from_email,
        to=[message.to],
        headers={"Message-ID": message.message_id},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    for filename, content, mimetype in message.attachments:
        email.attach(filename, content, mimetype)
    return email


def claim(message_id) -> OutgoingMessage | None:
    """Take a due message for sending, or None if it is sent, failed, not yet due, or
    being sent by another worker right now."""
    now = timezone.now()
    with transaction.atomic():
        message = OutgoingMessage.objects.select_for_update(skip_locked=True).due(now).filter(pk=message_id).first()
        if message is None:
            return None
        message.status = OutgoingMessage.Status.SENDING
        message.attempts += 1
        message.claimed_at = now
        message.save(update_fields=["status", "attempts", "claimed_at"])
    return message


def send(message_id) -> str | None:
    """Send one outgoing message if it is due; returns its status afterwards, or None when
    there was nothing to do."""
    message = claim(message_id)
    if message is None:
        return None
    try:
        build(message).send()
    except Exception as error:
        return record_failure(message, error)
    # Recorded before anything else can go wrong, so a retry never sends it again.
    done = {"status": OutgoingMessage.Status.SENT, "sent_at": timezone.now(), "last_error": ""}
    if message.kind.startswith(SECRET_KINDS_PREFIX):
        done |= {"body_text": "", "body_html": ""}
    OutgoingMessage.objects.filter(pk=message.pk).update(**done)
    return OutgoingMessage.Status.SENT


def record_failure(message: OutgoingMessage, error: Exception) -> str:
    message.last_error = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts > len(RETRY_DELAYS):
        message.status = OutgoingMessage.Status.FAILED
        logger.error("Gave up sending outgoing email %s after %s attempts: %s", message.pk, message.attempts, error)
    else:
        message.status = OutgoingMessage.Status.WAITING
        message.next_attempt_at = timezone.now() + RETRY_DELAYS[message.attempts - 1]
        logger.warning("Outgoing email %s not sent (attempt %s), will retry: %s", message.pk, message.attempts, error)
    message.save(update_fields=["status", "last_error", "next_attempt_at"])
    if message.status == OutgoingMessage.Status.WAITING:
        enqueue(message)
    return message.status


def retry(messages: QuerySet) -> int:
    """Send failed or waiting messages again now (an editor's "Retry"); returns how many."""
    rows = list(messages.filter(status__in=[OutgoingMessage.Status.FAILED, OutgoingMessage.Status.WAITING]))
    now = timezone.now()
    for row in rows:
        row.status, row.next_attempt_at, row.attempts = OutgoingMessage.Status.WAITING, now, 0
    OutgoingMessage.objects.bulk_update(rows, ["status", "next_attempt_at", "attempts"])
    for row in rows:
        transaction.on_commit(partial(enqueue, row))
    return len(rows)


def send_due() -> int:
    """Send every due message (the safety net for a queue that was down); returns how many were sent."""
    ids = list(OutgoingMessage.objects.due().order_by("next_attempt_at").values_list("pk", flat=True)[:500])
    return sum(send(message_id) == OutgoingMessage.Status.SENT for message_id in ids)


def prune(now=None) -> int:
    """Delete messages sent more than 90 days ago; returns how many."""
    now = now or timezone.now()
    deleted, _ = OutgoingMessage.objects.filter(
        status=OutgoingMessage.Status.SENT, sent_at__lt=now - KEEP_SENT_FOR
    ).delete()
    return deleted
