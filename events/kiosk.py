"""The quick skills check on a shared device at an event: the kiosk and each person's run.

An organiser starts the kiosk, which signs them out of the device and leaves a marker in the
new session. Each person who then takes the check has a run of their own, kept in the
session under its own key (never the normal quick check's), and gone when they finish or
leave the screen idle, so the next person sees nothing of them.
"""

import datetime

from django.contrib.auth import get_user_model, logout
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from skills.bank import localised_bank
from skills.journey import Journey, complete
from skills.models import AreaResult, Assessment, AssessmentKind, FrameworkVersion, Level
from skills.scoring import Result
from skills.translations import localise, reading_language, with_translations

from .models import EventCheck, EventPage

KIOSK_SESSION_KEY = "events_kiosk"
RUN_SESSION_KEY = "events_kiosk_run"
KIOSK_HOURS = 12


def kiosk_expiry(started_at: datetime.datetime) -> datetime.datetime:
    """When a kiosk started at `started_at` stops: the end of that day (local time), or
    KIOSK_HOURS later if that is sooner."""
    local = timezone.localtime(started_at)
    end_of_day = local.replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
    return min(end_of_day, local + datetime.timedelta(hours=KIOSK_HOURS))


def start_kiosk(request, event: EventPage) -> None:
    """Sign the organiser out of this device (flushing the session) and run the kiosk for
    `event` in the session that follows."""
    organiser_id = request.user.pk
    logout(request)
    started_at = timezone.now()
    request.session[KIOSK_SESSION_KEY] = {
        "event": event.pk,
        "started_by": organiser_id,
        "started_at": started_at.isoformat(),
        "expires_at": kiosk_expiry(started_at).isoformat(),
    }


def stop_kiosk(session) -> None:
    session.pop(KIOSK_SESSION_KEY, None)
    session.pop(RUN_SESSION_KEY, None)


def running_kiosk(request, event: EventPage, now: datetime.datetime | None = None) -> dict | None:
    """The kiosk marker when this device runs the kiosk for `event`, or None.

    Anyone signed in on the device ends the kiosk: an organiser stops it by signing in again.
    """
    marker = request.session.get(KIOSK_SESSION_KEY)
    if marker and (
        request.user.is_authenticated
        or datetime.datetime.fromisoformat(marker["expires_at"]) <= (now or timezone.now())
    ):
        stop_kiosk(request.session)
        return None
    if not marker or marker["event"] != event.pk:
        return None
    return marker


def new_run(session, context: dict) -> Journey | None:
    """A fresh run on the latest published bank, keeping the answers of a run not finished
    yet (someone who went back to the first screen); None when no bank is published."""
    journey = load_run(session)
    if journey is None or session[RUN_SESSION_KEY].get("result"):
        version = FrameworkVersion.objects.order_by("-number").first()
        if version is None:
            return None
        journey = Journey(kind=AssessmentKind.QUICK, version=version)
    journey.context = context
    save_run(session, journey)
    return journey


def load_run(session) -> Journey | None:
    """This person's quick check in progress on the kiosk, or None."""
    stored = session.get(RUN_SESSION_KEY)
    if not stored:
        return None
    version = FrameworkVersion.objects.filter(number=stored["version"]).first()
    if version is None:
        return None
    return Journey(kind=AssessmentKind.QUICK, version=version, context=stored["context"], answers=stored["answers"])


def save_run(session, journey: Journey, result: str | None = None) -> None:
    session[RUN_SESSION_KEY] = {
        "version": journey.version.number,
        "context": journey.context,
        "answers": journey.answers,
        "result": result,
        "emailed": False,
    }


def run_result(session) -> str | None:
    """The uuid of the result this run has reached, or None."""
    return (session.get(RUN_SESSION_KEY) or {}).get("result")


def mark_emailed(session) -> None:
    session[RUN_SESSION_KEY] = {**session[RUN_SESSION_KEY], "emailed": True}


def was_emailed(session) -> bool:
    return bool((session.get(RUN_SESSION_KEY) or {}).get("emailed"))


def end_run(session) -> None:
    """Forget this person's answers and result, and change the session's key so that a page
    the browser kept (back/forward cache) is not shown again."""
    session.pop(RUN_SESSION_KEY, None)
    session.cycle_key()


def save_kiosk_check(journey: Journey, event: EventPage, marker: dict) -> tuple[Assessment, Result]:
    """Score and save the run without a user, attributed to the event and to the organiser
    who started the kiosk (if their account still exists), all or nothing.

    Raises IncompleteAnswers or InvalidAnswer (from scoring) with nothing saved.
    """
    with transaction.atomic():
        assessment, result = complete(journey, user=None)
        organiser_id = get_user_model().objects.filter(pk=marker["started_by"]).values_list("pk", flat=True).first()
        EventCheck.objects.create(
            event=event, assessment=assessment, method=EventCheck.Method.KIOSK, entered_by_id=organiser_id
        )
    return assessment, result


def result_summary(assessment: Assessment) -> dict:
    """The result in words, in the reader's language: the overall level and each area's level.

    {"overall": Level | None, "is_ai_ready": bool, "areas": [{"name": ..., "level": ..., "level_name": ...}]}
    """
    language = reading_language()
    levels = {level.number: level for level in localise(with_translations(Level.objects.all(), language), language)}
    bank = localised_bank(assessment.framework_version.bank, get_language())
    names = {area["id"]: area["name"] for area in bank["areas"]}
    order = list(names)
    area_results = sorted(
        AreaResult.objects.filter(assessment=assessment).select_related("area"),
        key=lambda result: order.index(result.area_id) if result.area_id in order else len(order),
    )
    areas = [
        {
            "name": names.get(result.area_id, result.area.name),
            "level": result.level,
            "level_name": levels[result.level].name if result.level in levels else "",
        }
        for result in area_results
    ]
    return {"overall": levels.get(assessment.overall_level), "is_ai_ready": assessment.is_ai_ready, "areas": areas}
