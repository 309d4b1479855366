"""iCalendar files for one event and for a feed of events (RFC 5545), times in UTC."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText

from .models import EventPage, EventStatus

PRODID = "-//Luton AI Club//Events//EN"


def event_uid(event: EventPage) -> str:
    """Stable for the life of the event, whatever editors change."""
    return f"{event.calendar_uid}@lutonaiclub.org.uk"


def event_location(event: EventPage) -> str:
    if event.venue:
        return event.venue.one_line_address
    return _("Online")


def event_component(event: EventPage, base_url: str, stamp: datetime.datetime, status: str = "CONFIRMED") -> Event:
    """The event as a VEVENT; `status` is what it is for the reader unless the event is cancelled."""
    component = Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", stamp)
    if event.all_day:
        component.add("dtstart", timezone.localtime(event.start).date())
        component.add("dtend", timezone.localtime(event.end).date() + datetime.timedelta(days=1))
    else:
        component.add("dtstart", event.start.astimezone(datetime.UTC))
        component.add("dtend", event.end.astimezone(datetime.UTC))
    component.add("summary", event.title)
    if event.introduction:
        component.add("description", event.introduction)
    component.add("location", vText(event_location(event)))
    component.add("url", base_url + event.url)
    component.add("sequence", event.sequence)
    component.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else status)
    component.add("organizer", f"mailto:{event.organiser_email}", parameters={"CN": event.organiser_name})
    return component


def build_calendar(events, name: str | None = None, method: str = "PUBLISH", status: str = "CONFIRMED") -> bytes:
    """A VCALENDAR with one VEVENT per event, as bytes ready to serve as text/calendar;
    `name` is the calendar's name, by default the club's events in the reader's language."""
    if name is None:
        name = _("Luton AI Club events")
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(datetime.UTC)
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for event in events:
        calendar.add_component(event_component(event, base_url, stamp, status))
    return calendar.to_ical()


# How one person's booking shows in their calendar: a place on the waiting list is tentative,
# and a booking they cancelled takes the event out of their calendar.
BOOKING_CALENDAR = {"waitlisted": ("PUBLISH", "TENTATIVE"), "cancelled": ("CANCEL", "CANCELLED")}


def ics_attachment(event: EventPage, booking: str = "") -> tuple[str, str, str]:
    """(filename, content, mimetype) for attaching `event` to an email about a `booking`
    (an email kind such as "waitlisted"; others show the event as it is)."""
    method, status = BOOKING_CALENDAR.get(booking, ("PUBLISH", "CONFIRMED"))
    content = build_calendar([event], name=event.title, method=method, status=status).decode()
    return ("event.ics", content, "text/calendar")
