from django_tasks import task

from . import sending


@task()
def send_outgoing_message(message_id: str) -> str | None:
    """Send one stored email; the argument is only its id, so no email lives in the task queue."""
    return sending.send(message_id)
