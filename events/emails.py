"""Every email about events: what the person booked, with the event attached as .ics."""

import datetime

from django.utils import timezone

from portal.emails import send_templated_email

from .ical import ics_attachment
from .models import EventPage, Registration

BOOKING_EMAILS = ("confirmed", "waitlisted", "promoted", "cancelled", "reminder")


def send_booking_email(registration: Registration, kind: str) -> bool:
    """Queue the `kind` email (one of BOOKING_EMAILS) for one booking, sent after commit.
    Returns False, queueing nothing, for a booking whose account was deleted."""
    if kind not in BOOKING_EMAILS:
        raise ValueError(f"Unknown booking email {kind!r}")
    if registration.user is None:
        return False
    event = registration.event
    send_templated_email(
        f"events_{kind}",
        registration.user.email,
        {"event": event, "registration": registration, "start": timezone.localtime(event.start)},
        attachments=[ics_attachment(event, booking=kind)],
    )
    return True


def send_event_changed_emails(event: EventPage, now: datetime.datetime | None = None) -> int:
    """Tell everyone booked or waiting that organisers changed or cancelled the event, if it
    has not finished; bookings whose account was deleted are skipped.
    Returns how many emails were queued."""
    if event.end < (now or timezone.now()):
        return 0
    name = "events_event_cancelled" if event.is_cancelled else "events_event_changed"
    registrations = event.registrations.active().with_account().select_related("user")
    for registration in registrations:
        send_templated_email(
            name,
            registration.user.email,
            {"event": event, "registration": registration, "start": timezone.localtime(event.start)},
            attachments=[ics_attachment(event)],
        )
    return len(registrations)
