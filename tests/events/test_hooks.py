import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail import hooks

from events.factories import EventPageFactory, RegistrationFactory
from events.models import EventPage, Registration
from portal.accounts.personal_data import delete_account, export_personal_data
from skills.models import Area

pytestmark = pytest.mark.django_db


def test_me_lists_own_bookings_with_cancel_buttons(client, event, user, other_user):
    RegistrationFactory(event=event, user=user)
    assert client.get("/me/").status_code == 302
    client.force_login(other_user)
    assert "What is AI?" not in client.get("/me/").text
    client.force_login(user)
    response = client.get("/me/")
    assert "Your event bookings" in response.text
    assert "What is AI?" in response.text
    assert f'href="/events/{event.slug}/cancel/?next=/me/"' in response.text
    assert 'name="next" value="/me/"' in client.get(f"/events/{event.slug}/cancel/?next=/me/").text


def test_cancelling_from_me_returns_to_me(client, event, user):
    RegistrationFactory(event=event, user=user)
    client.force_login(user)
    response = client.post(f"/events/{event.slug}/cancel/", {"next": "/me/"})
    assert response["Location"] == "/me/"


def test_bookings_are_in_the_data_export(event, user):
    RegistrationFactory(event=event, user=user, access_needs="Quiet room")
    RegistrationFactory(event=event)
    exported = export_personal_data(user)["event_bookings"]
    assert len(exported) == 1
    assert exported[0]["event"] == "What is AI?"
    assert exported[0]["access_needs"] == "Quiet room"


def test_deleting_an_account_frees_the_place_and_keeps_past_attendance(event_index, event, user):
    past = EventPageFactory(parent=event_index, start=timezone.now() - datetime.timedelta(days=3))
    attended = RegistrationFactory(event=past, user=user, access_needs="Wheelchair", checked_in_at=past.start)
    RegistrationFactory(event=event, user=user)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted")
    delete_account(user)
    waiting.refresh_from_db()
    attended.refresh_from_db()
    assert waiting.status == "confirmed"
    assert attended.user is None and attended.access_needs == ""
    assert not Registration.objects.filter(event=event, user__isnull=True).exclude(status="cancelled").exists()


def test_an_account_with_a_booking_at_an_event_under_way_can_still_be_deleted(client, event_index, user):
    from portal.accounts.factories import PASSWORD

    now = timezone.now()
    under_way = EventPageFactory(
        parent=event_index, start=now - datetime.timedelta(hours=1), end=now + datetime.timedelta(hours=1)
    )
    booking = RegistrationFactory(event=under_way, user=user, access_needs="Quiet room")
    client.force_login(user)
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.user is None and booking.status == "confirmed" and booking.access_needs == ""


def test_home_page_shows_next_events(client, event):
    response = client.get("/")
    assert "Coming up" in response.text
    assert "What is AI?" in response.text


def suggest(area_levels):
    return [step for fn in hooks.get_hooks("skills_next_steps") for step in fn(area_levels)]


def test_next_steps_suggest_events_in_weakest_areas_at_the_right_level(event_index):
    safe = Area.objects.get(slug="staying-safe")
    creating = Area.objects.get(slug="creating-with-ai")
    scams = EventPageFactory(parent=event_index, title="Spotting scams", level=0)
    hackathon = EventPageFactory(parent=event_index, title="Hackathon", level=3)
    expert_scams = EventPageFactory(parent=event_index, title="Advanced scams", level=3)
    scams.areas.set([safe])
    hackathon.areas.set([creating])
    expert_scams.areas.set([safe])
    for event in (scams, hackathon, expert_scams):
        event.save()
    steps = suggest({"staying-safe": 0, "creating-with-ai": 2, "understanding-ai": 1})
    assert steps == [
        {
            "title": "Spotting scams",
            "url": scams.url,
            "description": scams.introduction,
            "kind": "event",
            "area": "staying-safe",
            "event_id": scams.pk,
            "book_url": f"/events/{scams.slug}/register/",
            "booked": False,
        }
    ]
    assert suggest({}) == []


def test_okr_event_attendances_counts_check_ins_up_to_a_moment(event):
    now = timezone.now()
    RegistrationFactory(event=event, checked_in_at=now - datetime.timedelta(days=2))
    RegistrationFactory(event=event, checked_in_at=now)
    RegistrationFactory(event=event)
    metrics = {key: fn for provide in hooks.get_hooks("okr_metrics") for key, fn in provide().items()}
    assert metrics["event_attendances"](now) == 2
    assert metrics["event_attendances"](now - datetime.timedelta(days=1)) == 1


def test_load_demo_adds_events_once(home_page):
    call_command("load_demo", stdout=io.StringIO())
    count = EventPage.objects.count()
    bookings = Registration.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert count == 11  # eight for residents and students, three for businesses
    assert EventPage.objects.count() == count
    assert Registration.objects.count() == bookings
    assert Registration.objects.filter(status="waitlisted").exists()
