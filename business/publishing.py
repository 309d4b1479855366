"""Publishing the adoption check: what editors changed becomes a new CheckVersion."""

from django.db import transaction
from django.utils import timezone

from skills.publishing import BankNotReady

from .bank import bank_problems, snapshot
from .models import CheckQuestion, CheckVersion, Dimension


def current_bank() -> dict:
    """The check as the questions stand now in the admin, published or not."""
    questions = (
        CheckQuestion.objects.select_related("dimension")
        .prefetch_related("options", "translations")
        .filter(is_active=True)
    )
    return snapshot(Dimension.objects.prefetch_related("translations"), questions)


def latest_version() -> CheckVersion | None:
    return CheckVersion.objects.order_by("-number").first()


@transaction.atomic
def publish_check(notes: str = "") -> CheckVersion:
    """Make the current questions the next version and return it. Raises BankNotReady listing
    what to fix; publishing an unchanged check returns the latest version."""
    bank = current_bank()
    if problems := bank_problems(bank):
        raise BankNotReady(problems)
    latest = CheckVersion.objects.select_for_update().order_by("-number").first()
    if latest and latest.bank == bank:
        return latest
    return CheckVersion.objects.create(
        number=(latest.number if latest else 0) + 1, bank=bank, notes=notes, published_at=timezone.now()
    )
