import datetime
import json
import re

import pytest
from django.utils import timezone

from events.booking import book
from events.factories import EventPageFactory, RegistrationFactory
from events.models import Registration
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_listing_shows_upcoming_events_with_places_left(client, event):
    RegistrationFactory(event=event)
    response = client.get("/events/")
    assert response.status_code == 200
    assert "What is AI?" in response.text
    assert "1 place left" in response.text


def test_listing_hides_past_events_which_the_archive_shows(client, event_index):
    start = timezone.now() - datetime.timedelta(days=3)
    EventPageFactory(parent=event_index, title="Last month's drop-in", start=start)
    assert "Last month&#x27;s drop-in" not in client.get("/events/").text
    assert "Last month&#x27;s drop-in" in client.get("/events/past/").text


def test_event_page_shows_venue_accessibility_and_book_button(client, event):
    response = client.get(event.url)
    assert response.status_code == 200
    assert "Step-free access" in response.text
    assert "Book a place" in response.text
    assert "Add to calendar" in response.text


def test_event_page_json_ld(client, event):
    RegistrationFactory(event=event)
    data = json_ld(client.get(event.url).text)
    assert data["@type"] == "Event"
    assert data["name"] == "What is AI?"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["address"]["postalCode"] == event.venue.postcode
    assert data["offers"]["price"] == "0"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["remainingAttendeeCapacity"] == 1
    assert data["startDate"] and data["endDate"] and data["organizer"]["name"]


def test_online_event_json_ld_and_joining_link_only_for_confirmed(client, event_index, user):
    event = EventPageFactory(parent=event_index, venue=None, is_online=True, joining_link="https://meet.example/ai")
    data = json_ld(client.get(event.url).text)
    assert data["location"]["@type"] == "VirtualLocation"
    assert "meet.example" not in client.get(event.url).text
    RegistrationFactory(event=event, user=user)
    for someone_else in [UserFactory(), RegistrationFactory(event=event, status="waitlisted").user]:
        client.force_login(someone_else)
        html = client.get(event.url).text
        assert "meet.example" not in html and "You have a place" not in html
    client.force_login(user)
    assert "https://meet.example/ai" in client.get(event.url).text


