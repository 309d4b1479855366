"""How far behind the background work is, for `portal_status` (the worker has no health check)."""

from django.utils import timezone

from .models import OutgoingMessage


def oldest_waiting_task_age():
    """How long the oldest task has waited for the worker, or None when none waits (or the
    queue is not the database one)."""
    from django_tasks_db.models import DBTaskResult

    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return timezone.now() - oldest if oldest else None


def status_lines() -> list[str]:
    age = oldest_waiting_task_age()
    waiting = OutgoingMessage.objects.backlog().count()
    failed = OutgoingMessage.objects.filter(status=OutgoingMessage.Status.FAILED).count()
    oldest_email = OutgoingMessage.objects.backlog().order_by("created_at").values_list("created_at", flat=True).first()
    return [
        f"Oldest task waiting for the worker: {describe(age) if age else 'none waiting'}",
        f"Email waiting to be sent: {waiting}"
        + (f" (oldest {describe(timezone.now() - oldest_email)} old)" if oldest_email else ""),
        f"Email that failed: {failed}",
    ]


def describe(age) -> str:
    seconds = int(age.total_seconds())
    if seconds < 120:
        return f"{seconds} seconds"
    if seconds < 7200:
        return f"{seconds // 60} minutes"
    return f"{seconds // 3600} hours"
