"""One way to send email: render now, store in the outbox, send once the transaction commits.

Each email lives in `templates/email/<name>/` as `subject.txt`, `body.txt` and `body.html`.
Each person gets it in the language on their profile, wherever it is sent from (a request
in another language, the task worker); an address with no account gets the language in use.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db.models import Model
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils import translation

from .outbox import sending as outbox


def queue_email(message: EmailMessage, kind: str, related: Model | None = None) -> None:
    """Store an already-built message in the outbox, to be sent after the current transaction commits."""
    outbox.store(message, kind=kind, related=related)


def render_text(template_name: str, context: dict) -> str:
    """Render a plain-text template without HTML escaping, so "Fish & Chips" stays as written."""
    return engines["django"].engine.get_template(template_name).render(Context(context, autoescape=False))


def send_templated_email(
    name: str,
    to: list[str] | str,
    context: dict,
    attachments: list[tuple[str, str, str]] | None = None,
    related: Model | None = None,
) -> None:
    """Render `templates/email/<name>/` with `context` and queue it for each recipient, in
    their language, noting the object it is about (a booking, a page) when given."""
    context = {"site_name": settings.WAGTAIL_SITE_NAME, "base_url": settings.WAGTAILADMIN_BASE_URL, **context}
    for language, addresses in recipient_languages([to] if isinstance(to, str) else list(to)).items():
        with translation.override(language):
            subject = " ".join(render_text(f"email/{name}/subject.txt", context).split())
            message = EmailMultiAlternatives(
                subject=subject,
                body=render_text(f"email/{name}/body.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=addresses,
            )
            message.attach_alternative(render_to_string(f"email/{name}/body.html", context), "text/html")
            for attachment in attachments or []:
                message.attach(*attachment)
            queue_email(message, kind=name, related=related)


def recipient_languages(addresses: list[str]) -> dict[str, list[str]]:
    """The addresses grouped by the language each person reads, in the order given."""
    chosen = {
        email.lower(): language
        for email, language in get_user_model()
        .objects.filter(email__in=addresses)
        .values_list("email", "profile__language")
    }
    current = translation.get_language() or settings.LANGUAGE_CODE
    groups = defaultdict(list)
    for address in addresses:
        groups[chosen.get(address.lower()) or current].append(address)
    return groups
