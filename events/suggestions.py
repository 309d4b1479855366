"""Events suggested as next steps after a skills check (the `skills_next_steps` hook)."""

from django.urls import reverse

from .booking import availability
from .models import EventPage, EventStatus, Registration

MAX_SUGGESTIONS = 3


def weakest_areas(area_levels: dict[str, int]) -> list[str]:
    """Area slugs at the person's lowest level, the areas to work on first."""
    if not area_levels:
        return []
    lowest = min(area_levels.values())
    return sorted(slug for slug, level in area_levels.items() if level == lowest)


def suggested_events(area_levels: dict[str, int], user=None) -> list[dict]:
    """Up to three upcoming bookable events in the person's weakest areas, at their level or
    one above, as next-step dicts {title, url, description, kind, area, book_url, booked}:
    `book_url` books in one step from the results page; `booked` says the signed-in
    person (`user`) already has a place or is on the waiting list."""
    areas = weakest_areas(area_levels)
    if not areas:
        return []
    level = min(area_levels.values())
    events = (
        EventPage.objects.upcoming()
        .filter(status=EventStatus.SCHEDULED, areas__slug__in=areas, level__in=[level, level + 1])
        .distinct()
        .for_listing()
    )
    steps = []
    for event in events:
        if not availability(event, event.confirmed_count, event.waitlisted_count).can_book:
            continue
        area = next((a.slug for a in event.areas.all() if a.slug in areas), areas[0])
        steps.append(
            {
                "title": event.title,
                "url": event.url,
                "description": event.introduction,
                "kind": "event",
                "area": area,
                "event_id": event.pk,
                "book_url": reverse("event_register", args=[event.slug]),
                "booked": False,
            }
        )
        if len(steps) == MAX_SUGGESTIONS:
            break
    if steps and user is not None and user.is_authenticated:
        booked = set(
            Registration.objects.active()
            .filter(user=user, event_id__in=[step["event_id"] for step in steps])
            .values_list("event_id", flat=True)
        )
        for step in steps:
            step["booked"] = step["event_id"] in booked
    return steps
