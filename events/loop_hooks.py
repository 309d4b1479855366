"""What events add to a person's skills pages: the events attended between results on
/skills/progress/ (`skills_progress_events`)."""

from wagtail import hooks

from .models import Registration


@hooks.register("skills_progress_events")
def attended_events(user) -> list[dict]:
    """Every event the person was checked in at, as {when, title, url, place}; `when` is
    the event's start, the moment it counts from."""
    registrations = Registration.objects.filter(user=user, checked_in_at__isnull=False).select_related(
        "event", "event__venue"
    )
    return [
        {
            "when": registration.event.start,
            "title": registration.event.title,
            "url": registration.event.url,
            "place": registration.event.venue.name if registration.event.venue else "",
        }
        for registration in registrations
    ]
