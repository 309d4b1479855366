"""Background tasks shared by every app."""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def deliver_email(
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    from_email: str | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Send one email. Arguments are plain values so the task can wait in a queue."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
