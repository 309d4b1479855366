"""The skills pages: landing, framework, the assessment screens, results and progress."""

import datetime
import itertools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail import hooks

from portal.accounts.models import Organisation

from .bank import KNOWLEDGE, answer_text, localised_bank, questions_by_area, questions_for
from .charts import progress_chart
from .forms import AreaAnswersForm, ContextForm, field_name
from .journey import (
    Journey,
    can_view,
    complete,
    finish,
    latest_levels,
    load_journey,
    save_journey,
    start_journey,
)
from .models import (
    CONFIDENCE_SCALE,
    Area,
    AreaLevelDescription,
    AreaResult,
    Assessment,
    AssessmentKind,
    Level,
    Resource,
)
from .scoring import IncompleteAnswers, InvalidAnswer, areas_to_work_on
from .translations import localise, localise_level_descriptions, reading_language, with_translations

RETAKE_AFTER = datetime.timedelta(days=7)
MAX_FOCUSED_AREAS = 3
CRUMBS = [(gettext_lazy("AI skills"), "/skills/")]


def posted(request):
    """The submitted data, even when empty (an empty POST must still be validated)."""
    return request.POST if request.method == "POST" else None


def url_name(kind: str, step: str) -> str:
    prefix = {AssessmentKind.QUICK: "quick_", AssessmentKind.FOCUSED: "focused_"}.get(kind, "")
    return f"skills_{prefix}{step}"


def needs_sign_in(request, kind: str) -> bool:
    """A focused re-check carries over the person's earlier results, so it needs an account."""
    return kind == AssessmentKind.FOCUSED and not request.user.is_authenticated


def levels_in(language: str | None) -> list[Level]:
    return localise(with_translations(Level.objects.all(), language), language)


def landing(request):
    language = reading_language()
    areas = localise(with_translations(Area.objects.all(), language), language)
    return render(request, "skills/landing.html", {"levels": levels_in(language), "areas": areas})


def framework(request):
    language = reading_language()
    areas = with_translations(
        Area.objects.prefetch_related(
            Prefetch("level_descriptions", queryset=AreaLevelDescription.objects.order_by("level"))
        ),
        language,
    )
    areas = localise(areas, language)
    for area in areas:
        localise_level_descriptions(area, area.level_descriptions.all(), language)
    return render(request, "skills/framework.html", {"areas": areas, "levels": levels_in(language), "crumbs": CRUMBS})


def last_taken(user) -> Assessment | None:
    if not user.is_authenticated:
        return None
    return Assessment.objects.filter(user=user).only("completed_at").first()


def retake_note(user) -> str:
    """A gentle note when someone retakes within a week: change takes time to show."""
    last = last_taken(user)
    if last and timezone.now() - last.completed_at < RETAKE_AFTER:
        # The month in the reader's language ("E" is the form used after a day, e.g. Polish
        # "5 marca"); in English as "%-d %B" (5 March).
        return _(
            "You last checked your skills on %(date)s. We suggest waiting a week between "
            "tries, so you have time to learn something new, but you are welcome to go ahead."
        ) % {"date": format_date(last.completed_at, "j E")}
    return ""


@never_cache
@require_http_methods(["GET", "POST"])
def start(request, kind=AssessmentKind.FULL):
    """The optional context questions, then on to the first area."""
    journey = start_journey(request.session, kind)
    if journey.version is None:
        raise Http404(_("No question bank has been published."))
    initial = dict(journey.context)
    if not journey.context and request.user.is_authenticated:
        initial["ward"] = request.user.profile.ward_id
    # Staff invited by their employer's link (?org=<code>) may count their result for it.
    code = request.GET.get("org", "")
    employer = Organisation.objects.filter(staff_code=code).first() if code else None
    initial["count_for_employer"] = bool(employer and journey.context.get("employer") == employer.pk)
    form = ContextForm(posted(request), initial=initial, employer=employer)
    if request.method == "POST" and form.is_valid():
        journey.context = form.to_session()
        save_journey(request.session, journey)
        return redirect(url_name(kind, "assessment_area"), number=1)
    context = {
        "form": form,
        "kind": kind,
        "area_count": len(journey.areas),
        "retake_note": retake_note(request.user),
        "invitation_not_found": bool(code) and employer is None,
        "crumbs": CRUMBS,
    }
    return render(request, "skills/assessment/start.html", context)


