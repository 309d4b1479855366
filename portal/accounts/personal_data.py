"""What the portal holds about a person, gathered from every app through Wagtail hooks.

- `personal_data_export`: fn(user) -> (key, JSON-serialisable value), one entry per app.
- `before_account_delete`: fn(user) -> None, to anonymise what must outlive the account.
- `me_sections`: fn(request) -> dict(title, template, order, ...context) or None, for /me/.
"""

from django.db import transaction
from django.utils import timezone
from wagtail import hooks


def export_personal_data(user) -> dict:
    """Everything held about `user`, keyed by the part of the portal that holds it."""
    data = {"generated_at": timezone.now().isoformat()}
    for fn in hooks.get_hooks("personal_data_export"):
        key, value = fn(user)
        data[key] = value
    return data


@transaction.atomic
def delete_account(user) -> None:
    """Delete the account and its personal data; apps keep only anonymous aggregates."""
    before_account_delete(user)
    user.delete()


def before_account_delete(user) -> None:
    """Let every app free what the account holds (places at events, team drafts) and
    anonymise what must outlive it; also run when staff delete a user in the admin."""
    for fn in hooks.get_hooks("before_account_delete"):
        fn(user)


def me_sections(request) -> list[dict]:
    sections = [section for fn in hooks.get_hooks("me_sections") if (section := fn(request))]
    return sorted(sections, key=lambda section: section.get("order", 100))