def test_booking_requires_sign_in_and_returns_to_the_form(client, event):
    response = client.get(f"/events/{event.slug}/register/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert f"next=/events/{event.slug}/register/" in response["Location"]


def test_booking_form_books_a_place(client, event, user):
    client.force_login(user)
    form = client.get(f"/events/{event.slug}/register/").text
    assert "Confirm booking</button>" in form
    assert "</time>, " in form  # the venue follows the time without a stray space
    response = client.post(f"/events/{event.slug}/register/", {"access_needs": "Step-free access"}, follow=True)
    registration = Registration.objects.get(event=event, user=user)
    assert registration.status == "confirmed"
    assert registration.access_needs == "Step-free access"
    assert "Your place is booked" in response.text
    assert "You have a place at this event" in response.text


def test_booking_a_closed_event_says_so_and_saves_nothing(client, event_index, user):
    event = EventPageFactory(parent=event_index, booking_closes=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(user)
    response = client.post(f"/events/{event.slug}/register/", {}, follow=True)
    assert "Booking for this event has closed. Nothing has been booked." in response.text
    assert not Registration.objects.exists()


def test_booking_twice_says_so(client, event, user):
    RegistrationFactory(event=event, user=user)
    client.force_login(user)
    response = client.post(f"/events/{event.slug}/register/", {}, follow=True)
    assert "You have already booked this event" in response.text
    assert Registration.objects.count() == 1


def test_access_needs_too_long_shows_error_and_saves_nothing(client, event, user):
    client.force_login(user)
    response = client.post(f"/events/{event.slug}/register/", {"access_needs": "x" * 1001})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert response.text.count("Access needs must be 1,000 characters or fewer") == 2
    assert not Registration.objects.exists()


def test_cancelling_asks_first_and_only_the_owner_can(client, event, user, other_user):
    registration = RegistrationFactory(event=event, user=user)
    waiting = RegistrationFactory(event=event, user=UserFactory(), status="waitlisted")
    url = f"/events/{event.slug}/cancel/"
    assert client.get(url).status_code == 302  # anonymous: to sign in
    assert client.post(url).status_code == 302
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    client.force_login(user)
    question = client.get(url)
    assert "Cancel your booking?" in question.text and "Yes, cancel it" in question.text
    registration.refresh_from_db()
    assert registration.status == "confirmed"  # asking changes nothing
    response = client.post(url, follow=True)
    assert "Your booking has been cancelled" in response.text
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == "cancelled"
    assert waiting.status == "confirmed"


def test_listing_filters(client, event_index):
    from skills.models import Area

    safe = Area.objects.get(slug="staying-safe")
    scams = EventPageFactory(parent=event_index, title="Spotting scams", level=1, audience="residents")
    scams.areas.set([safe])
    scams.save_revision().publish()
    EventPageFactory(parent=event_index, title="Hackathon", level=3, audience="students")
    assert "Spotting scams" in client.get("/events/?area=staying-safe").text
    assert "Hackathon" not in client.get("/events/?area=staying-safe").text
    assert "Hackathon" in client.get("/events/?level=3").text
    assert "Spotting scams" not in client.get("/events/?level=3").text
    assert "Spotting scams" in client.get("/events/?audience=residents").text
    assert "Hackathon" not in client.get("/events/?audience=residents").text


def test_listing_query_count_does_not_grow_with_events(client, event_index, django_assert_max_num_queries):
    for _ in range(3):
        EventPageFactory(parent=event_index)
    client.get("/events/past/")  # as on a running site, the site-wide caches are warm
    with django_assert_max_num_queries(12) as small:
        client.get("/events/")
    for _ in range(7):
        RegistrationFactory(event=EventPageFactory(parent=event_index))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/events/")


def test_booking_retires_the_cached_event_page(client, event, user, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 600
    assert client.get(event.url)["X-Page-Cache"] == "miss"
    assert client.get(event.url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        book(event, user)
    response = client.get(event.url)
    assert response["X-Page-Cache"] == "miss"
    assert "1 place left" in response.text


def test_full_event_offers_the_waiting_list(client, event, user):
    RegistrationFactory.create_batch(2, event=event)
    assert "Join waiting list" in client.get(event.url).text
    client.force_login(user)
    form = client.get(f"/events/{event.slug}/register/").text
    assert "Join the waiting list</button>" in form and "Confirm booking" not in form
    client.post(f"/events/{event.slug}/register/", {})
    assert Registration.objects.get(user=user).status == "waitlisted"


def test_cancelled_event_says_so_and_offers_no_booking(client, event):
    event.status = "cancelled"
    event.save_revision().publish()
    response = client.get(event.url)
    assert "This event has been cancelled." in response.text
    assert "Book a place" not in response.text
    assert json_ld(response.text)["eventStatus"] == "https://schema.org/EventCancelled"


def test_draft_events_cannot_be_booked_or_downloaded(client, event_index, user):
    draft = EventPageFactory(parent=event_index, live=False)
    client.force_login(user)
    assert client.get(f"/events/{draft.slug}/register/").status_code == 404
    assert client.get(f"/events/{draft.slug}/event.ics").status_code == 404


def test_event_page_query_count(client, event, user, django_assert_max_num_queries):
    RegistrationFactory.create_batch(2, event=event)
    client.force_login(user)
    client.get("/events/")  # as on a running site, the site-wide caches are warm
    with django_assert_max_num_queries(16):
        assert client.get(event.url).status_code == 200


def test_event_page_query_count_for_someone_booked(client, event, user, django_assert_max_num_queries):
    RegistrationFactory(event=event, user=user, status="waitlisted")
    RegistrationFactory.create_batch(2, event=event)
    client.force_login(user)
    client.get("/events/")  # as on a running site, the site-wide caches are warm
    with django_assert_max_num_queries(16):
        response = client.get(event.url)
    assert "You are on the waiting list" in response.text
    assert response.context["availability"].label == "Fully booked: join the waiting list"


@pytest.mark.parametrize(
    "hour, minute, expected", [(10, 0, "10am"), (14, 30, "2:30pm"), (12, 0, "midday"), (0, 0, "midnight")]
)
def test_times_read_the_uk_way(hour, minute, expected):
    import zoneinfo

    from events.templatetags.event_tags import uk_time

    moment = datetime.datetime(2026, 12, 4, hour, minute, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    assert uk_time(moment) == expected


def test_multi_day_and_all_day_events_show_both_dates(client, event_index):
    start = datetime.datetime(2027, 1, 9, 9, 0, tzinfo=datetime.UTC)
    event = EventPageFactory(
        parent=event_index, all_day=True, start=start, end=start + datetime.timedelta(days=1, hours=8)
    )
    response = client.get(event.url)
    assert "Saturday 9 January 2027</time> to <time" in response.text
    assert "Sunday 10 January 2027</time>" in response.text


def test_editors_get_clear_errors_for_impossible_events(event_index):
    from django.core.exceptions import ValidationError

    event = EventPageFactory.build(
        start=timezone.now(),
        end=timezone.now() - datetime.timedelta(hours=1),
        venue=None,
        is_online=False,
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert error.value.message_dict["end"] == ["The end must be after the start."]
    assert error.value.message_dict["venue"] == ["Choose a venue, or tick 'online event'."]


def test_event_json_ld_has_an_image_the_events_own_or_the_sites(client, event_index):
    from home.factories import PortalImageFactory

    without = EventPageFactory(parent=event_index, slug="no-picture", image=None)
    assert json_ld(client.get(without.url).text)["image"] == ["http://testserver/static/images/share.png"]
    pictured = EventPageFactory(
        parent=event_index, slug="pictured", image=PortalImageFactory(), image_alt_text="A workshop in a library"
    )
    (image,) = json_ld(client.get(pictured.url).text)["image"]
    assert image.startswith("http://testserver/media/images/") and "fill-1200x675" in image
