"""Booking rules: who gets a place, who waits, and who is promoted when a place frees up.

The capacity rule is `has_free_place`; every path that gives out a place (booking,
cancelling, raising capacity) goes through it while holding a lock on the event row, so
the last place can never be given twice.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from portal.cache import invalidate_page_cache

from .models import EventPage, EventStatus, Registration


class BookingError(Exception):
    """A booking or cancellation that was refused; the message is for the person."""


def has_free_place(capacity: int | None, confirmed: int) -> bool:
    """The capacity rule: a blank capacity means unlimited places."""
    return capacity is None or confirmed < capacity


def booking_closed_reason(event: EventPage, now: datetime.datetime) -> str | None:
    """Why nobody can book `event` at `now`, in words for the person, or None if booking is open."""
    if event.status == EventStatus.CANCELLED:
        return _("This event has been cancelled.")
    if event.status == EventStatus.POSTPONED:
        return _("This event has been postponed. Booking will open again when it has a new date.")
    if event.start <= now:
        return _("This event has already started or finished.")
    if event.booking_opens and now < event.booking_opens:
        opens = timezone.localtime(event.booking_opens)
        # Django's date formats name the month in the reader's language; in English these
        # match strftime's "%-d %B %Y" and "%-I:%M%p" (5 March 2026, 6:30PM).
        return _("Booking opens on %(date)s at %(time)s.") % {
            "date": format_date(opens, "j F Y"),
            "time": format_date(opens, "g:iA"),
        }
    if event.booking_closes and now >= event.booking_closes:
        return _("Booking for this event has closed.")
    return None


@dataclass(frozen=True)
class Availability:
    """What a listing or event page says about places."""

    key: str  # places-left, waiting-list, fully-booked, booking-closed
    label: str  # in the reader's language
    places_left: int | None
    can_book: bool


def availability(
    event: EventPage, confirmed: int, waitlisted: int = 0, now: datetime.datetime | None = None
) -> Availability:
    """Places left, waiting list or booking closed for `event` with `confirmed` people booked."""
    now = now or timezone.now()
    places_left = None if event.capacity is None else max(event.capacity - confirmed, 0)
    if booking_closed_reason(event, now):
        if event.status == EventStatus.CANCELLED:
            return Availability("booking-closed", pgettext("event status", "Cancelled"), places_left, False)
        if event.end < now:
            return Availability("booking-closed", _("This event has finished"), places_left, False)
        if places_left == 0:
            return Availability("fully-booked", _("Fully booked"), 0, False)
        return Availability("booking-closed", _("Booking closed"), places_left, False)
    if has_free_place(event.capacity, confirmed):
        if places_left is None:
            return Availability("places-left", _("Places available"), None, True)
        label = ngettext("%(count)d place left", "%(count)d places left", places_left) % {"count": places_left}
        return Availability("places-left", label, places_left, True)
    label = _("Fully booked: join the waiting list") if waitlisted else _("Fully booked: waiting list open")
    return Availability("waiting-list", label, 0, True)


def lock_event(event_pk: int) -> EventPage:
    """The event, re-read with its row locked until the transaction ends."""
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_pk)


def book(event: EventPage, user, access_needs: str = "", now: datetime.datetime | None = None) -> Registration:
    """Give `user` a confirmed place if one is free, else a place on the waiting list.

    Raises BookingError, saving nothing, if booking is closed or the person already has a booking.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            event = lock_event(event.pk)
            if reason := booking_closed_reason(event, now):
                raise BookingError(reason)
            if event.registrations.active().filter(user=user).exists():
                raise BookingError(_("You have already booked this event."))
            # Anyone already waiting takes a free place before someone booking afresh.
            fill_places(event, now)
            confirmed = event.registrations.confirmed().count()
            if has_free_place(event.capacity, confirmed):
                status, confirmed_at = Registration.Status.CONFIRMED, now
            else:
                status, confirmed_at = Registration.Status.WAITLISTED, None
            registration = Registration.objects.create(
                event=event,
                user=user,
                status=status,
                access_needs=access_needs.strip(),
                created_at=now,
                confirmed_at=confirmed_at,
            )
            notify(registration, "confirmed" if status == Registration.Status.CONFIRMED else "waitlisted")
            invalidate_page_cache()
    except IntegrityError:
        raise BookingError(_("You have already booked this event.")) from None
    return registration


def cancel(registration: Registration, now: datetime.datetime | None = None) -> list[Registration]:
    """Cancel a booking and, in the same transaction, fill the freed place from the waiting list.
    Returns the registrations promoted."""
    now = now or timezone.now()
    with transaction.atomic():
        event = lock_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise BookingError(_("This booking was already cancelled."))
        if event.start <= now:
            raise BookingError(_("This event has already started, so the booking cannot be cancelled."))
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        notify(registration, "cancelled")
        promoted = fill_places(event, now)
        invalidate_page_cache()
    return promoted


def fill_places(event: EventPage, now: datetime.datetime | None = None) -> list[Registration]:
    """Promote waitlisted people, earliest first, into any free places. Call with the event locked
    (inside `lock_event`'s transaction). Bookings whose account was deleted are passed over.
    Returns the registrations promoted."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED or event.end < now:
        return []
    confirmed = event.registrations.confirmed().count()
    promoted = []
    for registration in event.registrations.waitlisted().with_account().select_for_update():
        if not has_free_place(event.capacity, confirmed):
            break
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        notify(registration, "promoted")
        confirmed += 1
        promoted.append(registration)
    return promoted


def fill_places_after_change(event_pk: int) -> list[Registration]:
    """Fill places an organiser opened up (by raising the capacity or reinstating a cancelled
    event), in its own transaction."""
    with transaction.atomic():
        promoted = fill_places(lock_event(event_pk))
        if promoted:
            invalidate_page_cache()
    return promoted


def notify(registration: Registration, kind: str) -> None:
    from .emails import send_booking_email

    send_booking_email(registration, kind)
