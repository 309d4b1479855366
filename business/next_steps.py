"""What a business does next: for each dimension to work on, upcoming business events tagged
with it and the resources editors tagged for its stage."""

from events.booking import availability
from events.models import Audience, EventPage, EventStatus
from skills.translations import localise, with_translations

from .models import BusinessResource

EVENTS_PER_DIMENSION = 3


def upcoming_events(slugs: list[str]) -> dict[str, list]:
    """{dimension slug: bookable upcoming business events tagged with it}, in one query."""
    events = (
        EventPage.objects.upcoming()
        .filter(
            status=EventStatus.SCHEDULED,
            audience__in=[Audience.BUSINESSES, Audience.EVERYONE],
            business_dimensions__slug__in=slugs,
        )
        .distinct()
        .for_listing()
        .prefetch_related("business_dimensions")
    )
    by_slug: dict[str, list] = {slug: [] for slug in slugs}
    for event in events:
        if not availability(event, event.confirmed_count, event.waitlisted_count).can_book:
            continue
        for dimension in event.business_dimensions.all():
            chosen = by_slug.get(dimension.slug)
            if chosen is not None and len(chosen) < EVENTS_PER_DIMENSION:
                chosen.append(event)
    return by_slug


def for_dimensions(results: list, language: str | None) -> list[dict]:
    """A next step per dimension result (with `.dimension` and `.stage`), in the same order."""
    if not results:
        return []
    slugs = [result.dimension.slug for result in results]
    events = upcoming_events(slugs)
    resources = localise(
        with_translations(BusinessResource.objects.suiting({r.dimension.slug: r.stage for r in results}), language),
        language,
    )
    return [
        {
            "result": result,
            "events": events[result.dimension.slug],
            "resources": [resource for resource in resources if resource.dimension_id == result.dimension_id],
        }
        for result in results
    ]
