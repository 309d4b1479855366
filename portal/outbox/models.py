"""Every email the portal sends, stored first and sent by the worker (nothing lost, sent once)."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

# How long to wait before each retry: 1, 5 and 30 minutes, then 2, 6 and 24 hours; then give up.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=24),
]
# A message still "sending" after this long belongs to a worker that died mid-send.
SENDING_TIMEOUT = timedelta(minutes=10)
KEEP_SENT_FOR = timedelta(days=90)


class OutgoingMessageQuerySet(models.QuerySet):
    def due(self, now=None):
        """Waiting messages whose next attempt has come, and ones a dead worker left half-sent."""
        now = now or timezone.now()
        waiting = models.Q(status=OutgoingMessage.Status.WAITING, next_attempt_at__lte=now)
        abandoned = models.Q(status=OutgoingMessage.Status.SENDING, claimed_at__lte=now - SENDING_TIMEOUT)
        return self.filter(waiting | abandoned)

    def backlog(self):
        return self.filter(status__in=[OutgoingMessage.Status.WAITING, OutgoingMessage.Status.SENDING])

    def for_person(self, user):
        return self.filter(models.Q(user=user) | models.Q(to__iexact=user.email))


class OutgoingMessage(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", gettext_lazy("Waiting to be sent")
        SENDING = "sending", gettext_lazy("Being sent")
        SENT = "sent", pgettext_lazy("email status", "Sent")
        FAILED = "failed", pgettext_lazy("email status", "Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    to = models.EmailField(max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="outgoing_messages"
    )
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=998)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    attachments = models.JSONField(default=list, blank=True, help_text="[filename, text content, MIME type] each")
    kind = models.CharField(max_length=100, help_text="The email template it was made from")
    language = models.CharField(max_length=10, blank=True)
    related_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    related_id = models.CharField(max_length=64, blank=True)
    related = GenericForeignKey("related_type", "related_id")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutgoingMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = gettext_lazy("outgoing email")
        verbose_name_plural = gettext_lazy("outgoing emails")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        permissions = [("retry_outgoingmessage", "Can retry sending outgoing email")]

    def __str__(self):
        return f"{self.subject} → {self.to}"

    @property
    def message_id(self) -> str:
        """The same Message-ID on every attempt, so a receiver can tell a resend from a new message."""
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "localhost"
        return f"<{self.id}@{domain}>"
