"""The follow-up a week after someone attended an event: what it covered, and a focused
re-check of just those skill areas, so they can see what the workshop changed."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from portal.emails import send_templated_email
from skills.translations import localise, reading_language, with_translations

from .models import Registration

FOLLOW_UP_AFTER = datetime.timedelta(days=7)
# Attendances that ended longer ago than this are never followed up, so that a late or
# first run of the schedule does not write to people about events long past.
FOLLOW_UP_WITHIN = datetime.timedelta(days=21)
MAX_RECHECK_AREAS = 3  # as many as a focused re-check asks


def send_follow_ups(now: datetime.datetime | None = None) -> int:
    """Email everyone checked in at an event that ended 7 to 21 days ago, once per
    attendance, unless they turned follow-ups off. Safe to run as often as you like, even
    twice at the same moment. Returns how many were sent."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        checked_in_at__isnull=False,
        follow_up_sent_at__isnull=True,
        user__isnull=False,
        user__is_active=True,
        user__profile__email_follow_ups=True,
        event__end__lte=now - FOLLOW_UP_AFTER,
        event__end__gt=now - FOLLOW_UP_WITHIN,
    ).select_related("event", "user", "user__profile")
    sent = 0
    for registration in due:
        # Claiming the row first means a second run at the same moment cannot send it again.
        if Registration.objects.filter(pk=registration.pk, follow_up_sent_at__isnull=True).update(
            follow_up_sent_at=now
        ):
            send_follow_up(registration)
            sent += 1
    return sent


def recheck_url(areas) -> str:
    """The focused re-check of these areas (the full check when there are none)."""
    if not areas:
        return reverse("skills_assessment")
    return f"{reverse('skills_focused_assessment')}?areas={','.join(area.slug for area in areas)}"


def send_follow_up(registration: Registration) -> None:
    """Queue the follow-up for one attendance, with the area names in the language the
    person reads their emails in."""
    event = registration.event
    language = reading_language(registration.user.profile.language)
    areas = localise(with_translations(event.areas.order_by("sort_order"), language), language)[:MAX_RECHECK_AREAS]
    send_templated_email(
        "events_follow_up",
        registration.user.email,
        {
            "event": event,
            "registration": registration,
            "areas": areas,
            "recheck_url": settings.WAGTAILADMIN_BASE_URL + recheck_url(areas),
        },
        related=registration,
    )
