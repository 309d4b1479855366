"""Where a person is in the assessment, kept in the server-side session between screens.

Answers live in the session until the check-your-answers screen saves them, so refreshing,
going back, or leaving and returning within the session loses nothing.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language

from .bank import localised_bank, questions_by_area
from .models import AreaResult, Assessment, AssessmentKind, FrameworkVersion
from .scoring import Result, score_assessment, score_focused

RESULTS_SESSION_KEY = "skills_results"


@dataclass
class Journey:
    """One person's assessment in progress: the version asked, context and answers so far."""

    kind: str
    version: FrameworkVersion
    context: dict = field(default_factory=dict)
    answers: dict = field(default_factory=dict)

    @property
    def quick(self) -> bool:
        return self.kind == AssessmentKind.QUICK

    @property
    def bank(self) -> dict:
        """The version's bank in the reader's language: the words only, never what is asked or scored."""
        return localised_bank(self.version.bank, get_language())

    @property
    def focused(self) -> bool:
        return self.kind == AssessmentKind.FOCUSED

    @property
    def areas(self) -> list[tuple[dict, list[dict]]]:
        """The areas asked, each with its questions: every area, or for a focused re-check
        only the chosen ones (with the full version's questions)."""
        return questions_by_area(self.bank, self.quick, self.context.get("areas") if self.focused else None)

    def area(self, number: int) -> tuple[dict, list[dict]] | None:
        """The area asked on screen `number` (from 1), or None past the end."""
        areas = self.areas
        return areas[number - 1] if 1 <= number <= len(areas) else None

    def first_unanswered_area(self) -> int | None:
        for number, (_, questions) in enumerate(self.areas, start=1):
            if any(str(question["id"]) not in self.answers for question in questions):
                return number
        return None


def session_key(kind: str) -> str:
    return f"skills_assessment_{kind}"


def load_journey(session, kind: str) -> Journey | None:
    """The journey in this session, or None when none has started (or its version is gone)."""
    stored = session.get(session_key(kind))
    if not stored:
        return None
    version = FrameworkVersion.objects.filter(number=stored["version"]).first()
    if version is None:
        return None
    return Journey(kind=kind, version=version, context=stored["context"], answers=stored["answers"])


def start_journey(session, kind: str) -> Journey:
    """The journey in this session, or a new one on the latest published version."""
    journey = load_journey(session, kind)
    if journey is None:
        journey = Journey(kind=kind, version=FrameworkVersion.objects.order_by("-number").first())
    return journey


def save_journey(session, journey: Journey) -> None:
    session[session_key(journey.kind)] = {
        "version": journey.version.number,
        "context": journey.context,
        "answers": journey.answers,
    }


def assessment_language(language: str | None = None) -> str:
    """The language an assessment is taken in: the active one, if the portal speaks it."""
    language = language or get_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@transaction.atomic
def complete(journey: Journey, user=None) -> tuple[Assessment, Result]:
    """Score the journey and save it as an assessment with a result per area, recording
    the language it is being taken in (the active one).

    Raises IncompleteAnswers or InvalidAnswer (from scoring) with nothing saved.
    """
    if journey.focused:
        earlier = {slug: (score, level) for slug, (score, level, _when) in latest_levels(user).items()}
        result = score_focused(journey.version.bank, journey.answers, journey.context["areas"], earlier)
    else:
        result = score_assessment(journey.version.bank, journey.answers, quick=journey.quick)
    assessment = Assessment.objects.create(
        user=user if user and user.is_authenticated else None,
        framework_version=journey.version,
        kind=journey.kind,
        language=assessment_language(),
        ward_id=journey.context.get("ward") or None,
        age_band=journey.context.get("age_band", ""),
        status=journey.context.get("status", ""),
        employer_id=journey.context.get("employer") or None,
        overall_level=result.overall_level,
        is_ai_ready=result.is_ai_ready,
        answers=journey.answers,
    )
    area_ids = {area["slug"]: area["id"] for area in journey.version.bank["areas"]}
    AreaResult.objects.bulk_create(
        AreaResult(
            assessment=assessment,
            area_id=area_ids[area.slug],
            score=area.score,
            level=area.level,
            carried_over=area.carried_over,
        )
        for area in result.areas
    )
    return assessment, result


def latest_levels(user, before=None) -> dict[str, tuple[int, int, object]]:
    """{area slug: (score, level, when)} from the person's latest result in each area that
    was asked (before `before`, when given), never a carried-over copy: what a focused
    re-check carries over."""
    if user is None or not user.is_authenticated:
        return {}
    rows = AreaResult.objects.filter(assessment__user=user, carried_over=False)
    if before is not None:
        rows = rows.filter(assessment__completed_at__lt=before)
    latest = {}
    for slug, score, level, when in rows.order_by("-assessment__completed_at", "-assessment_id").values_list(
        "area__slug", "score", "level", "assessment__completed_at"
    ):
        latest.setdefault(slug, (score, level, when))
    return latest


def finish(session, journey: Journey, assessment: Assessment) -> None:
    """Forget the answers and remember that this session may open (and later claim) the result."""
    session.pop(session_key(journey.kind), None)
    if assessment.user_id is None:
        session[RESULTS_SESSION_KEY] = [*session.get(RESULTS_SESSION_KEY, []), str(assessment.uuid)]


def claim_results(session, user) -> int:
    """Give `user` the unclaimed results made in this browser session; returns how many."""
    uuids = session.get(RESULTS_SESSION_KEY, [])
    if not uuids:
        return 0
    claimed = Assessment.objects.filter(uuid__in=uuids, user__isnull=True).update(user=user)
    session.pop(RESULTS_SESSION_KEY, None)
    return claimed


def can_view(request, assessment: Assessment) -> bool:
    """Only the owner, or the same browser session for an unclaimed result, may see it."""
    if assessment.user_id is not None:
        return request.user.is_authenticated and assessment.user_id == request.user.pk
    return str(assessment.uuid) in request.session.get(RESULTS_SESSION_KEY, [])
