"""The quick skills check at an event: on a kiosk (a shared tablet) and on paper."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.emails import send_templated_email
from skills.forms import AreaAnswersForm, ContextForm, field_name
from skills.models import CONFIDENCE_SCALE, Assessment, FrameworkVersion
from skills.scoring import IncompleteAnswers, InvalidAnswer

from . import kiosk
from .models import EventCheck, EventPage
from .paper import PaperEntryForm, quick_check_areas, save_paper_check
from .views import organiser_view


def posted(request):
    """The submitted data, even when empty (an empty POST must still be validated)."""
    return request.POST if request.method == "POST" else None


class EmailResultForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address"),
        help_text=gettext_lazy("We use it only to send you this email, and do not keep it with your result."),
        error_messages={
            "required": gettext_lazy("Enter your email address"),
            "invalid": gettext_lazy("Enter an email address in the correct format, like name@example.com"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


def kiosk_event(slug: str) -> EventPage:
    return get_object_or_404(EventPage.objects.live().select_related("venue"), slug=slug)


def idle_context(event: EventPage) -> dict:
    """What every kiosk page needs to go back to the start after a spell with nobody using it."""
    return {
        "event": event,
        "kiosk_idle_url": reverse("event_kiosk_idle", args=[event.slug]),
        "kiosk_idle_seconds": settings.KIOSK_IDLE_SECONDS,
    }


def not_running(request, event: EventPage):
    return render(request, "events/kiosk/not_running.html", {"event": event}, status=404)


@organiser_view
@require_http_methods(["GET", "POST"])
def kiosk_setup(request, event):
    """The organiser's side: what the kiosk does, and the button that starts it on this device."""
    if request.method == "POST":
        kiosk.start_kiosk(request, event)
        messages.success(
            request,
            _("The kiosk is running. You have been signed out of this device; sign in again to stop the kiosk."),
        )
        return redirect("event_kiosk", slug=event.slug)
    return render(request, "events/kiosk/setup.html", {"event": event})


@never_cache
@require_http_methods(["GET", "POST"])
def kiosk_start(request, slug):
    """The kiosk's start screen on a device running it; for a signed-in organiser, the page
    that starts it (signing in on the device ends a kiosk running there)."""
    event = kiosk_event(slug)
    if request.user.is_authenticated:
        kiosk.stop_kiosk(request.session)
        return kiosk_setup(request, slug)
    if kiosk.running_kiosk(request, event) is None:
        if request.method == "POST":
            return kiosk_setup(request, slug)  # sends the visitor to sign in
        return not_running(request, event)
    journey = kiosk.load_run(request.session)
    initial = dict(journey.context) if journey and not kiosk.run_result(request.session) else {}
    form = ContextForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        journey = kiosk.new_run(request.session, form.to_session())
        if journey is None:
            raise Http404(_("No question bank has been published."))
        return redirect("event_kiosk_area", slug=event.slug, number=1)
    version = FrameworkVersion.objects.order_by("-number").first()
    if version is None:
        raise Http404(_("No question bank has been published."))
    area_count = len(quick_check_areas(version))
    context = {**idle_context(event), "form": form, "kind": "quick", "area_count": area_count}
    return render(request, "events/kiosk/start.html", context)


def kiosk_run(request, event):
    """The kiosk marker and this person's run, or a response that sends them to the start."""
    marker = kiosk.running_kiosk(request, event)
    if marker is None:
        return None, None, not_running(request, event)
    journey = kiosk.load_run(request.session)
    if journey is None:
        return marker, None, redirect("event_kiosk", slug=event.slug)
    if result := kiosk.run_result(request.session):
        return marker, None, redirect("event_kiosk_result", slug=event.slug, uuid=result)
    return marker, journey, None


