"""The follow-up a week after an event: once per attendance, only to people who attended
and want it, with a focused re-check of the event's areas."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.factories import EventPageFactory, RegistrationFactory
from events.follow_ups import send_follow_ups
from events.tasks import event_reminders_schedule
from skills.factories import AreaTranslationFactory
from skills.models import Area

pytestmark = pytest.mark.django_db


def ended(event_index, days_ago: float, areas=("staying-safe", "understanding-ai"), **kwargs):
    end = timezone.now() - datetime.timedelta(days=days_ago)
    event = EventPageFactory(
        parent=event_index, start=end - datetime.timedelta(hours=2), end=end, booking_closes=None, **kwargs
    )
    event.areas.set(Area.objects.filter(slug__in=areas))
    event.save()
    return event


def attended(event, **kwargs):
    return RegistrationFactory(event=event, checked_in_at=event.start + datetime.timedelta(minutes=5), **kwargs)


def test_the_follow_up_is_sent_once_however_often_it_runs(event_index, mailoutbox, django_capture_on_commit_callbacks):
    event = ended(event_index, days_ago=8, title="AI basics at Wigmore library")
    registration = attended(event)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_follow_ups() == 1
        assert send_follow_ups() == 0
        call_command("send_event_reminders", stdout=io.StringIO())
        event_reminders_schedule.call()
    assert [message.to for message in mailoutbox] == [[registration.user.email]]
    message = mailoutbox[0]
    assert message.subject == "What did AI basics at Wigmore library change for you?"
    assert "/skills/assessment/focused/?areas=understanding-ai,staying-safe" in message.body
    assert "Staying safe" in message.body and "Understanding AI" in message.body
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    assert "Re-check what you learned" in html
    registration.refresh_from_db()
    assert registration.follow_up_sent_at is not None


def test_only_people_checked_in_get_a_follow_up(event_index, mailoutbox, django_capture_on_commit_callbacks):
    event = ended(event_index, days_ago=8)
    came = attended(event)
    RegistrationFactory(event=event)  # booked, never came
    RegistrationFactory(event=event, status="waitlisted")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_follow_ups() == 1
    assert [message.to for message in mailoutbox] == [[came.user.email]]


def test_no_follow_up_for_people_who_opted_out(event_index, mailoutbox, django_capture_on_commit_callbacks):
    registration = attended(ended(event_index, days_ago=8))
    registration.user.profile.email_follow_ups = False
    registration.user.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_follow_ups() == 0
    assert mailoutbox == []
    registration.refresh_from_db()
    assert registration.follow_up_sent_at is None


@pytest.mark.parametrize("days_ago", [3, 6.9, 21.5, 60])
def test_the_follow_up_waits_a_week_and_never_reaches_back_to_old_events(event_index, mailoutbox, days_ago):
    attended(ended(event_index, days_ago=days_ago))
    assert send_follow_ups() == 0


def test_turning_follow_ups_off_in_the_profile(client, user):
    client.force_login(user)
    response = client.post(
        "/accounts/profile/",
        {"display_name": "Sam", "ward": "", "role": "resident", "language": "en-gb", "email_event_reminders": "on"},
    )
    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert (user.profile.email_event_reminders, user.profile.email_follow_ups) == (True, False)


def test_the_follow_up_is_in_the_persons_language(event_index, mailoutbox, django_capture_on_commit_callbacks):
    AreaTranslationFactory(area=Area.objects.get(slug="staying-safe"), language="pl", name="Bezpieczeństwo")
    registration = attended(ended(event_index, days_ago=8, areas=["staying-safe"]))
    registration.user.profile.language = "pl"
    registration.user.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        send_follow_ups()
    assert "Bezpieczeństwo" in mailoutbox[0].body


def test_an_event_with_no_areas_links_to_the_full_check(event_index, mailoutbox, django_capture_on_commit_callbacks):
    attended(ended(event_index, days_ago=8, areas=[]))
    with django_capture_on_commit_callbacks(execute=True):
        send_follow_ups()
    assert "/skills/assessment/\n" in mailoutbox[0].body
