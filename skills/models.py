"""The AI skills framework: six areas and five levels (DESIGN.md §8)."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from portal.accounts.models import Ward


class Area(index.Indexed, models.Model):
    """One of the six skill areas, e.g. "Staying safe"."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(help_text="What this area covers, in plain English.")
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Level(models.Model):
    """A level from 0 (Starting out) to 4 (Creator, earned only by a showcased project)."""

    number = models.PositiveSmallIntegerField(unique=True, validators=[MaxValueValidator(4)])
    name = models.CharField(max_length=40)
    description = models.TextField(help_text="What someone at this level can do.")

    panels = [FieldPanel("number"), FieldPanel("name"), FieldPanel("description")]

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number} {self.name}"


class FrameworkVersion(models.Model):
    """A published state of the question bank. Every assessment records the version it used,
    so results taken under older wording stay comparable."""

    number = models.PositiveIntegerField(unique=True)
    published_at = models.DateTimeField(default=timezone.now)
    notes = models.TextField(blank=True, help_text="What changed in this version.")

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"Framework version {self.number}"


class AssessmentKind(models.TextChoices):
    FULL = "full", "Full (about ten minutes)"
    QUICK = "quick", "Quick (one question of each kind per area)"


class AgeBand(models.TextChoices):
    UNDER_18 = "under-18", "Under 18"
    AGE_18_24 = "18-24", "18 to 24"
    AGE_25_34 = "25-34", "25 to 34"
    AGE_35_49 = "35-49", "35 to 49"
    AGE_50_64 = "50-64", "50 to 64"
    AGE_65_PLUS = "65-plus", "65 or over"


class Status(models.TextChoices):
    STUDENT = "student", "Student"
    IN_WORK = "in-work", "In work"
    RUNNING_A_BUSINESS = "running-a-business", "Running a business"
    NONE_OF_THESE = "none", "None of these"


class Assessment(models.Model):
    """One completed self-assessment: what the town dashboard aggregates.

    `user` is empty for results taken signed out (until claimed) and after the person
    deletes their account. Context fields are optional and never needed to see results.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assessments"
    )
    framework_version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="assessments")
    kind = models.CharField(max_length=10, choices=AssessmentKind.choices, default=AssessmentKind.FULL)
    completed_at = models.DateTimeField(default=timezone.now, db_index=True)
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    overall_level = models.PositiveSmallIntegerField(validators=[MaxValueValidator(3)])
    is_ai_ready = models.BooleanField("AI-ready", default=False)
    is_demo = models.BooleanField(
        "demo data", default=False, help_text="Synthetic data made by load_demo, not a real person's result."
    )

    class Meta:
        ordering = ["-completed_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(overall_level__lte=3), name="skills_assessment_level_0_to_3"),
        ]

    def __str__(self):
        return f"Assessment {self.uuid} ({self.completed_at:%Y-%m-%d})"


class AreaResult(models.Model):
    """The score (0–100) and level (0–3) one assessment gave in one area."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="area_results")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="results")
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    level = models.PositiveSmallIntegerField(validators=[MaxValueValidator(3)])

    class Meta:
        ordering = ["area__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "area"], name="skills_arearesult_one_per_area"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="skills_arearesult_score_0_to_100"),
            models.CheckConstraint(condition=models.Q(level__lte=3), name="skills_arearesult_level_0_to_3"),
        ]

    def __str__(self):
        return f"{self.area}: level {self.level} ({self.score})"


class CreatorAward(models.Model):
    """Level 4 "Creator" in one area, earned by a showcased project (never by self-assessment)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="creator_awards")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="creator_awards")
    project = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="creator_awards"
    )
    awarded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-awarded_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "area", "project"], name="skills_creatoraward_once_per_project"),
        ]

    def __str__(self):
        return f"{self.user} – Creator in {self.area}"
