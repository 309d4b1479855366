"""People, their profile, the wards they live in and the organisations they belong to."""

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. They sign in with their email address; there is no username."""

    username = None
    email = models.EmailField(gettext_lazy("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        verbose_name = gettext_lazy("user")
        verbose_name_plural = gettext_lazy("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        """The name shown to the person and, where they agreed, to others."""
        profile = getattr(self, "profile", None)
        if profile and profile.display_name:
            return profile.display_name
        return self.get_full_name() or self.email.split("@")[0]


class WardQuerySet(models.QuerySet):
    def in_luton(self):
        return self.filter(is_outside_luton=False)


class Ward(index.Indexed, models.Model):
    """One of Luton's 20 wards (boundaries in force since May 2023), or "Outside Luton"."""

    name = models.CharField(gettext_lazy("name"), max_length=80, unique=True)
    slug = models.SlugField(gettext_lazy("slug"), max_length=80, unique=True)
    is_outside_luton = models.BooleanField(gettext_lazy("is outside luton"), default=False)
    adult_population = models.PositiveIntegerField(
        gettext_lazy("adult population"),
        null=True,
        blank=True,
        help_text=gettext_lazy("Adults (18+) living in the ward, used to weight town-wide estimates."),
    )
    population_source = models.CharField(
        gettext_lazy("population source"),
        max_length=255,
        blank=True,
        help_text=gettext_lazy("Where the population figure comes from, shown beside the estimate."),
    )
    population_year = models.PositiveSmallIntegerField(gettext_lazy("population year"), null=True, blank=True)

    objects = WardQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("is_outside_luton"),
        MultiFieldPanel(
            [FieldPanel("adult_population"), FieldPanel("population_source"), FieldPanel("population_year")],
            heading=gettext_lazy("Population used for weighting"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["is_outside_luton", "name"]
        verbose_name = gettext_lazy("ward")
        verbose_name_plural = gettext_lazy("wards")

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    RESIDENT = "resident", gettext_lazy("Resident")
    STUDENT = "student", gettext_lazy("Student")
    ORGANISATION = "organisation", gettext_lazy("Business or organisation")


class Profile(models.Model):
    """What a person tells us about themselves, beyond their sign-in details."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="profile", verbose_name=gettext_lazy("user")
    )
    display_name = models.CharField(
        gettext_lazy("name"),
        max_length=80,
        blank=True,
        help_text=gettext_lazy("How we address you in emails and on your account pages."),
    )
    ward = models.ForeignKey(
        Ward,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("ward"),
        help_text=gettext_lazy("Optional. Used only in anonymous, rounded figures for the town dashboard."),
    )
    role = models.CharField(gettext_lazy("role"), max_length=20, choices=Role.choices, default=Role.RESIDENT)
    email_event_reminders = models.BooleanField(
        gettext_lazy("event reminders"),
        default=True,
        help_text=gettext_lazy("Email me a reminder the day before an event I have booked."),
    )
    email_follow_ups = models.BooleanField(
        gettext_lazy("follow-ups after events"),
        default=True,
        help_text=gettext_lazy(
            "Email me a week after an event I attended, with a short re-check of the skills it covered."
        ),
    )
    language = models.CharField(
        gettext_lazy("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=gettext_lazy("The language of the emails we send you."),
    )
    updated_at = models.DateTimeField(gettext_lazy("updated at"), auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("profile")
        verbose_name_plural = gettext_lazy("profiles")

    def __str__(self):
        return _("Profile of %(person)s") % {"person": self.user}


class Sector(models.TextChoices):
    """The sections of the UK Standard Industrial Classification (SIC 2007): reference data,
    so figures by sector line up with the national statistics that use the same sections."""

    A = "A", gettext_lazy("Agriculture, forestry and fishing")
    B = "B", gettext_lazy("Mining and quarrying")
    C = "C", gettext_lazy("Manufacturing")
    D = "D", gettext_lazy("Electricity, gas, steam and air conditioning supply")
    E = "E", gettext_lazy("Water supply, sewerage, waste management and remediation")
    F = "F", gettext_lazy("Construction")
    G = "G", gettext_lazy("Wholesale and retail trade; repair of motor vehicles")
    H = "H", gettext_lazy("Transport and storage")
    I = "I", gettext_lazy("Accommodation and food services")  # noqa: E741 (the section's letter)
    J = "J", gettext_lazy("Information and communication")
    K = "K", gettext_lazy("Financial and insurance activities")
    L = "L", gettext_lazy("Real estate activities")
    M = "M", gettext_lazy("Professional, scientific and technical activities")
    N = "N", gettext_lazy("Administrative and support services")
    O = "O", gettext_lazy("Public administration and defence")  # noqa: E741
    P = "P", gettext_lazy("Education")
    Q = "Q", gettext_lazy("Human health and social work")
    R = "R", gettext_lazy("Arts, entertainment and recreation")
    S = "S", gettext_lazy("Other service activities (including charities and community groups)")
    T = "T", gettext_lazy("Households as employers")
    U = "U", gettext_lazy("Extraterritorial organisations")


class SizeBand(models.TextChoices):
    """Staff numbers in the bands national business statistics use."""

    MICRO = "0-9", gettext_lazy("0 to 9 staff")
    SMALL = "10-49", gettext_lazy("10 to 49 staff")
    MEDIUM = "50-249", gettext_lazy("50 to 249 staff")
    LARGE = "250-plus", gettext_lazy("250 or more staff")


def new_staff_code() -> str:
    return secrets.token_urlsafe(9)


class OrganisationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(is_confirmed=True)


class Organisation(index.Indexed, ClusterableModel):
    """A Luton business, charity or community group taking part in the AI Club."""

    name = models.CharField(gettext_lazy("name"), max_length=120)
    slug = models.SlugField(gettext_lazy("slug"), max_length=140, unique=True)
    website = models.URLField(gettext_lazy("website"), blank=True)
    description = models.TextField(
        gettext_lazy("description"),
        blank=True,
        help_text=gettext_lazy("One or two sentences about what the organisation does."),
    )
    is_confirmed = models.BooleanField(
        gettext_lazy("confirmed"),
        default=False,
        help_text=gettext_lazy("Only confirmed organisations are named publicly, for example on challenges."),
    )
    sector = models.CharField(gettext_lazy("sector"), max_length=1, choices=Sector.choices, blank=True)
    size_band = models.CharField(gettext_lazy("size"), max_length=10, choices=SizeBand.choices, blank=True)
    staff_code = models.CharField(
        gettext_lazy("staff invitation code"),
        max_length=20,
        unique=True,
        default=new_staff_code,
        help_text=gettext_lazy(
            "In the link members share with their staff, so staff can count their skills check in the "
            "organisation's anonymous team profile. Change it to stop an old link working."
        ),
    )
    created_at = models.DateTimeField(gettext_lazy("created at"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("sector"),
        FieldPanel("size_band"),
        FieldPanel("is_confirmed"),
        FieldPanel("staff_code"),
        InlinePanel("memberships", heading=gettext_lazy("Members"), label=gettext_lazy("Member")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("is_confirmed")]

    class Meta:
        ordering = ["name"]
        verbose_name = gettext_lazy("organisation")
        verbose_name_plural = gettext_lazy("organisations")
        constraints = [models.UniqueConstraint(Lower("name"), name="accounts_organisation_name_ci_unique")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name)
        super().save(*args, **kwargs)


def unique_slug(model, text: str) -> str:
    """Return a slug for `text` that no `model` row uses yet."""
    base = slugify(text)[:120] or "organisation"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class Membership(models.Model):
    """A person's membership of an organisation, confirmed by an editor."""

    organisation = ParentalKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=gettext_lazy("organisation"),
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=gettext_lazy("user")
    )
    is_confirmed = models.BooleanField(gettext_lazy("confirmed"), default=False)
    created_at = models.DateTimeField(gettext_lazy("created at"), auto_now_add=True)

    panels = [FieldPanel("user"), FieldPanel("is_confirmed")]

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = gettext_lazy("membership")
        verbose_name_plural = gettext_lazy("memberships")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="accounts_membership_unique")]

    def __str__(self):
        return _("%(person)s at %(organisation)s") % {"person": self.user, "organisation": self.organisation}
