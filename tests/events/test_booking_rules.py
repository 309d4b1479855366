import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from events.booking import BookingError, availability, book, cancel, fill_places, has_free_place
from events.factories import EventPageFactory, RegistrationFactory
from events.models import EventStatus, Registration
from portal.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def statuses(event):
    return list(event.registrations.order_by("pk").values_list("status", flat=True))


def test_capacity_rule():
    assert has_free_place(None, 1000)
    assert has_free_place(2, 1)
    assert not has_free_place(2, 2)
    assert not has_free_place(0, 0)


def test_booking_confirms_while_places_remain_then_waitlists(event):
    first, second, third = UserFactory.create_batch(3)
    assert book(event, first).status == Registration.Status.CONFIRMED
    assert book(event, second).status == Registration.Status.CONFIRMED
    assert book(event, third).status == Registration.Status.WAITLISTED


def test_unlimited_capacity_always_confirms(event):
    event.capacity = None
    event.save()
    for user in UserFactory.create_batch(5):
        assert book(event, user).status == Registration.Status.CONFIRMED


def test_cancelling_promotes_first_waitlisted(event):
    confirmed = [book(event, user) for user in UserFactory.create_batch(2)]
    first_waiting = book(event, UserFactory())
    second_waiting = book(event, UserFactory())
    promoted = cancel(confirmed[0])
    assert promoted == [first_waiting]
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == Registration.Status.CONFIRMED
    assert second_waiting.status == Registration.Status.WAITLISTED


def test_cancelling_a_waitlisted_booking_promotes_nobody(event):
    [book(event, user) for user in UserFactory.create_batch(2)]
    waiting = book(event, UserFactory())
    later = book(event, UserFactory())
    assert cancel(waiting) == []
    later.refresh_from_db()
    assert later.status == Registration.Status.WAITLISTED


def test_raising_capacity_promotes_in_order(event, django_capture_on_commit_callbacks):
    [book(event, user) for user in UserFactory.create_batch(2)]
    waiting = [book(event, user) for user in UserFactory.create_batch(3)]
    event.capacity = 4
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert [r.status for r in Registration.objects.filter(pk__in=[w.pk for w in waiting]).order_by("pk")] == [
        "confirmed",
        "confirmed",
        "waitlisted",
    ]


def test_booking_twice_is_refused_and_saves_nothing(event, user):
    book(event, user)
    with pytest.raises(BookingError, match="already booked"):
        book(event, user)
    assert event.registrations.count() == 1


def test_database_allows_one_active_booking_per_person(event, user):
    RegistrationFactory(event=event, user=user, status=Registration.Status.CANCELLED)
    RegistrationFactory(event=event, user=user, status=Registration.Status.CONFIRMED)
    with pytest.raises(IntegrityError):
        RegistrationFactory(event=event, user=user, status=Registration.Status.WAITLISTED)


def test_booking_again_after_cancelling_is_allowed(event, user):
    cancel(book(event, user))
    assert book(event, user).status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"booking_closes": timezone.now() - datetime.timedelta(hours=1)}, "closed"),
        ({"booking_opens": timezone.now() + datetime.timedelta(days=1)}, "Booking opens"),
        ({"status": EventStatus.CANCELLED}, "cancelled"),
        ({"status": EventStatus.POSTPONED}, "postponed"),
    ],
)
def test_closed_bookings_are_refused(event_index, user, changes, message):
    event = EventPageFactory(parent=event_index, **changes)
    with pytest.raises(BookingError, match=message):
        book(event, user)
    assert not event.registrations.exists()


def test_past_events_cannot_be_booked(event_index, user):
    start = timezone.now() - datetime.timedelta(days=2)
    event = EventPageFactory(parent=event_index, start=start)
    with pytest.raises(BookingError, match="already started"):
        book(event, user)
    assert not event.registrations.exists()
    assert availability(event, confirmed=0).label == "This event has finished"


def test_raising_capacity_passes_over_bookings_whose_account_was_deleted(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    [book(event, user) for user in UserFactory.create_batch(2)]
    ownerless = book(event, UserFactory())
    waiting = book(event, UserFactory())
    ownerless.user.delete()
    mailoutbox.clear()
    event.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    ownerless.refresh_from_db()
    waiting.refresh_from_db()
    assert (ownerless.user, ownerless.status) == (None, Registration.Status.WAITLISTED)
    assert waiting.status == Registration.Status.CONFIRMED
    assert [message.to for message in mailoutbox] == [[waiting.user.email]]


def test_ownerless_bookings_are_never_promoted(event):
    RegistrationFactory(event=event, user=None, status=Registration.Status.WAITLISTED)
    assert fill_places(event) == []


def publish_with_status(event, status, capture):
    event.status = status
    with capture(execute=True):
        event.save_revision().publish()


def test_reinstating_a_cancelled_event_keeps_everyone_booked_and_waiting_first(
    event, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = (book(event, user) for user in UserFactory.create_batch(2))
    waiting = [book(event, user) for user in UserFactory.create_batch(2)]
    publish_with_status(event, EventStatus.CANCELLED, django_capture_on_commit_callbacks)
    # Cancelling the event keeps every booking as it was.
    assert statuses(event) == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    # While it is cancelled, a confirmed person cancels, and nobody is promoted into a cancelled event.
    assert cancel(first) == []

    mailoutbox.clear()
    publish_with_status(event, EventStatus.SCHEDULED, django_capture_on_commit_callbacks)
    assert statuses(event) == ["cancelled", "confirmed", "confirmed", "waitlisted"]
    promoted = [message for message in mailoutbox if message.subject.startswith("A place came up")]
    assert [message.to for message in promoted] == [[waiting[0].user.email]]

    newcomer = book(event, UserFactory())
    assert newcomer.status == Registration.Status.WAITLISTED
    assert list(event.registrations.waitlisted()) == [waiting[1], newcomer]
    second.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED


def test_a_new_booking_never_takes_a_place_from_someone_waiting(event):
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    newcomer = book(event, UserFactory())
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert newcomer.status == Registration.Status.WAITLISTED


def test_staff_deleting_a_user_in_the_admin_free_their_place_for_the_waiting_list(
    client, home_page, django_capture_on_commit_callbacks
):
    from portal.accounts.factories import StaffFactory
    from tests.mfa import sign_in_with_code

    event = EventPageFactory(capacity=1)
    leaving = RegistrationFactory(event=event, status=Registration.Status.CONFIRMED, access_needs="Step-free")
    waiting = RegistrationFactory(event=event, status=Registration.Status.WAITLISTED)
    sign_in_with_code(client, StaffFactory(is_superuser=True))
    assert client.get(f"/admin/users/delete/{leaving.user.pk}/").status_code == 200  # asking changes nothing
    assert Registration.objects.get(pk=leaving.pk).status == Registration.Status.CONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/users/delete/{leaving.user.pk}/")
    assert response.status_code == 302
    leaving.refresh_from_db()
    assert leaving.user is None and leaving.status == Registration.Status.CANCELLED and leaving.access_needs == ""
    assert Registration.objects.get(pk=waiting.pk).status == Registration.Status.CONFIRMED
