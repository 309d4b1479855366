"""Publishing the question bank: what editors changed becomes a new FrameworkVersion."""

from django.db import transaction
from django.utils import timezone

from .bank import bank_problems, snapshot
from .models import Area, FrameworkVersion, Question


class BankNotReady(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def current_bank() -> dict:
    """The bank as the questions stand now in the admin, published or not."""
    questions = (
        Question.objects.select_related("area").prefetch_related("options", "translations").filter(is_active=True)
    )
    return snapshot(Area.objects.prefetch_related("translations"), questions)


def latest_version() -> FrameworkVersion | None:
    return FrameworkVersion.objects.order_by("-number").first()


@transaction.atomic
def publish_question_bank(notes: str = "") -> FrameworkVersion:
    """Make the current questions the next framework version and return it.

    Raises BankNotReady listing what to fix when the bank could not be scored fairly.
    Publishing an unchanged bank returns the latest version instead of bumping the number.
    """
    bank = current_bank()
    problems = bank_problems(bank)
    if problems:
        raise BankNotReady(problems)
    latest = FrameworkVersion.objects.select_for_update().order_by("-number").first()
    if latest and latest.bank == bank:
        return latest
    return FrameworkVersion.objects.create(
        number=(latest.number if latest else 0) + 1, bank=bank, notes=notes, published_at=timezone.now()
    )
