"""Booking, cancelling, calendars and organiser tools for event pages."""

import csv
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.accounts.middleware import second_factor_redirect
from skills.dashboard_figures import invalidate_figures

from .booking import BookingError, availability, book, booking_closed_reason, cancel
from .csv_export import safe_csv_row
from .forms import BookingForm, EventFilterForm
from .ical import build_calendar
from .models import EventPage, Registration
from .permissions import ACCESS_NEEDS_GROUP, can_see_attendee_details


def live_event(slug: str) -> EventPage:
    return get_object_or_404(EventPage.objects.published().select_related("venue"), slug=slug)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def register(request, slug):
    """Book a place, from the booking page or in one step from a skills result's next steps,
    which sends the access needs with it and comes back to the result (`next`)."""
    event = live_event(slug)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = event.url
    if existing := event.registrations.active().filter(user=request.user).first():
        if existing.status == Registration.Status.CONFIRMED:
            messages.info(request, _("You have already booked this event (confirmed)."))
        else:
            messages.info(request, _("You have already booked this event (on the waiting list)."))
        return redirect(back)
    if reason := booking_closed_reason(event, timezone.now()):
        messages.error(request, _("%(reason)s Nothing has been booked.") % {"reason": reason})
        return redirect(back)
    form = BookingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            registration = book(event, request.user, form.cleaned_data["access_needs"])
        except BookingError as error:
            messages.error(request, _("%(reason)s Nothing has been booked.") % {"reason": error})
            return redirect(back)
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("Your place is booked. We have emailed you the details."))
        else:
            messages.success(
                request,
                _("The event is full, so you are on the waiting list. We will email you if a place comes up."),
            )
        return redirect(back)
    confirmed = event.registrations.confirmed().count()
    context = {"page": event, "form": form, "availability": availability(event, confirmed), "next": back}
    return render(request, "events/register.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def cancel_booking(request, slug):
    """GET asks "are you sure?"; POST cancels. Someone else's booking is never found."""
    event = live_event(slug)
    registration = event.registrations.active().filter(user=request.user).first()
    if registration is None:
        raise Http404(_("You have no booking for this event."))
    if request.method == "GET":
        back = "/me/" if request.GET.get("next") == "/me/" else event.url
        return render(request, "events/cancel.html", {"page": event, "registration": registration, "back": back})
    try:
        cancel(registration)
    except BookingError as error:
        messages.error(request, _("%(reason)s Nothing has changed.") % {"reason": error})
    else:
        messages.success(request, _("Your booking has been cancelled. We have emailed you to confirm."))
    next_url = request.POST.get("next", "")
    return redirect("/me/" if next_url == "/me/" else event.url)


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def event_ics(request, slug):
    return calendar_response(build_calendar([live_event(slug)]), "event.ics")


@require_GET
def feed_ics(request):
    form = EventFilterForm(request.GET or None)
    events = EventPage.objects.upcoming().filtered(**form.filters()).select_related("venue").defer_streamfields()
    return calendar_response(build_calendar(events[:200]), "luton-ai-club-events.ics")


def event_for_organiser(request, slug: str) -> EventPage:
    """The event, if the signed-in person may edit it in the admin; otherwise 404 so that
    nobody else learns who is coming."""
    event = get_object_or_404(EventPage.objects.select_related("venue"), slug=slug)
    if not event.permissions_for_user(request.user).can_edit():
        raise Http404(_("No event found."))
    return event


def organiser_view(view):
    """Sign-in, edit permission on the event, and a second factor this session, as for the admin."""

    @never_cache
    @login_required
    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        event = event_for_organiser(request, slug)
        # Translators: completes "Set up two-factor authentication before you …" and
        # "Enter a code from your authenticator app to …".
        if response := second_factor_redirect(request, _("see who is coming")):
            return response
        return view(request, event, *args, **kwargs)

    return wrapped


@organiser_view
@require_GET
def attendees(request, event):
    registrations = list(event.registrations.active().select_related("user", "user__profile"))
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    waitlisted = [r for r in registrations if r.status == Registration.Status.WAITLISTED]
    context = {
        "page": event,
        "confirmed": confirmed,
        "waitlisted": waitlisted,
        "checked_in": sum(1 for r in confirmed if r.checked_in_at),
        "show_details": can_see_attendee_details(request.user, event),
        "access_needs_group": ACCESS_NEEDS_GROUP,
    }
    return render(request, "events/attendees.html", context)


@organiser_view
@require_POST
def check_in(request, event, registration_id):
    registration = get_object_or_404(event.registrations.confirmed().select_related("user"), pk=registration_id)
    checking_in = request.POST.get("undo") != "1"
    Registration.objects.filter(pk=registration.pk).update(checked_in_at=timezone.now() if checking_in else None)
    invalidate_figures()  # an update sends no signal, and check-ins change the dashboard
    name = registration.user.display_name if registration.user else _("This person")
    if checking_in:
        messages.success(request, _("%(name)s checked in.") % {"name": name})
    else:
        messages.success(request, _("%(name)s is no longer checked in.") % {"name": name})
    return redirect("event_attendees", slug=event.slug)


# The attendee list's columns, in order: key, and the header people read.
CSV_HEADERS = {
    "name": gettext_lazy("Name"),
    "email": gettext_lazy("Email"),
    "status": gettext_lazy("Status"),
    "booked_at": gettext_lazy("Booked at"),
    "checked_in_at": gettext_lazy("Checked in at"),
    "access_needs": gettext_lazy("Access needs"),
}


@organiser_view
@require_GET
def attendees_csv(request, event):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-attendees.csv"'
    writer = csv.writer(response)
    columns = list(CSV_HEADERS)
    if not can_see_attendee_details(request.user, event):
        columns = [column for column in columns if column not in ("email", "access_needs")]
    writer.writerow(safe_csv_row(CSV_HEADERS[column] for column in columns))
    for registration in event.registrations.active().select_related("user", "user__profile"):
        user = registration.user
        row = {
            "name": user.display_name if user else "",
            "email": user.email if user else "",
            "status": registration.get_status_display(),
            "booked_at": timezone.localtime(registration.created_at).strftime("%d/%m/%Y %H:%M"),
            "checked_in_at": timezone.localtime(registration.checked_in_at).strftime("%d/%m/%Y %H:%M")
            if registration.checked_in_at
            else "",
            "access_needs": registration.access_needs,
        }
        writer.writerow(safe_csv_row(row[column] for column in columns))
    return response