@never_cache
@require_http_methods(["GET", "POST"])
def kiosk_area(request, slug, number: int):
    """One area per screen, as in the quick check; after the last, the result is saved."""
    event = kiosk_event(slug)
    marker, journey, response = kiosk_run(request, event)
    if response:
        return response
    current = journey.area(number)
    if current is None:
        raise Http404(_("There is no such area in this assessment."))
    area, questions = current
    initial = {field_name(q): journey.answers[str(q["id"])] for q in questions if str(q["id"]) in journey.answers}
    form = AreaAnswersForm(questions, posted(request), initial=initial)
    if number > 1:
        previous = reverse("event_kiosk_area", args=[event.slug, number - 1])
    else:
        previous = reverse("event_kiosk", args=[event.slug])
    if request.method == "POST" and "back" in request.POST:
        journey.answers.update(form.valid_answers_so_far())
        kiosk.save_run(request.session, journey)
        return redirect(previous)
    if request.method == "POST" and form.is_valid():
        journey.answers.update(form.answers())
        if number < len(journey.areas):
            kiosk.save_run(request.session, journey)
            return redirect("event_kiosk_area", slug=event.slug, number=number + 1)
        unanswered = journey.first_unanswered_area()
        if unanswered:
            kiosk.save_run(request.session, journey)
            messages.info(request, _("Answer every question in this area before you check your answers."))
            return redirect("event_kiosk_area", slug=event.slug, number=unanswered)
        try:
            assessment, _result = kiosk.save_kiosk_check(journey, event, marker)
        except (IncompleteAnswers, InvalidAnswer):
            messages.error(request, _("Some answers could not be used. Please answer these questions again."))
            journey.answers = {}
            kiosk.save_run(request.session, journey)
            return redirect("event_kiosk_area", slug=event.slug, number=1)
        journey.answers = {}
        kiosk.save_run(request.session, journey, result=str(assessment.uuid))
        return redirect("event_kiosk_result", slug=event.slug, uuid=assessment.uuid)
    context = {
        **idle_context(event),
        "form": form,
        "area": area,
        "number": number,
        "area_count": len(journey.areas),
        "previous": previous,
        "kind": "quick",
        "scale": CONFIDENCE_SCALE,
    }
    return render(request, "events/kiosk/area.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def kiosk_result(request, slug, uuid):
    """The result, only while it is this run's; and "Email me my result" (POST)."""
    event = kiosk_event(slug)
    if kiosk.running_kiosk(request, event) is None or kiosk.run_result(request.session) != str(uuid):
        raise Http404(_("No result here."))
    assessment = get_object_or_404(Assessment.objects.select_related("framework_version"), uuid=uuid)
    summary = kiosk.result_summary(assessment)
    emailed = kiosk.was_emailed(request.session)
    form = EmailResultForm(None if emailed else posted(request))
    if request.method == "POST" and not emailed and form.is_valid():
        # The address goes only into the outbox to be sent; nothing links it to the result.
        send_templated_email("kiosk_result", form.cleaned_data["email"], {"event": event, **summary})
        kiosk.mark_emailed(request.session)
        messages.success(request, _("Your result is on its way to your email."))
        return redirect("event_kiosk_result", slug=event.slug, uuid=uuid)
    context = {**idle_context(event), **summary, "assessment": assessment, "form": form, "emailed": emailed}
    return render(request, "events/kiosk/result.html", context)


@never_cache
@require_POST
def kiosk_finish(request, slug):
    """Finish: this person's answers and result leave the device, ready for the next person."""
    event = kiosk_event(slug)
    kiosk.end_run(request.session)
    if kiosk.running_kiosk(request, event) is not None:
        messages.success(request, _("Thank you. Your answers have been cleared from this screen."))
    return redirect("event_kiosk", slug=event.slug)


@never_cache
@require_GET
def kiosk_idle(request, slug):
    """Where an idle kiosk page goes: the same as Finish, so the next person sees nothing."""
    event = kiosk_event(slug)
    kiosk.end_run(request.session)
    return redirect("event_kiosk", slug=event.slug)


@organiser_view
@require_http_methods(["GET", "POST"])
def paper_entry(request, event):
    """An organiser types in a quick check taken on paper, one sheet at a time."""
    version = FrameworkVersion.objects.order_by("-number").first()
    if version is None:
        raise Http404(_("No question bank has been published."))
    form = PaperEntryForm(version, posted(request))
    if request.method == "POST" and form.is_valid():
        save_paper_check(form, event, request.user)
        messages.success(request, _("Entry saved. The form is empty for the next sheet."))
        return redirect("event_paper_entry", slug=event.slug)
    entered = event.checks.filter(method=EventCheck.Method.PAPER).count()
    return render(request, "events/paper/entry.html", {"event": event, "form": form, "entered": entered})


@organiser_view
@require_GET
def paper_sheet(request, event):
    """The quick check to print for an event.

    Behind the same sign-in as the attendee list rather than public: the sheet carries the
    event's name and is only of use to the organisers who will type it in, and keeping it
    there means every sheet in circulation comes from someone who can enter it."""
    version = FrameworkVersion.objects.order_by("-number").first()
    if version is None:
        raise Http404(_("No question bank has been published."))
    return render(
        request, "events/paper/sheet.html", {"event": event, "form": PaperEntryForm(version), "version": version}
    )
