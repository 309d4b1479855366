"""Events: venues, the event listing and event pages, and people's bookings (DESIGN.md §6)."""

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import PageManager, PageQuerySet
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import BasePage, PortalImage


class Venue(models.Model):
    """A place events happen, with the accessibility details people need to decide to come."""

    name = models.CharField(gettext_lazy("name"), max_length=120)
    address = models.TextField(
        gettext_lazy("address"), help_text=gettext_lazy("Street address, one line per part, without the postcode.")
    )
    postcode = models.CharField(gettext_lazy("postcode"), max_length=10)
    directions = models.TextField(
        gettext_lazy("directions"), blank=True, help_text=gettext_lazy("How to find the room, in plain English.")
    )
    step_free_access = models.BooleanField(
        gettext_lazy("step free access"),
        default=False,
        help_text=gettext_lazy("Step-free from the street to the room."),
    )
    accessible_toilet = models.BooleanField(gettext_lazy("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(gettext_lazy("hearing loop"), default=False)
    quiet_room = models.BooleanField(gettext_lazy("quiet room"), default=False)
    parking = models.CharField(
        gettext_lazy("parking"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy("For example: 'Blue badge spaces at the front'."),
    )
    public_transport = models.CharField(
        gettext_lazy("public transport"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy("Nearest bus stops and stations."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("directions"),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("accessible_toilet"),
                FieldPanel("hearing_loop"),
                FieldPanel("quiet_room"),
                FieldPanel("parking"),
                FieldPanel("public_transport"),
            ],
            heading=gettext_lazy("Accessibility"),
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = gettext_lazy("venue")
        verbose_name_plural = gettext_lazy("venues")

    def __str__(self):
        return self.name

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def one_line_address(self) -> str:
        return ", ".join([self.name, *self.address_lines, self.postcode])

    def accessibility(self) -> list[tuple[str, str]]:
        """(feature, answer) pairs in the order the event page shows them."""
        yes_no = {True: _("Yes"), False: _("No")}
        return [
            (_("Step-free access"), yes_no[self.step_free_access]),
            (_("Accessible toilet"), yes_no[self.accessible_toilet]),
            (_("Hearing loop"), yes_no[self.hearing_loop]),
            (_("Quiet room"), yes_no[self.quiet_room]),
            (_("Parking"), self.parking or _("No parking information")),
            (_("Public transport"), self.public_transport or _("No public transport information")),
        ]


class Audience(models.TextChoices):
    EVERYONE = "everyone", gettext_lazy("Everyone")
    RESIDENTS = "residents", gettext_lazy("Residents")
    BUSINESSES = "businesses", gettext_lazy("Businesses")
    STUDENTS = "students", gettext_lazy("Students")


class SuitedLevel(models.IntegerChoices):
    STARTING_OUT = 0, gettext_lazy("Complete beginners (level 0)")
    LEVEL_ONE = 1, gettext_lazy("Level 1")
    LEVEL_TWO = 2, gettext_lazy("Level 2")
    LEVEL_THREE = 3, gettext_lazy("Level 3")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("event status", "Going ahead")
    POSTPONED = "postponed", pgettext_lazy("event status", "Postponed")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


class EventQuerySet(PageQuerySet):
    def published(self):
        return self.live().public()

    def upcoming(self, now=None):
        return self.published().filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.published().filter(end__lt=now or timezone.now()).order_by("-start", "-pk")

    def filtered(self, area: str = "", level: int | None = None, audience: str = ""):
        """Events for one skill area slug, one level and one audience; blanks match everything.
        An audience of "everyone" suits every audience."""
        events = self
        if area:
            events = events.filter(areas__slug=area)
        if level is not None:
            events = events.filter(level=level)
        if audience:
            events = events.filter(audience__in=[audience, Audience.EVERYONE])
        return events.distinct()

    def for_listing(self):
        """What a listing card shows, in a fixed number of queries."""
        return (
            self.select_related("venue")
            .prefetch_related("areas")
            .defer_streamfields()
            .annotate(
                confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed")),
                waitlisted_count=Count("registrations", filter=Q(registrations__status="waitlisted")),
            )
        )


class EventIndexPage(RoutablePageMixin, BasePage):
    """The listing of upcoming events at /events/, with the archive at /events/past/."""

    per_page = 10

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = gettext_lazy("event listing")
        verbose_name_plural = gettext_lazy("event listings")

    @path("")
    def upcoming(self, request):
        from .forms import EventFilterForm

        form = EventFilterForm(request.GET or None)
        events = EventPage.objects.child_of(self.original).upcoming().filtered(**form.filters()).for_listing()
        return self.render_listing(request, events, form=form, archive=False)

    @path("past/")
    def archive(self, request):
        events = EventPage.objects.child_of(self.original).past().for_listing()
        return self.render_listing(request, events, form=None, archive=True)

    def render_listing(self, request, events, form, archive: bool):
        context = self.get_context(request)
        # Lazy, so that a listing served from the fragment cache runs none of its queries.
        page_of_events = SimpleLazyObject(lambda: Paginator(events, self.per_page).get_page(request.GET.get("page")))
        context.update(events=page_of_events, form=form)
        # The calendar feed for the same filters, for the listing's "Subscribe" link.
        query = request.GET.urlencode()
        context["feed_url"] = reverse("events_feed") + (f"?{query}" if query else "")
        context["archive"] = archive
        return render(request, "events/event_index_page.html", context)


TRACKED_FIELDS = ("start", "end", "all_day", "venue_id", "is_online", "status")


def capacity_raised(before: int | None, after: int | None) -> bool:
    return before is not None and (after is None or after > before)


def reinstated(before: str, after: str) -> bool:
    """True when a cancelled event is going ahead again (or postponed), so the people still
    booked or waiting come first for any places freed while it was cancelled."""
    return before == EventStatus.CANCELLED and after != EventStatus.CANCELLED


class EventPage(BasePage):
    """One workshop, drop-in, talk or hackathon."""

    search_kind = gettext_lazy("Event")

    body = StreamField(BodyBlock(), blank=True, verbose_name=gettext_lazy("body"))
    start = models.DateTimeField(gettext_lazy("start"), help_text=gettext_lazy("Start date and time (UK time)."))
    end = models.DateTimeField(
        gettext_lazy("end"), help_text=gettext_lazy("End date and time (UK time). Later than the start.")
    )
    all_day = models.BooleanField(
        gettext_lazy("all day"), default=False, help_text=gettext_lazy("Show dates only, without times.")
    )
    venue = models.ForeignKey(
        Venue,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=gettext_lazy("venue"),
    )
    is_online = models.BooleanField(gettext_lazy("online event"), default=False)
    joining_link = models.URLField(
        gettext_lazy("joining link"), blank=True, help_text=gettext_lazy("Shown only to people with a confirmed place.")
    )
    capacity = models.PositiveIntegerField(
        gettext_lazy("capacity"), null=True, blank=True, help_text=gettext_lazy("Leave blank for unlimited places.")
    )
    booking_opens = models.DateTimeField(
        gettext_lazy("booking opens"),
        null=True,
        blank=True,
        help_text=gettext_lazy("Blank: open as soon as published."),
    )
    booking_closes = models.DateTimeField(
        gettext_lazy("booking closes"),
        null=True,
        blank=True,
        help_text=gettext_lazy("Blank: open until the event starts."),
    )
    audience = models.CharField(
        gettext_lazy("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    areas = ParentalManyToManyField(
        "skills.Area", blank=True, related_name="events", verbose_name=gettext_lazy("skill areas")
    )
    business_dimensions = ParentalManyToManyField(
        "business.Dimension",
        blank=True,
        related_name="events",
        verbose_name=gettext_lazy("business dimensions"),
        help_text=gettext_lazy(
            "For events for businesses: the parts of the AI adoption check this event helps with. It is "
            "suggested to businesses whose check shows most to gain there."
        ),
    )
    level = models.PositiveSmallIntegerField(
        gettext_lazy("level"),
        choices=SuitedLevel.choices,
        default=SuitedLevel.STARTING_OUT,
        help_text=gettext_lazy("The level this event suits."),
    )
    image = models.ForeignKey(
        PortalImage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=gettext_lazy("image"),
    )
    image_alt_text = models.CharField(
        gettext_lazy("image alt text"),
        max_length=250,
        blank=True,
        help_text=gettext_lazy("Describe the image for people who cannot see it."),
    )
    organiser_name = models.CharField(gettext_lazy("organiser name"), max_length=120, default="Luton AI Club")
    organiser_email = models.EmailField(gettext_lazy("organiser email"), default="events@lutonaiclub.org.uk")
    status = models.CharField(
        gettext_lazy("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    # Bumped whenever the time, place or status changes, so calendars replace their copy.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    calendar_uid = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = PageManager.from_queryset(EventQuerySet)()
    # A copied event is a new event to calendars.
    exclude_fields_in_copy = ["calendar_uid", "sequence"]

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction", heading=gettext_lazy("Summary")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day"), FieldPanel("status")],
            heading=gettext_lazy("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("is_online"), FieldPanel("joining_link")],
            heading=gettext_lazy("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("booking_opens"), FieldPanel("booking_closes")]),
            ],
            heading=gettext_lazy("Booking"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("level"),
                FieldPanel("business_dimensions", widget=forms.CheckboxSelectMultiple),
            ],
            heading=gettext_lazy("Who it is for"),
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading=gettext_lazy("Image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("organiser_name"), FieldPanel("organiser_email")], heading=gettext_lazy("Organiser")
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = gettext_lazy("event")
        verbose_name_plural = gettext_lazy("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if not self.venue and not self.is_online:
            errors["venue"] = _("Choose a venue, or tick 'online event'.")
        if self.is_online and not self.joining_link:
            errors["joining_link"] = _("Enter the joining link for the online event.")
        if self.booking_opens and self.booking_closes and self.booking_closes <= self.booking_opens:
            errors["booking_closes"] = _("Booking must close after it opens.")
        if self.image and not self.image_alt_text.strip():
            errors["image_alt_text"] = _("Describe the image so people who cannot see it know what it shows.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        """Bump the calendar SEQUENCE when the time, place or status changes; once committed,
        tell the people booked, and fill any places a raised capacity or a reinstatement opened up."""
        update_fields = kwargs.get("update_fields")
        previous = None
        if self.pk and (update_fields is None or set(update_fields) & set(TRACKED_FIELDS)):
            previous = EventPage.objects.filter(pk=self.pk).values(*TRACKED_FIELDS, "capacity").first()
        changed = bool(previous) and any(previous[name] != getattr(self, name) for name in TRACKED_FIELDS)
        if changed:
            self.sequence += 1
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sequence"}
        super().save(*args, **kwargs)
        if changed and self.live:
            from .emails import send_event_changed_emails

            send_event_changed_emails(self)
        places_opened = previous and (
            capacity_raised(previous["capacity"], self.capacity) or reinstated(previous["status"], self.status)
        )
        if places_opened and self.live:
            from .booking import fill_places_after_change

            transaction.on_commit(lambda: fill_places_after_change(self.pk))

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def is_multi_day(self) -> bool:
        return timezone.localtime(self.start).date() != timezone.localtime(self.end).date()

    def get_context(self, request, *args, **kwargs):
        from .booking import availability

        context = super().get_context(request, *args, **kwargs)
        # One query for the places taken and the status of the signed-in person's own booking.
        per_status = {"people": Count("pk")}
        if request.user.is_authenticated:
            per_status["mine"] = Count("pk", filter=Q(user=request.user))
        people, booking_status = {}, None
        for row in self.registrations.active().values("status").annotate(**per_status).order_by():
            people[row["status"]] = row["people"]
            if row.get("mine"):
                booking_status = row["status"]
        context["availability"] = availability(
            self, people.get(Registration.Status.CONFIRMED, 0), people.get(Registration.Status.WAITLISTED, 0)
        )
        context["booking_status"] = booking_status
        return context


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")

    def with_account(self):
        """Bookings whose person still has an account; the rest cannot be emailed or promoted."""
        return self.filter(user__isnull=False)


class Registration(models.Model):
    """One person's booking for one event: confirmed, on the waiting list, or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("booking status", "Confirmed")
        WAITLISTED = "waitlisted", pgettext_lazy("booking status", "On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="registrations", verbose_name=gettext_lazy("event")
    )
    # Kept without the person when an account is deleted, so attendance figures stay true.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        verbose_name=gettext_lazy("user"),
    )
    status = models.CharField(gettext_lazy("status"), max_length=20, choices=Status.choices)
    access_needs = models.TextField(gettext_lazy("access needs"), blank=True)
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)
    confirmed_at = models.DateTimeField(gettext_lazy("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(gettext_lazy("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(gettext_lazy("checked in at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(gettext_lazy("reminder sent at"), null=True, blank=True)
    follow_up_sent_at = models.DateTimeField(gettext_lazy("follow-up sent at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_person_per_event",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        verbose_name = gettext_lazy("registration")
        verbose_name_plural = gettext_lazy("registrations")

    def __str__(self):
        return _("%(person)s – %(event)s (%(status)s)") % {
            "person": self.user,
            "event": self.event,
            "status": self.get_status_display(),
        }


class EventCheck(models.Model):
    """A skills check taken at an event without an account: on the event's kiosk, or on
    paper and entered by an organiser. It counts in the town's figures like any other and
    is attributed to the event; nothing in it identifies the person."""

    class Method(models.TextChoices):
        KIOSK = "kiosk", gettext_lazy("On the event's kiosk")
        PAPER = "paper", gettext_lazy("On paper, entered by an organiser")

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="checks", verbose_name=gettext_lazy("event")
    )
    assessment = models.OneToOneField(
        "skills.Assessment",
        on_delete=models.CASCADE,
        related_name="event_check",
        verbose_name=gettext_lazy("assessment"),
    )
    method = models.CharField(gettext_lazy("how it was taken"), max_length=10, choices=Method.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("entered or started by"),
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)

    class Meta:
        verbose_name = gettext_lazy("check taken at an event")
        verbose_name_plural = gettext_lazy("checks taken at events")

    def __str__(self):
        return f"{self.event} ({self.get_method_display()})"
