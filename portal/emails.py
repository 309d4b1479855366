"""One way to send email: render now, hand to the task queue once the transaction commits.

Each email lives in `templates/email/<name>/` as `subject.txt`, `body.txt` and `body.html`.
"""

from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.template import Context, engines
from django.template.loader import render_to_string

from .tasks import deliver_email


def queue_email(message: EmailMessage) -> None:
    """Send an already-built message from a background task after the current transaction commits."""
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next((content for content, mimetype in message.alternatives if mimetype == "text/html"), "")
    attachments = [
        (filename, content if isinstance(content, str) else content.decode(), mimetype)
        for filename, content, mimetype in message.attachments
    ]
    transaction.on_commit(
        partial(
            deliver_email.enqueue,
            subject=message.subject,
            body=message.body,
            to=list(message.to),
            html=html,
            from_email=message.from_email,
            attachments=attachments,
        )
    )


def render_text(template_name: str, context: dict) -> str:
    """Render a plain-text template without HTML escaping, so "Fish & Chips" stays as written."""
    return engines["django"].engine.get_template(template_name).render(Context(context, autoescape=False))


def send_templated_email(
    name: str,
    to: list[str] | str,
    context: dict,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Render `templates/email/<name>/` with `context` and queue it for each recipient list."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, "base_url": settings.WAGTAILADMIN_BASE_URL, **context}
    subject = " ".join(render_text(f"email/{name}/subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_text(f"email/{name}/body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to] if isinstance(to, str) else list(to),
    )
    message.attach_alternative(render_to_string(f"email/{name}/body.html", context), "text/html")
    for attachment in attachments or []:
        message.attach(*attachment)
    queue_email(message)
