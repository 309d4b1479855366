"""Business challenges and the student project showcase (DESIGN.md §7)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
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
    HEALTH = "health", "Health and care"
    ENVIRONMENT = "environment", "Environment"
    COMMUNITY_SAFETY = "community-safety", "Community safety"
    EDUCATION = "education", "Education"
    LOCAL_ECONOMY = "local-economy", "Local economy"
    ACCESSIBILITY = "accessibility", "Accessibility and inclusion"


class ChallengeStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in-progress", "In progress"
    COMPLETED = "completed", "Completed"
    CLOSED = "closed", "Closed"


class PersonalData(models.TextChoices):
    NO = "no", "No"
    YES = "yes", "Yes"
    NOT_SURE = "not-sure", "Not sure"


class Stage(models.TextChoices):
    IDEA = "idea", "Idea"
    PROTOTYPE = "prototype", "Prototype"
    PILOT = "pilot", "Pilot"
    IN_USE = "in-use", "In use"


class ChallengeIndexPage(BasePage):
    """The list of challenges at /challenges/, filterable by status, theme and skill area."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["projects.ChallengePage"]
    max_count = 1
    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = "challenge index page"

    def get_context(self, request, *args, **kwargs):
        from .filters import ChallengeFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ChallengeFilterForm(request.GET or None)
        challenges = form.filter(ChallengePage.objects.child_of(self).listing())
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

    search_kind = "Challenge"

    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="challenges"
    )
    problem = RichTextField(features=RICH_TEXT_FEATURES, help_text="The problem in plain words.")
    theme = models.CharField(max_length=20, choices=Theme.choices)
    beneficiaries = models.TextField("who benefits", max_length=1000)
    success = models.TextField("what success looks like", max_length=1000)
    data_available = models.TextField("what data exists", max_length=1000)
    personal_data = models.CharField(
        "does the data include personal data", max_length=10, choices=PersonalData.choices, default=PersonalData.NO
    )
    ethics_concerns = models.TextField(blank=True, max_length=1000)
    results_ownership = models.TextField("who owns the results", max_length=500)
    areas = ParentalManyToManyField("skills.Area", blank=True, related_name="challenges", verbose_name="skill areas")
    timescale = models.CharField(max_length=120, help_text="For example “Six weeks from February”.")
    status = models.CharField(max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN)
    outcome = RichTextField(features=RICH_TEXT_FEATURES, blank=True, help_text="What happened, once completed.")

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
            heading="Readiness check",
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
        verbose_name = "challenge"

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
        verbose_name = "project index page"

    def get_context(self, request, *args, **kwargs):
        from .filters import ProjectFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ProjectFilterForm(request.GET or None)
        projects = form.filter(ProjectPage.objects.child_of(self).listing())
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

    search_kind = "Project"

    team_members = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="projects",
        help_text="Team members with portal accounts. They can edit the project until it is published.",
    )
    team_names = models.CharField(
        "other team members",
        max_length=300,
        blank=True,
        help_text="Names of team members without an account, separated by commas.",
    )
    challenge = models.ForeignKey(
        ChallengePage, null=True, blank=True, on_delete=models.SET_NULL, related_name="answering_projects"
    )
    description = RichTextField("what it does", features=RICH_TEXT_FEATURES)
    areas = ParentalManyToManyField("skills.Area", blank=True, related_name="projects", verbose_name="skill areas")
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.IDEA)
    outcome = models.TextField("outcome for the organisation", blank=True, max_length=2000)
    code_url = models.URLField("code link", blank=True)
    demo_url = models.URLField("demo link", blank=True)
    data_used = models.TextField("data used", max_length=1000)
    risks = models.TextField("known risks and limitations", max_length=1000)
    human_control = models.TextField("how people stay in control", max_length=1000)
    is_featured = models.BooleanField(
        "featured", default=False, help_text="Show on the home page. Otherwise the newest projects are shown."
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
        InlinePanel("gallery_images", heading="Gallery", label="Image"),
        MultiFieldPanel(
            [FieldPanel("data_used"), FieldPanel("risks"), FieldPanel("human_control")],
            heading="Responsible AI summary",
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
        verbose_name = "project"

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
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(get_image_model_string(), on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(
        max_length=250, help_text="Describe the image for someone who cannot see it, for example “A bar chart of…”."
    )
    caption = models.CharField(max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


class InterestStatus(models.TextChoices):
    INTERESTED = "interested", "Interested"
    SELECTED = "selected", "Selected"
    NOT_SELECTED = "not-selected", "Not selected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Interest(models.Model):
    """A student team's interest in taking on an open challenge."""

    challenge = models.ForeignKey(ChallengePage, on_delete=models.CASCADE, related_name="interests")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenge_interests")
    note = models.TextField(
        "about your team", max_length=1000, help_text="Who is in your team and the skills you bring."
    )
    status = models.CharField(max_length=20, choices=InterestStatus.choices, default=InterestStatus.INTERESTED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "student"], name="projects_interest_one_per_student"),
            models.UniqueConstraint(
                fields=["challenge"],
                condition=Q(status="selected"),
                name="projects_interest_one_team_selected",
            ),
        ]

    def __str__(self):
        return f"{self.student} on {self.challenge}"


class TeamInvitationQuerySet(models.QuerySet):
    def pending(self):
        """Invitations nobody has answered yet and that have not expired."""
        return self.filter(accepted_at__isnull=True, declined_at__isnull=True, expires_at__gt=timezone.now())


class TeamInvitation(models.Model):
    """An emailed invitation to join a project's team. Only its holder, signed in with the
    invited address verified, can accept it; the email carries the token, the database
    only its hash."""

    project = models.ForeignKey(ProjectPage, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=254, help_text="The invited address, in lower case.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="sent_invitations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)

    objects = TeamInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "email"],
                condition=Q(accepted_at__isnull=True, declined_at__isnull=True),
                name="projects_invitation_one_open_per_address",
            ),
        ]

    def __str__(self):
        return f"{self.email} to {self.project}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def status(self) -> str:
        """Where the invitation stands, in words."""
        if self.accepted_at:
            return "Accepted"
        if self.declined_at:
            return "Declined"
        return "Expired" if self.is_expired else "Waiting for an answer"