def chosen_areas(bank: dict, value: str) -> list[str]:
    """The area slugs named in `value` ("slug,slug"), in framework order, if they are one
    to MAX_FOCUSED_AREAS areas this bank asks about; otherwise none."""
    wanted = {slug.strip() for slug in value.split(",") if slug.strip()}
    asked = [area["slug"] for area, _questions in questions_by_area(bank) if area["slug"] in wanted]
    return asked if 1 <= len(asked) == len(wanted) <= MAX_FOCUSED_AREAS else []


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def focused_start(request):
    """A short re-check of one to three areas (`?areas=slug,slug`), as a follow-up after a
    workshop: the full check's questions in those areas only, every other area carried over
    from the person's latest result in it."""
    journey = start_journey(request.session, AssessmentKind.FOCUSED)
    if journey.version is None:
        raise Http404(_("No question bank has been published."))
    if "areas" in request.GET or not journey.context.get("areas"):
        areas = chosen_areas(journey.version.bank, request.GET.get("areas", ""))
        if not areas:
            messages.info(request, _("That re-check link does not name the areas to check, so here is the full check."))
            return redirect("skills_assessment")
        journey = Journey(kind=AssessmentKind.FOCUSED, version=journey.version, context={"areas": areas})
    areas = journey.context["areas"]
    earlier = latest_levels(request.user)
    others = [area for area, _questions in questions_by_area(journey.bank) if area["slug"] not in areas]
    if any(area["slug"] not in earlier for area in others):
        messages.info(request, _("Take the full check first: a re-check compares what changed with it."))
        return redirect("skills_assessment")
    if request.method == "POST":
        last = Assessment.objects.filter(user=request.user).only("ward_id", "age_band", "status").first()
        if last is not None:
            journey.context.update(ward=last.ward_id, age_band=last.age_band, status=last.status)
        save_journey(request.session, journey)
        return redirect("skills_focused_assessment_area", number=1)
    context = {
        "asked": [area for area, _questions in journey.areas],
        "carried": [{"area": area, "when": earlier[area["slug"]][2]} for area in others],
        "crumbs": CRUMBS,
    }
    return render(request, "skills/assessment/focused_start.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def area_step(request, number: int, kind=AssessmentKind.FULL):
    """One area per screen: its confidence statements and knowledge questions."""
    if needs_sign_in(request, kind):
        return redirect_to_login(request.get_full_path())
    journey = load_journey(request.session, kind)
    if journey is None:
        return redirect(url_name(kind, "assessment"))
    current = journey.area(number)
    if current is None:
        raise Http404(_("There is no such area in this assessment."))
    area, questions = current
    initial = {field_name(q): journey.answers[str(q["id"])] for q in questions if str(q["id"]) in journey.answers}
    form = AreaAnswersForm(questions, posted(request), initial=initial)
    # Changing an answer from check-your-answers goes back there, not through the later areas
    # (the form posts to its own address, so the query string comes along).
    changing = request.GET.get("change") == "1"
    if changing:
        previous = reverse(url_name(kind, "assessment_check"))
    elif number > 1:
        previous = reverse(url_name(kind, "assessment_area"), args=[number - 1])
    else:
        previous = reverse(url_name(kind, "assessment"))
    if request.method == "POST" and "back" in request.POST:
        journey.answers.update(form.valid_answers_so_far())
        save_journey(request.session, journey)
        return redirect(previous)
    if request.method == "POST" and form.is_valid():
        journey.answers.update(form.answers())
        save_journey(request.session, journey)
        if number < len(journey.areas) and not changing:
            return redirect(url_name(kind, "assessment_area"), number=number + 1)
        return redirect(url_name(kind, "assessment_check"))
    context = {
        "form": form,
        "area": area,
        "number": number,
        "area_count": len(journey.areas),
        "previous": previous,
        "kind": kind,
        "scale": CONFIDENCE_SCALE,
    }
    return render(request, "skills/assessment/area.html", context)


def answer_rows(journey) -> list[dict]:
    """For check-your-answers: each area with each question and the answer given in words."""
    scale = {str(value): label for value, label in CONFIDENCE_SCALE}
    rows = []
    for number, (area, questions) in enumerate(journey.areas, start=1):
        items = []
        for question in questions:
            answer = journey.answers.get(str(question["id"]))
            options = (
                {option["id"]: answer_text(option) for option in question["options"]} if question["options"] else scale
            )
            items.append({"question": question, "answer": options.get(answer, "")})
        rows.append({"area": area, "number": number, "items": items})
    return rows


@never_cache
@require_http_methods(["GET", "POST"])
def check(request, kind=AssessmentKind.FULL):
    """Check your answers, then submit: the only place an assessment is saved."""
    if needs_sign_in(request, kind):
        return redirect_to_login(request.get_full_path())
    journey = load_journey(request.session, kind)
    if journey is None:
        return redirect(url_name(kind, "assessment"))
    unanswered = journey.first_unanswered_area()
    if unanswered:
        messages.info(request, _("Answer every question in this area before you check your answers."))
        return redirect(url_name(kind, "assessment_area"), number=unanswered)
    if request.method == "POST":
        try:
            assessment, _result = complete(journey, request.user)
        except (IncompleteAnswers, InvalidAnswer):
            messages.error(request, _("Some answers could not be used. Please answer these questions again."))
            journey.answers = {}
            save_journey(request.session, journey)
            return redirect(url_name(kind, "assessment_area"), number=1)
        finish(request.session, journey, assessment)
        return redirect("skills_results", uuid=assessment.uuid)
    context = {
        "rows": answer_rows(journey),
        "kind": kind,
        "area_url_name": url_name(kind, "assessment_area"),
        "previous": reverse(url_name(kind, "assessment_area"), args=[len(journey.areas)]),
    }
    return render(request, "skills/assessment/check.html", context)


def next_steps(area_levels: dict[str, int], user=None) -> list[dict]:
    """Suggestions from other apps (events) through the `skills_next_steps` hook, for the
    person (`user`, which may be anonymous) whose levels these are."""
    steps = []
    for fn in hooks.get_hooks("skills_next_steps"):
        steps.extend(fn(area_levels, user) or [])
    return steps


def next_step_for(assessment: Assessment, user) -> dict | None:
    """The one thing to do next after this result, for /me/: book the first suggested event
    not booked yet in an area to work on, or else read a suggested resource; None when the
    result leaves nothing to work on or nothing suits."""
    language = reading_language()
    area_results = list(
        with_translations(
            AreaResult.objects.filter(assessment=assessment).select_related("area"), language, "area__translations"
        )
    )
    focus = areas_to_work_on(area_results)
    if not focus:
        return None
    areas = {area.slug: area for area in localise([result.area for result in area_results], language)}
    levels = {result.area.slug: result.level for result in area_results}
    for step in next_steps(levels, user):
        if not step.get("booked"):
            return {"kind": "event", "title": step["title"], "url": step["url"], "area": areas.get(step.get("area"))}
    resources = Resource.objects.suiting({result.area.slug: result.level for result in focus})
    resource = next(iter(localise(with_translations(resources[:1], language), language)), None)
    if resource is not None:
        return {
            "kind": "resource",
            "title": resource.title,
            "url": resource.href,
            "area": areas.get(resource.area.slug),
        }
    return None


def knowledge_feedback(assessment: Assessment) -> list[dict]:
    """Each knowledge question asked, the answer given, the right answer and why."""
    feedback = []
    bank = localised_bank(assessment.framework_version.bank, get_language())
    for question in questions_for(bank, quick=assessment.kind == AssessmentKind.QUICK):
        if question["kind"] != KNOWLEDGE:
            continue
        given = assessment.answers.get(str(question["id"]))
        if given is None:  # an area a focused re-check did not ask
            continue
        right = next(option for option in question["options"] if option["correct"])
        given_text = next((answer_text(option) for option in question["options"] if option["id"] == given), "")
        feedback.append(
            {
                "area": question["area"],
                "question": question["text"],
                "given": given_text,
                "right": answer_text(right),
                "is_right": given == right["id"],
                "explanation": question["explanation"],
            }
        )
    return feedback


@never_cache
def results(request, uuid):
    """One result: private to its owner, or to the browser session that made it."""
    assessment = get_object_or_404(Assessment.objects.select_related("framework_version"), uuid=uuid)
    if not can_view(request, assessment):
        raise Http404(_("No result here."))
    language = reading_language()
    area_results = list(
        with_translations(
            AreaResult.objects.filter(assessment=assessment)
            .select_related("area")
            .prefetch_related(Prefetch("area__level_descriptions", to_attr="described_levels")),
            language,
            "area__translations",
        )
    )
    levels = {level.number: level for level in levels_in(language)}
    for result in area_results:
        described = localise_level_descriptions(result.area, result.area.described_levels, language)
        meanings = {description.level: description.description for description in described}
        result.level_name = levels[result.level].name if result.level in levels else ""
        result.meaning = meanings.get(result.level, "")
    if any(result.carried_over for result in area_results):
        earlier = latest_levels(assessment.user, before=assessment.completed_at)
        for result in area_results:
            result.carried_from = earlier[result.area.slug][2] if result.carried_over else None
    areas = {area.pk: area for area in localise([result.area for result in area_results], language)}
    focus = areas_to_work_on(area_results)
    area_levels = {result.area.slug: result.level for result in area_results}
    resources = localise(
        with_translations(Resource.objects.suiting({result.area.slug: result.level for result in focus}), language),
        language,
    )
    for resource in resources:
        resource.area = areas.get(resource.area_id, resource.area)
    context = {
        "assessment": assessment,
        "overall": levels.get(assessment.overall_level),
        "area_results": area_results,
        "chart_height": len(area_results) * 64,
        "focus": focus,
        "events": next_steps(area_levels, request.user),
        "next_url": request.get_full_path(),
        "resources": resources,
        "feedback": knowledge_feedback(assessment),
        "is_owner": assessment.user_id is not None,
        "crumbs": CRUMBS,
    }
    return render(request, "skills/results.html", context)


def attended_events(user) -> list[dict]:
    """The events the person was checked in at, oldest first, from other apps through the
    `skills_progress_events` hook: dicts with when, title, url and place."""
    events = []
    for fn in hooks.get_hooks("skills_progress_events"):
        events.extend(fn(user) or [])
    return sorted(events, key=lambda event: event["when"])


@never_cache
@login_required
def progress(request):
    """Every result the person has, and how each area's level changed over time."""
    assessments = list(
        Assessment.objects.filter(user=request.user)
        .prefetch_related(Prefetch("area_results", queryset=AreaResult.objects.select_related("area")))
        .order_by("completed_at")
    )
    language = reading_language()
    areas = localise(with_translations(Area.objects.all(), language), language)
    levels = {level.number: level.name for level in levels_in(language)}
    for assessment in assessments:
        by_area = {result.area_id: result for result in assessment.area_results.all()}
        assessment.levels_in_order = [getattr(by_area.get(area.pk), "level", None) for area in areas]
        assessment.cells = [by_area.get(area.pk) for area in areas]
        assessment.overall_name = levels.get(assessment.overall_level, "")
    attended = attended_events(request.user)
    for earlier, later in itertools.pairwise(assessments):
        later.attended = [event for event in attended if earlier.completed_at < event["when"] <= later.completed_at]
        later.changes = [
            {"area": area, "before": before, "after": after, "rose": after > before}
            for area, before, after in zip(areas, earlier.levels_in_order, later.levels_in_order, strict=True)
            if before is not None and after is not None and before != after
        ]
        later.since = earlier.completed_at
    context = {
        "assessments": list(reversed(assessments)),
        "chart": progress_chart(areas, assessments),
        "areas": areas,
        "retake_note": retake_note(request.user),
        "crumbs": CRUMBS,
    }
    return render(request, "skills/progress.html", context)
