"""Business challenges and the student project showcase (DESIGN.md §7)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, PageManager, PageQuerySet
from wagtail.search import index

from home.models import BasePage

# Rich text editors may use on these pages; front-end forms are sanitised to the same subset.
RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]
PAGE_SIZE = 12


class Theme(models.TextChoices):
    HEALTH = "health", gettext_lazy("Health and care")
    ENVIRONMENT = "environment", gettext_lazy("Environment")
    COMMUNITY_SAFETY = "community-safety", gettext_lazy("Community safety")
    EDUCATION = "education", gettext_lazy("Education")
    LOCAL_ECONOMY = "local-economy", gettext_lazy("Local economy")
    ACCESSIBILITY = "accessibility", gettext_lazy("Accessibility and inclusion")


class ChallengeStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("challenge status", "Open")
    IN_PROGRESS = "in-progress", pgettext_lazy("challenge status", "In progress")
    COMPLETED = "completed", pgettext_lazy("challenge status", "Completed")
    CLOSED = "closed", pgettext_lazy("challenge status", "Closed")


class PersonalData(models.TextChoices):
    NO = "no", gettext_lazy("No")
    YES = "yes", gettext_lazy("Yes")
    NOT_SURE = "not-sure", gettext_lazy("Not sure")


class Stage(models.TextChoices):
    IDEA = "idea", pgettext_lazy("project stage", "Idea")
    PROTOTYPE = "prototype", pgettext_lazy("project stage", "Prototype")
    PILOT = "pilot", pgettext_lazy("project stage", "Pilot")
    IN_USE = "in-use", pgettext_lazy("project stage", "In use")


class ChallengeIndexPage(BasePage):
    """The list of challenges at /challenges/, filterable by status, theme and skill area."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["projects.ChallengePage"]
    max_count = 1
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = gettext_lazy("challenge index page")
        verbose_name_plural = gettext_lazy("challenge index pages")

    def get_context(self, request, *args, **kwargs):
        from .filters import ChallengeFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ChallengeFilterForm(request.GET or None)
        challenges = form.filter(ChallengePage.objects.child_of(self.original).listing())
        context["filter_form"] = form
        context["challenges"] = Paginator(challenges, PAGE_SIZE).get_page(request.GET.get("page"))
        return context


class VisiblePageQuerySet(PageQuerySet):
    def visible(self):
        """Live pages without their own view restriction, in one query (Wagtail's `public()`
        costs an extra query each time; listings are served from an already public index page)."""
        return self.live().filter(view_restrictions__isnull=True)


class ChallengePageQuerySet(VisiblePageQuerySet):
    def listing(self):
        """Published challenges with what a listing shows, newest first."""
        return self.visible().select_related("organisation").prefetch_related("areas").order_by("-first_published_at")

    def open(self):
        return self.filter(status=ChallengeStatus.OPEN)


