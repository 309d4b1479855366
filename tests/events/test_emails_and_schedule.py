import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from events.booking import book, cancel
from events.factories import EventPageFactory, RegistrationFactory
from events.models import EventStatus
from events.reminders import purge_access_needs, send_event_reminders
from events.tasks import event_reminders_schedule
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def only_email(mailoutbox, to):
    matching = [message for message in mailoutbox if message.to == [to]]
    assert len(matching) == 1, [message.subject for message in mailoutbox]
    return matching[0]


def assert_has_html_and_ics(message, event, method="PUBLISH", status="CONFIRMED"):
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    assert event.title in html
    (filename, content, mimetype), *_ = message.attachments
    assert filename == "event.ics"
    assert mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    component = calendar.walk("VEVENT")[0]
    assert str(component["SUMMARY"]) == event.title
    assert (str(calendar["METHOD"]), str(component["STATUS"])) == (method, status)


@pytest.mark.parametrize(
    "people_before, subject, status",
    [(0, "Your place is booked", "CONFIRMED"), (2, "You are on the waiting list", "TENTATIVE")],
)
def test_booking_sends_one_email(
    event, user, mailoutbox, django_capture_on_commit_callbacks, people_before, subject, status
):
    for other in UserFactory.create_batch(people_before):
        book(event, other)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        book(event, user)
    message = only_email(mailoutbox, user.email)
    assert message.subject == f"{subject}: What is AI?"
    assert event.title in message.body
    assert_has_html_and_ics(message, event, status=status)


def test_cancelling_emails_the_canceller_and_the_promoted(event, mailoutbox, django_capture_on_commit_callbacks):
    first, second, waiting = UserFactory.create_batch(3)
    registration = book(event, first)
    book(event, second)
    book(event, waiting)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel(registration)
    cancelled = only_email(mailoutbox, first.email)
    assert cancelled.subject == "Booking cancelled: What is AI?"
    assert_has_html_and_ics(cancelled, event, method="CANCEL", status="CANCELLED")
    promoted = only_email(mailoutbox, waiting.email)
    assert promoted.subject == "A place came up: What is AI?"
    assert_has_html_and_ics(promoted, event)
    assert len(mailoutbox) == 2


def test_organisers_cancelling_the_event_emails_everyone_booked(event, mailoutbox, django_capture_on_commit_callbacks):
    booked = RegistrationFactory(event=event)
    RegistrationFactory(event=event, status="cancelled")
    event.status = EventStatus.CANCELLED
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert [message.to for message in mailoutbox] == [[booked.user.email]]
    assert mailoutbox[0].subject == "Event cancelled: What is AI?"
    ics = Calendar.from_ical(mailoutbox[0].attachments[0][1]).walk("VEVENT")[0]
    assert str(ics["STATUS"]) == "CANCELLED"
    assert ics["SEQUENCE"] == 1


def test_organisers_moving_the_event_emails_everyone_booked(event, mailoutbox, django_capture_on_commit_callbacks):
    booked = RegistrationFactory(event=event)
    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert only_email(mailoutbox, booked.user.email).subject == "Event changed: What is AI?"


def test_editing_only_the_wording_sends_nothing(event, mailoutbox, django_capture_on_commit_callbacks):
    RegistrationFactory(event=event)
    event.introduction = "New words."
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert mailoutbox == []
    event.refresh_from_db()
    assert event.sequence == 0


def test_reminders_are_sent_once_however_often_they_run(event_index, mailoutbox, django_capture_on_commit_callbacks):
    soon = EventPageFactory(parent=event_index, start=timezone.now() + datetime.timedelta(hours=20))
    later = EventPageFactory(parent=event_index, start=timezone.now() + datetime.timedelta(days=3))
    booked = RegistrationFactory(event=soon)
    RegistrationFactory(event=soon, status="waitlisted")
    RegistrationFactory(event=later)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminders() == 1
        assert send_event_reminders() == 0
        call_command("send_event_reminders", stdout=io.StringIO())
        event_reminders_schedule.call()
    assert [message.to for message in mailoutbox] == [[booked.user.email]]
    assert mailoutbox[0].subject == f"Reminder: {soon.title} is tomorrow"
    assert_has_html_and_ics(mailoutbox[0], soon)


