"""Background tasks for events; a scheduler (cron or a platform job) enqueues them every 15 minutes."""

from django_tasks import task

from .follow_ups import send_follow_ups
from .reminders import purge_access_needs, send_event_reminders


@task()
def event_reminders_schedule() -> dict:
    """The periodic job: send due reminders and follow-ups, then delete access needs that
    are no longer needed."""
    return {
        "reminders_sent": send_event_reminders(),
        "follow_ups_sent": send_follow_ups(),
        "access_needs_purged": purge_access_needs(),
    }


@task()
def refresh_workshop_figures() -> None:
    """Recompute the cached "Do workshops help?" figures in the background (see `workshop_figures`)."""
    from skills.dashboard_figures import store

    from .workshops import CACHE_KEY, compute_figures

    store(CACHE_KEY, compute_figures)
