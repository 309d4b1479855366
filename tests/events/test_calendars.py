import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.factories import EventPageFactory
from skills.models import Area

pytestmark = pytest.mark.django_db


def vevents(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    return calendar.walk("VEVENT")


def test_event_ics_is_valid_with_stable_uid(client, event):
    (first,) = vevents(client.get(f"/events/{event.slug}/event.ics"))
    (again,) = vevents(client.get(f"/events/{event.slug}/event.ics"))
    assert first["UID"] == again["UID"]
    assert str(first["SUMMARY"]) == "What is AI?"
    assert first["DTSTART"].dt == event.start
    assert first["DTEND"].dt == event.end
    assert first["DTSTART"].dt.tzinfo is not None
    assert first["DTSTAMP"]
    assert first["SEQUENCE"] == 0
    assert str(first["STATUS"]) == "CONFIRMED"
    assert str(first["URL"]).endswith(event.url)
    assert event.venue.postcode in str(first["LOCATION"])


def test_all_day_events_use_dates(client, event_index):
    start = (timezone.now() + datetime.timedelta(days=10)).replace(hour=9, minute=0)
    event = EventPageFactory(
        parent=event_index, all_day=True, start=start, end=start + datetime.timedelta(days=1, hours=8)
    )
    (component,) = vevents(client.get(f"/events/{event.slug}/event.ics"))
    assert component["DTSTART"].dt == timezone.localtime(start).date()
    assert component["DTEND"].dt == timezone.localtime(start).date() + datetime.timedelta(days=2)


def test_feed_lists_upcoming_events_and_applies_filters(client, event_index):
    scams = EventPageFactory(parent=event_index, title="Spotting scams", level=1, audience="residents")
    scams.areas.set([Area.objects.get(slug="staying-safe")])
    scams.save_revision().publish()
    EventPageFactory(parent=event_index, title="Hackathon", level=3, audience="students")
    EventPageFactory(parent=event_index, title="Old talk", start=timezone.now() - datetime.timedelta(days=5))
    everything = {str(c["SUMMARY"]) for c in vevents(client.get("/events/feed.ics"))}
    assert everything == {"Spotting scams", "Hackathon"}
    filtered = client.get("/events/feed.ics?area=staying-safe&level=1&audience=residents")
    assert [str(c["SUMMARY"]) for c in vevents(filtered)] == ["Spotting scams"]


def test_unknown_event_calendar_is_404(client, event_index):
    assert client.get("/events/nothing-here/event.ics").status_code == 404


def test_a_copied_event_gets_its_own_calendar_uid(event):
    copy = event.copy(update_attrs={"slug": "what-is-ai-again", "title": "What is AI? Again"})
    assert copy.calendar_uid != event.calendar_uid
    assert copy.sequence == 0