def test_no_reminders_for_cancelled_events(event_index, mailoutbox):
    soon = EventPageFactory(parent=event_index, start=timezone.now() + datetime.timedelta(hours=20))
    RegistrationFactory(event=soon)
    soon.status = EventStatus.CANCELLED
    soon.save()
    mailoutbox.clear()
    assert send_event_reminders() == 0


def test_access_needs_are_purged_30_days_after_the_event(event_index):
    now = timezone.now()
    old = EventPageFactory(parent=event_index, start=now - datetime.timedelta(days=32))
    recent = EventPageFactory(parent=event_index, start=now - datetime.timedelta(days=10))
    old_booking = RegistrationFactory(event=old, access_needs="Wheelchair user")
    recent_booking = RegistrationFactory(event=recent, access_needs="Hearing loop")
    assert purge_access_needs() == 1
    call_command("purge_access_needs", stdout=io.StringIO())
    old_booking.refresh_from_db()
    recent_booking.refresh_from_db()
    assert old_booking.access_needs == ""
    assert recent_booking.access_needs == "Hearing loop"


def test_joining_link_is_emailed_only_with_a_confirmed_place(
    event_index, mailoutbox, django_capture_on_commit_callbacks
):
    online = EventPageFactory(
        parent=event_index, venue=None, is_online=True, joining_link="https://meet.example/ai", capacity=1
    )
    first, second = UserFactory.create_batch(2)
    with django_capture_on_commit_callbacks(execute=True):
        book(online, first)
        book(online, second)
    confirmed, waitlisted = only_email(mailoutbox, first.email), only_email(mailoutbox, second.email)
    assert "https://meet.example/ai" in confirmed.body
    assert "https://meet.example/ai" not in waitlisted.body
    assert timezone.localtime(online.start).strftime("%A %-d %B %Y") in confirmed.body


def test_changing_an_event_skips_bookings_whose_account_was_deleted(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    booked = RegistrationFactory(event=event)
    for status in ("confirmed", "waitlisted"):
        # Deleting a user in the admin leaves their bookings without a person.
        RegistrationFactory(event=event, status=status).user.delete()
    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert [message.to for message in mailoutbox] == [[booked.user.email]]


def test_changing_an_event_that_has_finished_emails_nobody(event_index, mailoutbox, django_capture_on_commit_callbacks):
    past = EventPageFactory(parent=event_index, start=timezone.now() - datetime.timedelta(days=3))
    RegistrationFactory(event=past, checked_in_at=past.start)
    past.start -= datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        past.save_revision().publish()
    assert mailoutbox == []
    past.refresh_from_db()
    assert past.sequence == 1


def test_reminders_go_only_to_people_who_want_them(event_index, mailoutbox, django_capture_on_commit_callbacks):
    soon = EventPageFactory(parent=event_index, start=timezone.now() + datetime.timedelta(hours=20))
    wants = RegistrationFactory(event=soon)
    declined = RegistrationFactory(event=soon)
    declined.user.profile.email_event_reminders = False
    declined.user.profile.save()
    RegistrationFactory(event=soon).user.delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminders() == 1
    assert [message.to for message in mailoutbox] == [[wants.user.email]]
    assert "/accounts/profile/" in mailoutbox[0].body
    declined.refresh_from_db()
    assert declined.reminder_sent_at is None


def test_turning_reminders_off_in_the_profile_stops_them(
    client, event_index, user, mailoutbox, django_capture_on_commit_callbacks
):
    soon = EventPageFactory(parent=event_index, start=timezone.now() + datetime.timedelta(hours=20))
    RegistrationFactory(event=soon, user=user)
    client.force_login(user)
    response = client.post(
        "/accounts/profile/", {"display_name": "Sam", "ward": "", "role": "resident", "language": "en-gb"}
    )
    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.email_event_reminders is False
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminders() == 0
        call_command("send_event_reminders", stdout=io.StringIO())
    assert mailoutbox == []