class ChallengePage(BasePage):
    """A problem a Luton business or community organisation would like a student team to tackle."""

    search_kind = gettext_lazy("Challenge")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
        verbose_name=gettext_lazy("organisation"),
    )
    problem = RichTextField(
        gettext_lazy("problem"), features=RICH_TEXT_FEATURES, help_text=gettext_lazy("The problem in plain words.")
    )
    theme = models.CharField(gettext_lazy("theme"), max_length=20, choices=Theme.choices)
    beneficiaries = models.TextField(gettext_lazy("who benefits"), max_length=1000)
    success = models.TextField(gettext_lazy("what success looks like"), max_length=1000)
    data_available = models.TextField(gettext_lazy("what data exists"), max_length=1000)
    personal_data = models.CharField(
        gettext_lazy("does the data include personal data"),
        max_length=10,
        choices=PersonalData.choices,
        default=PersonalData.NO,
    )
    ethics_concerns = models.TextField(gettext_lazy("ethics concerns"), blank=True, max_length=1000)
    results_ownership = models.TextField(gettext_lazy("who owns the results"), max_length=500)
    areas = ParentalManyToManyField(
        "skills.Area", blank=True, related_name="challenges", verbose_name=gettext_lazy("skill areas")
    )
    timescale = models.CharField(
        gettext_lazy("timescale"), max_length=120, help_text=gettext_lazy("For example “Six weeks from February”.")
    )
    status = models.CharField(
        gettext_lazy("status"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN
    )
    outcome = RichTextField(
        gettext_lazy("outcome"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=gettext_lazy("What happened, once completed."),
    )

    objects = PageManager.from_queryset(ChallengePageQuerySet)()

    parent_page_types = ["projects.ChallengeIndexPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("organisation"),
        FieldPanel("problem"),
        FieldPanel("theme"),
        FieldPanel("beneficiaries"),
        FieldPanel("success"),
        MultiFieldPanel(
            [
                FieldPanel("data_available"),
                FieldPanel("personal_data"),
                FieldPanel("ethics_concerns"),
                FieldPanel("results_ownership"),
            ],
            heading=gettext_lazy("Readiness check"),
        ),
        FieldPanel("areas"),
        FieldPanel("timescale"),
        FieldPanel("status"),
        FieldPanel("outcome"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("problem"),
        index.SearchField("beneficiaries"),
        index.SearchField("success"),
        index.FilterField("status"),
        index.FilterField("theme"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("problem"),
        APIField("theme"),
        APIField("beneficiaries"),
        APIField("success"),
        APIField("timescale"),
        APIField("status"),
        APIField("outcome"),
        APIField("public_organisation_name"),
    ]

    class Meta:
        verbose_name = gettext_lazy("challenge")
        verbose_name_plural = gettext_lazy("challenges")

    @property
    def status_tag_class(self) -> str:
        """A GOV.UK tag colour for the status, with enough contrast."""
        colours = {"open": "green", "in-progress": "blue", "completed": "purple", "closed": "grey"}
        return f"govuk-tag--{colours.get(self.status, 'grey')}"

    @property
    def public_organisation(self):
        """The organisation, named only once an editor has confirmed it."""
        organisation = self.organisation
        return organisation if organisation and organisation.is_confirmed else None

    @property
    def public_organisation_name(self) -> str:
        return self.public_organisation.name if self.public_organisation else ""

    def get_context(self, request, *args, **kwargs):
        from .matching import interest_context

        context = super().get_context(request, *args, **kwargs)
        context["projects"] = ProjectPage.objects.visible().filter(challenge=self).order_by("-first_published_at")
        context.update(interest_context(self, request.user))
        return context


class ProjectIndexPage(BasePage):
    """The student project showcase at /projects/, filterable by area, stage and challenge."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["projects.ProjectPage"]
    max_count = 1
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = gettext_lazy("project index page")
        verbose_name_plural = gettext_lazy("project index pages")

    def get_context(self, request, *args, **kwargs):
        from .filters import ProjectFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ProjectFilterForm(request.GET or None)
        projects = form.filter(ProjectPage.objects.child_of(self.original).listing())
        context["filter_form"] = form
        context["projects"] = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
        return context


class ProjectPageQuerySet(VisiblePageQuerySet):
    def listing(self):
        """Published projects with their areas, challenge and first image, newest first."""
        gallery = models.Prefetch("gallery_images", ProjectGalleryImage.objects.select_related("image"))
        return (
            self.visible()
            .select_related("challenge")
            .prefetch_related("areas", gallery)
            .order_by("-first_published_at")
        )


class ProjectPage(BasePage):
    """A student team's project, shown in the showcase once an editor approves it."""

    search_kind = gettext_lazy("Project")

    team_members = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="projects",
        verbose_name=gettext_lazy("team members"),
        help_text=gettext_lazy("Team members with portal accounts. They can edit the project until it is published."),
    )
    team_names = models.CharField(
        gettext_lazy("other team members"),
        max_length=300,
        blank=True,
        help_text=gettext_lazy("Names of team members without an account, separated by commas."),
    )
    challenge = models.ForeignKey(
        ChallengePage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answering_projects",
        verbose_name=gettext_lazy("challenge"),
    )
    description = RichTextField(gettext_lazy("what it does"), features=RICH_TEXT_FEATURES)
    areas = ParentalManyToManyField(
        "skills.Area", blank=True, related_name="projects", verbose_name=gettext_lazy("skill areas")
    )
    stage = models.CharField(gettext_lazy("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    outcome = models.TextField(gettext_lazy("outcome for the organisation"), blank=True, max_length=2000)
    code_url = models.URLField(gettext_lazy("code link"), blank=True)
    demo_url = models.URLField(gettext_lazy("demo link"), blank=True)
    data_used = models.TextField(gettext_lazy("data used"), max_length=1000)
    risks = models.TextField(gettext_lazy("known risks and limitations"), max_length=1000)
    human_control = models.TextField(gettext_lazy("how people stay in control"), max_length=1000)
    is_featured = models.BooleanField(
        gettext_lazy("featured"),
        default=False,
        help_text=gettext_lazy("Show on the home page. Otherwise the newest projects are shown."),
    )

    objects = PageManager.from_queryset(ProjectPageQuerySet)()

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("team_members"),
        FieldPanel("team_names"),
        FieldPanel("challenge"),
        FieldPanel("description"),
        FieldPanel("areas"),
        FieldPanel("stage"),
        FieldPanel("outcome"),
        FieldPanel("code_url"),
        FieldPanel("demo_url"),
        InlinePanel("gallery_images", heading=gettext_lazy("Gallery"), label=gettext_lazy("Image")),
        MultiFieldPanel(
            [FieldPanel("data_used"), FieldPanel("risks"), FieldPanel("human_control")],
            heading=gettext_lazy("Responsible AI summary"),
        ),
        FieldPanel("is_featured"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("outcome"),
        index.SearchField("team_names"),
        index.FilterField("stage"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("description"),
        APIField("stage"),
        APIField("outcome"),
        APIField("code_url"),
        APIField("demo_url"),
        APIField("data_used"),
        APIField("risks"),
        APIField("human_control"),
        APIField("challenge"),
    ]

    class Meta:
        verbose_name = gettext_lazy("project")
        verbose_name_plural = gettext_lazy("projects")

    @property
    def team_display(self) -> list[str]:
        """Everyone in the team by the name they chose, then those without an account."""
        names = [member.display_name for member in self.team_members.all()]
        names += [name.strip() for name in self.team_names.split(",") if name.strip()]
        return names

    @property
    def first_image(self):
        images = list(self.gallery_images.all())
        return images[0] if images else None


class ProjectGalleryImage(Orderable):
    page = ParentalKey(
        ProjectPage, on_delete=models.CASCADE, related_name="gallery_images", verbose_name=gettext_lazy("page")
    )
    image = models.ForeignKey(
        get_image_model_string(), on_delete=models.CASCADE, related_name="+", verbose_name=gettext_lazy("image")
    )
    alt_text = models.CharField(
        gettext_lazy("alt text"),
        max_length=250,
        help_text=gettext_lazy("Describe the image for someone who cannot see it, for example “A bar chart of…”."),
    )
    caption = models.CharField(gettext_lazy("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = gettext_lazy("project gallery image")
        verbose_name_plural = gettext_lazy("project gallery images")


class InterestStatus(models.TextChoices):
    INTERESTED = "interested", pgettext_lazy("status of a team's interest in a challenge", "Interested")
    SELECTED = "selected", pgettext_lazy("status of a team's interest in a challenge", "Selected")
    NOT_SELECTED = "not-selected", pgettext_lazy("status of a team's interest in a challenge", "Not selected")
    WITHDRAWN = "withdrawn", pgettext_lazy("status of a team's interest in a challenge", "Withdrawn")


class Interest(models.Model):
    """A student team's interest in taking on an open challenge."""

    challenge = models.ForeignKey(
        ChallengePage, on_delete=models.CASCADE, related_name="interests", verbose_name=gettext_lazy("challenge")
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="challenge_interests",
        verbose_name=gettext_lazy("student"),
    )
    note = models.TextField(
        gettext_lazy("about your team"),
        max_length=1000,
        help_text=gettext_lazy("Who is in your team and the skills you bring."),
    )
    status = models.CharField(
        gettext_lazy("status"), max_length=20, choices=InterestStatus.choices, default=InterestStatus.INTERESTED
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("updated at"), auto_now=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = gettext_lazy("interest")
        verbose_name_plural = gettext_lazy("interests")
        constraints = [
            models.UniqueConstraint(fields=["challenge", "student"], name="projects_interest_one_per_student"),
            models.UniqueConstraint(
                fields=["challenge"],
                condition=Q(status="selected"),
                name="projects_interest_one_team_selected",
            ),
        ]

    def __str__(self):
        # Translators: a team's interest in a challenge, such as “Asha Patel on Forecast food bank demand”.
        return _("%(student)s on %(challenge)s") % {"student": self.student, "challenge": self.challenge}


class TeamInvitationQuerySet(models.QuerySet):
    def pending(self):
        """Invitations nobody has answered yet and that have not expired."""
        return self.filter(accepted_at__isnull=True, declined_at__isnull=True, expires_at__gt=timezone.now())


class TeamInvitation(models.Model):
    """An emailed invitation to join a project's team. Only its holder, signed in with the
    invited address verified, can accept it; the email carries the token, the database
    only its hash."""

    project = models.ForeignKey(
        ProjectPage, on_delete=models.CASCADE, related_name="invitations", verbose_name=gettext_lazy("project")
    )
    email = models.EmailField(
        gettext_lazy("email"), max_length=254, help_text=gettext_lazy("The invited address, in lower case.")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sent_invitations",
        verbose_name=gettext_lazy("invited by"),
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(gettext_lazy("expires at"))
    accepted_at = models.DateTimeField(gettext_lazy("accepted at"), null=True, blank=True)
    declined_at = models.DateTimeField(gettext_lazy("declined at"), null=True, blank=True)

    objects = TeamInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = gettext_lazy("team invitation")
        verbose_name_plural = gettext_lazy("team invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "email"],
                condition=Q(accepted_at__isnull=True, declined_at__isnull=True),
                name="projects_invitation_one_open_per_address",
            ),
        ]

    def __str__(self):
        # Translators: an invitation to join a project's team, such as “sam@example.org to Food bank forecast”.
        return _("%(email)s to %(project)s") % {"email": self.email, "project": self.project}

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def status(self) -> str:
        """Where the invitation stands, in words."""
        if self.accepted_at:
            return pgettext("invitation status", "Accepted")
        if self.declined_at:
            return pgettext("invitation status", "Declined")
        if self.is_expired:
            return pgettext("invitation status", "Expired")
        return pgettext("invitation status", "Waiting for an answer")
