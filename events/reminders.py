"""Scheduled work: reminders 24 hours before an event, and deleting access needs 30 days after."""

import datetime

from django.utils import timezone

from .emails import send_booking_email
from .models import EventStatus, Registration

REMINDER_NOTICE = datetime.timedelta(hours=24)
ACCESS_NEEDS_KEPT_FOR = datetime.timedelta(days=30)


def send_event_reminders(now: datetime.datetime | None = None) -> int:
    """Email everyone with a confirmed place at an event starting in the next 24 hours, once,
    unless they turned event reminders off in their profile. Safe to run as often as you like,
    even twice at the same moment. Returns how many were sent."""
    now = now or timezone.now()
    due = (
        Registration.objects.confirmed()
        .with_account()
        .filter(
            user__profile__email_event_reminders=True,
            reminder_sent_at__isnull=True,
            event__live=True,
            event__status=EventStatus.SCHEDULED,
            event__start__gt=now,
            event__start__lte=now + REMINDER_NOTICE,
        )
        .select_related("event", "event__venue", "user")
    )
    sent = 0
    for registration in due:
        # Claiming the row first means a second run at the same moment cannot send it again.
        claimed = Registration.objects.filter(pk=registration.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if claimed:
            send_booking_email(registration, "reminder")
            sent += 1
    return sent


def purge_access_needs(now: datetime.datetime | None = None) -> int:
    """Delete access needs (special-category data) from bookings for events that ended more
    than 30 days ago. Returns how many bookings were cleared."""
    now = now or timezone.now()
    return (
        Registration.objects.filter(event__end__lt=now - ACCESS_NEEDS_KEPT_FOR)
        .exclude(access_needs="")
        .update(access_needs="")
    )
