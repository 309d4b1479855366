"""The business pages: the adoption check's screens, its result, progress and the team profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.models import Organisation
from projects.submission import CHALLENGE_DRAFT_SESSION_KEY, can_submit_challenge
from projects.views import forbidden
from skills.translations import localise, reading_language, with_translations

from . import next_steps, team
from .bank import answer_texts, localised_bank, questions_by_dimension
from .forms import ContextForm, DimensionAnswersForm, field_name
from .journey import can_view, complete, finish, load_journey, member_organisation_ids, save_journey, start_journey
from .models import STAGE_MEANINGS, BusinessCheck, Dimension, DimensionResult, Stage
from .scoring import IncompleteAnswers, InvalidAnswer, dimensions_to_work_on

CRUMBS = [(gettext_lazy("AI for businesses"), "/business/")]


def posted(request):
    return request.POST if request.method == "POST" else None


def confirmed_organisations(user):
    if not user.is_authenticated:
        return None
    return Organisation.objects.filter(memberships__user=user, memberships__is_confirmed=True).order_by("name")


@never_cache
@require_http_methods(["GET", "POST"])
def start(request):
    """What the check is, and the optional questions about the organisation."""
    journey = start_journey(request.session)
    if journey is None:
        raise Http404(_("The adoption check has not been published yet."))
    organisations = confirmed_organisations(request.user)
    initial = dict(journey.context)
    if not journey.context and organisations is not None:
        first = organisations.first()
        if first:
            initial.update(organisation=first.pk, sector=first.sector, size_band=first.size_band)
    form = ContextForm(posted(request), initial=initial, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        journey.context = form.to_session()
        save_journey(request.session, journey)
        return redirect("business_check_dimension", number=1)
    context = {"form": form, "dimension_count": len(journey.dimensions), "crumbs": CRUMBS}
    return render(request, "business/check/start.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def dimension_step(request, number: int):
    """One dimension per screen."""
    journey = load_journey(request.session)
    if journey is None:
        return redirect("business_check")
    current = journey.dimension(number)
    if current is None:
        raise Http404(_("There is no such step in this check."))
    dimension, questions = current
    initial = {field_name(q): journey.answers[str(q["id"])] for q in questions if str(q["id"]) in journey.answers}
    form = DimensionAnswersForm(questions, posted(request), initial=initial)
    changing = request.GET.get("change") == "1"
    if changing:
        previous = reverse("business_check_answers")
    elif number > 1:
        previous = reverse("business_check_dimension", args=[number - 1])
    else:
        previous = reverse("business_check")
    if request.method == "POST" and "back" in request.POST:
        journey.answers.update(form.valid_answers_so_far())
        save_journey(request.session, journey)
        return redirect(previous)
    if request.method == "POST" and form.is_valid():
        journey.answers.update(form.answers())
        save_journey(request.session, journey)
        if number < len(journey.dimensions) and not changing:
            return redirect("business_check_dimension", number=number + 1)
        return redirect("business_check_answers")
    context = {
        "form": form,
        "dimension": dimension,
        "number": number,
        "dimension_count": len(journey.dimensions),
        "previous": previous,
    }
    return render(request, "business/check/dimension.html", context)


def answer_rows(bank: dict, answers: dict) -> list[dict]:
    """Each dimension with each question and the answer(s) given, in words."""
    return [
        {
            "dimension": dimension,
            "number": number,
            "items": [
                {"question": question, "answers": answer_texts(question, answers.get(str(question["id"]), []))}
                for question in questions
            ],
        }
        for number, (dimension, questions) in enumerate(questions_by_dimension(bank), start=1)
    ]


@never_cache
@require_http_methods(["GET", "POST"])
def check_answers(request):
    """Check your answers, then submit: the only place a check is saved."""
    journey = load_journey(request.session)
    if journey is None:
        return redirect("business_check")
    if unanswered := journey.first_unanswered():
        messages.info(request, _("Answer every question on this screen before you check your answers."))
        return redirect("business_check_dimension", number=unanswered)
    if request.method == "POST":
        try:
            check, _result = complete(journey, request.user)
        except (IncompleteAnswers, InvalidAnswer):
            messages.error(request, _("Some answers could not be used. Please answer these questions again."))
            journey.answers = {}
            save_journey(request.session, journey)
            return redirect("business_check_dimension", number=1)
        finish(request.session, check)
        return redirect("business_results", uuid=check.uuid)
    context = {
        "rows": answer_rows(journey.bank, journey.answers),
        "previous": reverse("business_check_dimension", args=[len(journey.dimensions)]),
    }
    return render(request, "business/check/answers.html", context)


def viewable_check(request, uuid) -> BusinessCheck:
    check = get_object_or_404(BusinessCheck.objects.select_related("version", "organisation"), uuid=uuid)
    if not can_view(request, check):
        raise Http404(_("No result here."))
    return check


def localised_dimensions(language):
    return {d.pk: d for d in localise(with_translations(Dimension.objects.all(), language), language)}


@never_cache
def results(request, uuid):
    """One result: for the person who took it and the confirmed members of its organisation."""
    check = viewable_check(request, uuid)
    language = reading_language()
    dimensions = localised_dimensions(language)
    dimension_results = list(DimensionResult.objects.filter(check_result=check))
    for result in dimension_results:
        result.dimension = dimensions[result.dimension_id]
        result.stage_name = Stage(result.stage).label
        result.meaning = STAGE_MEANINGS[result.stage]
    focus = dimensions_to_work_on(dimension_results)
    context = {
        "check": check,
        "overall": Stage(check.overall_stage),
        "overall_meaning": STAGE_MEANINGS[check.overall_stage],
        "results": dimension_results,
        "chart_height": len(dimension_results) * 64,
        "steps": next_steps.for_dimensions(focus, language),
        "is_claimed": check.user_id is not None,
        "crumbs": CRUMBS,
    }
    return render(request, "business/results.html", context)


def challenge_draft(check: BusinessCheck) -> dict:
    """A new challenge's fields started from the check's answers, in the reader's language:
    the opportunities make the problem, the data answers what data exists."""
    bank = localised_bank(check.version.bank, reading_language() or "en")
    by_slug = {dimension["slug"]: questions for dimension, questions in questions_by_dimension(bank)}

    def said(slug: str) -> list[str]:
        lines = []
        for question in by_slug.get(slug, []):
            if texts := answer_texts(question, check.answers.get(str(question["id"]), [])):
                # Translators: one answer from the business check in a challenge draft, such as
                # “Where could AI help? Customer service, Admin and finance”.
                lines.append(
                    _("%(question)s %(answers)s") % {"question": question["text"], "answers": ", ".join(texts)}
                )
        return lines

    opportunities = said("opportunities")
    problem = "".join(f"<p>{line}</p>" for line in opportunities)
    problem += "<p>{}</p>".format(_("What is hard today, and what would you like AI to help with first?"))
    return {
        "problem": problem,
        "data_available": "\n".join(said("data")),
        "personal_data": "",
    }


@require_POST
def to_challenge(request, uuid):
    """Hand the check's opportunities to the challenge form, where the member edits and sends them."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={reverse('business_results', args=[uuid])}")
    check = viewable_check(request, uuid)
    if not can_submit_challenge(request.user):
        return forbidden(
            request,
            _("Only businesses and organisations can post challenges"),
            _(
                "Post a challenge by choosing “Business or organisation” as your role on your profile page and "
                "naming your organisation. Our editors confirm organisations before they are named publicly."
            ),
        )
    request.session[CHALLENGE_DRAFT_SESSION_KEY] = challenge_draft(check)
    messages.info(request, _("We started this challenge from your answers. Check it, finish it and send it."))
    return redirect("projects:challenge_submit")


