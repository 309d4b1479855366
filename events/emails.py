"""Every email about events: what the person booked, with the event attached as .ics."""

from django.utils import timezone

from portal.emails import send_templated_email

from .ical import ics_attachment
from .models import EventPage, Registration

BOOKING_EMAILS = ("confirmed", "waitlisted", "promoted", "cancelled", "reminder")


def send_booking_email(registration: Registration, kind: str) -> None:
    """Queue the `kind` email (one of BOOKING_EMAILS) for one booking, sent after commit."""
    if kind not in BOOKING_EMAILS:
        raise ValueError(f"Unknown booking email {kind!r}")
    event = registration.event
    send_templated_email(
        f"events_{kind}",
        registration.user.email,
        {"event": event, "registration": registration, "start": timezone.localtime(event.start)},
        attachments=[ics_attachment(event, booking=kind)],
    )


def send_event_changed_emails(event: EventPage) -> int:
    """Tell everyone booked or waiting that organisers changed or cancelled the event.
    Returns how many emails were queued."""
    name = "events_event_cancelled" if event.is_cancelled else "events_event_changed"
    registrations = event.registrations.active().select_related("user")
    for registration in registrations:
        send_templated_email(
            name,
            registration.user.email,
            {"event": event, "registration": registration, "start": timezone.localtime(event.start)},
            attachments=[ics_attachment(event)],
        )
    return len(registrations)
