from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import EventIndexPage, EventPage, EventStatus, Registration, Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = gettext_lazy("Venues")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "postcode", "step_free_access", "hearing_loop"]
    search_fields = ["name", "postcode"]


register_snippet(VenueViewSet)


@hooks.register("personal_data_export")
def export_bookings(user):
    bookings = Registration.objects.filter(user=user).select_related("event").order_by("created_at")
    return (
        "event_bookings",
        [
            {
                "event": booking.event.title,
                "event_start": booking.event.start.isoformat(),
                "status": booking.status,
                "access_needs": booking.access_needs,
                "booked_at": booking.created_at.isoformat(),
                "cancelled_at": booking.cancelled_at.isoformat() if booking.cancelled_at else None,
                "checked_in_at": booking.checked_in_at.isoformat() if booking.checked_in_at else None,
            }
            for booking in bookings
        ],
    )


@hooks.register("before_account_delete")
def delete_bookings(user):
    from .booking import cancel

    # Free the person's places at events not yet started for the waiting list before their
    # bookings go; places at an event under way or over stay counted as they were.
    for registration in Registration.objects.active().filter(user=user, event__start__gt=timezone.now()):
        cancel(registration)
    # The account's deletion then detaches what remains; attendance counts stay, needs go.
    Registration.objects.filter(user=user).update(access_needs="")


@hooks.register("me_sections")
def my_bookings(request):
    bookings = (
        Registration.objects.active()
        .filter(user=request.user, event__live=True)
        .select_related("event", "event__venue")
        .order_by("event__start")
    )
    now = timezone.now()
    return {
        "key": "bookings",
        "title": _("Your event bookings"),
        "template": "events/me_bookings.html",
        "order": 20,
        "upcoming": [booking for booking in bookings if booking.event.end >= now],
        "past": [booking for booking in bookings if booking.event.end < now][-5:],
    }


@hooks.register("home_page_sections")
def next_events(request):
    events = list(EventPage.objects.upcoming().filter(status=EventStatus.SCHEDULED).for_listing()[:3])
    if not events:
        return None
    index = EventIndexPage.objects.live().first()
    return {
        "key": "events",
        "title": _("Coming up"),
        "template": "events/home_section.html",
        "order": 20,
        "events": events,
        "index": index,
    }


@hooks.register("skills_next_steps")
def suggest_events(area_levels: dict[str, int], user=None) -> list[dict]:
    from .suggestions import suggested_events

    return suggested_events(area_levels, user)


@hooks.register("load_demo", order=20)
def load_demo_events(stdout):
    from .demo import build

    build(stdout)


def attendees_button(page, user, priority):
    if page.specific_class is EventPage and page.permissions_for_user(user).can_edit():
        return Button(
            _("Attendees"), reverse("event_attendees", args=[page.slug]), icon_name="group", priority=priority
        )
    return None


@hooks.register("register_page_header_buttons")
def attendees_header_button(page, user, view_name, next_url=None):
    if button := attendees_button(page, user, priority=40):
        yield button


@hooks.register("register_page_listing_more_buttons")
def attendees_listing_button(page, user, next_url=None):
    if button := attendees_button(page, user, priority=45):
        yield button


# Hooks kept in their own modules, registered when Wagtail imports this one.
from . import dashboard_hooks, loop_hooks  # noqa: E402, F401
