"""Background tasks for events; a scheduler (cron or a platform job) enqueues them every 15 minutes."""

from django_tasks import task

from .reminders import purge_access_needs, send_event_reminders


@task()
def event_reminders_schedule() -> dict:
    """The periodic job: send due reminders, then delete access needs that are no longer needed."""
    return {"reminders_sent": send_event_reminders(), "access_needs_purged": purge_access_needs()}