@never_cache
@login_required
def progress(request):
    """The checks of each organisation the person is a confirmed member of, and their own, over time."""
    language = reading_language()
    dimensions = list(localised_dimensions(language).values())
    organisation_ids = member_organisation_ids(request.user)
    checks = list(
        BusinessCheck.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation")
        .prefetch_related("dimension_results")
        .order_by("completed_at")
        | BusinessCheck.objects.filter(user=request.user, organisation__isnull=True)
        .select_related("organisation")
        .prefetch_related("dimension_results")
        .order_by("completed_at")
    )
    groups: dict = {}
    for check in checks:
        by_dimension = {result.dimension_id: result.stage for result in check.dimension_results.all()}
        check.stages = [by_dimension.get(dimension.pk) for dimension in dimensions]
        check.overall_name = Stage(check.overall_stage).label
        groups.setdefault(check.organisation, []).append(check)
    context = {
        "groups": [
            {"organisation": organisation, "checks": list(reversed(rows))} for organisation, rows in groups.items()
        ],
        "dimensions": dimensions,
        "awaiting": request.user.memberships.filter(is_confirmed=False).exists(),
        "crumbs": CRUMBS,
    }
    return render(request, "business/progress.html", context)


@never_cache
@login_required
def team_profile(request):
    """Each organisation's anonymous staff AI-skills profile, for its confirmed members."""
    organisations = list(confirmed_organisations(request.user))
    context = {
        "profiles": team.profiles(organisations, reading_language()),
        "minimum": team.MINIMUM_PEOPLE,
        "awaiting": request.user.memberships.filter(is_confirmed=False).exists(),
        "crumbs": CRUMBS,
    }
    for profile in context["profiles"]:
        profile["invitation"] = request.build_absolute_uri(
            f"{reverse('skills_assessment')}?org={profile['organisation'].staff_code}"
        )
    return render(request, "business/team.html", context)
