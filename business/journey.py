"""Where a person is in the adoption check, kept in the server-side session between screens.

Answers live in the session until the check-your-answers screen saves them, so refreshing,
going back, or leaving and returning within the session loses nothing.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import get_language

from skills.journey import assessment_language

from .bank import localised_bank, questions_by_dimension
from .models import BusinessCheck, CheckVersion, DimensionResult
from .scoring import CheckResult, score_check

SESSION_KEY = "business_check"
RESULTS_SESSION_KEY = "business_results"


@dataclass
class Journey:
    version: CheckVersion
    context: dict = field(default_factory=dict)
    answers: dict = field(default_factory=dict)

    @property
    def bank(self) -> dict:
        """The version's bank in the reader's language: the words only, never what is scored."""
        return localised_bank(self.version.bank, get_language())

    @property
    def dimensions(self) -> list[tuple[dict, list[dict]]]:
        return questions_by_dimension(self.bank)

    def dimension(self, number: int) -> tuple[dict, list[dict]] | None:
        dimensions = self.dimensions
        return dimensions[number - 1] if 1 <= number <= len(dimensions) else None

    def first_unanswered(self) -> int | None:
        for number, (_dimension, questions) in enumerate(self.dimensions, start=1):
            if any(str(question["id"]) not in self.answers for question in questions):
                return number
        return None


def load_journey(session) -> Journey | None:
    stored = session.get(SESSION_KEY)
    if not stored:
        return None
    version = CheckVersion.objects.filter(number=stored["version"]).first()
    if version is None:
        return None
    return Journey(version=version, context=stored["context"], answers=stored["answers"])


def start_journey(session) -> Journey | None:
    """The journey in this session, or a new one on the latest version (None if none is published)."""
    journey = load_journey(session)
    if journey is None:
        version = CheckVersion.objects.order_by("-number").first()
        journey = Journey(version=version) if version else None
    return journey


def save_journey(session, journey: Journey) -> None:
    session[SESSION_KEY] = {"version": journey.version.number, "context": journey.context, "answers": journey.answers}


# The request's own transaction holds both writes; no savepoint is needed inside it.
@transaction.atomic(savepoint=False)
def complete(journey: Journey, user=None) -> tuple[BusinessCheck, CheckResult]:
    """Score the journey and save it with a result per dimension. The organisation is kept
    only while the person is still its confirmed member. Raises IncompleteAnswers or
    InvalidAnswer with nothing saved."""
    result = score_check(journey.version.bank, journey.answers)
    signed_in = user is not None and user.is_authenticated
    organisation_id = journey.context.get("organisation")
    if organisation_id and not (
        signed_in and user.memberships.filter(organisation_id=organisation_id, is_confirmed=True).exists()
    ):
        organisation_id = None
    check = BusinessCheck.objects.create(
        user=user if signed_in else None,
        organisation_id=organisation_id,
        version=journey.version,
        language=assessment_language(),
        sector=journey.context.get("sector", ""),
        size_band=journey.context.get("size_band", ""),
        ward_id=journey.context.get("ward") or None,
        overall_stage=int(result.overall_stage),
        uses_ai=result.uses_ai,
        has_ai_policy=result.has_ai_policy,
        answers=journey.answers,
    )
    ids = {dimension["slug"]: dimension["id"] for dimension in journey.version.bank["dimensions"]}
    DimensionResult.objects.bulk_create(
        DimensionResult(check_result=check, dimension_id=ids[d.slug], score=d.score, stage=int(d.stage))
        for d in result.dimensions
    )
    return check, result


def finish(session, check: BusinessCheck) -> None:
    """Forget the answers and remember that this session may open (and later claim) the result."""
    session.pop(SESSION_KEY, None)
    if check.user_id is None:
        session[RESULTS_SESSION_KEY] = [*session.get(RESULTS_SESSION_KEY, []), str(check.uuid)]


def claim_results(session, user) -> int:
    """Give `user` the unclaimed checks made in this browser session; returns how many."""
    uuids = session.pop(RESULTS_SESSION_KEY, [])
    if not uuids:
        return 0
    return BusinessCheck.objects.filter(uuid__in=uuids, user__isnull=True).update(user=user)


def member_organisation_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(user.memberships.filter(is_confirmed=True).values_list("organisation_id", flat=True))


def can_view(request, check: BusinessCheck) -> bool:
    """The person who took it, the confirmed members of its organisation, or the browser
    session that made it while it is unclaimed. Nobody else, editors included."""
    user = request.user
    if check.organisation_id and check.organisation_id in member_organisation_ids(user):
        return True
    if check.user_id is not None:
        return user.is_authenticated and check.user_id == user.pk
    return str(check.uuid) in request.session.get(RESULTS_SESSION_KEY, [])
