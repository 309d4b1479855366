"""The AI skills framework: six areas and five levels (DESIGN.md §8)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from portal.accounts.models import Ward


class Area(index.Indexed, ClusterableModel):
    """One of the six skill areas, e.g. "Staying safe"."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(help_text="What this area covers, in plain English.")
    sort_order = models.PositiveSmallIntegerField(default=0)

    # Slugs are fixed (DESIGN.md §8): other apps, the dashboard and its open data use them.
    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        InlinePanel("level_descriptions", heading="What each level looks like in this area", label="Level"),
    ]
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

    # The number is what scoring gives; editors change only the words.
    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number} {self.name}"


class AreaLevelDescription(Orderable):
    """What one level looks like in one area, e.g. Staying safe at level 2."""

    area = ParentalKey(Area, on_delete=models.CASCADE, related_name="level_descriptions")
    level = models.PositiveSmallIntegerField(validators=[MaxValueValidator(4)])
    description = models.TextField(help_text="What someone at this level can do in this area, in plain English.")

    panels = [FieldPanel("level"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["area", "level"], name="skills_arealeveldescription_one_per_level"),
        ]

    def __str__(self):
        return f"{self.area} level {self.level}"


class QuestionKind(models.TextChoices):
    CONFIDENCE = "confidence", "Confidence statement"
    KNOWLEDGE = "knowledge", "Knowledge question"


# Every confidence statement uses the same 4-point scale, so their mean means the same in every area.
CONFIDENCE_SCALE = [
    (0, "I can't do this yet"),
    (1, "I can do this with help"),
    (2, "I can do this on my own"),
    (3, "I could show someone else how"),
]


class Question(index.Indexed, ClusterableModel):
    """A confidence statement ("I can …") or a knowledge question with one right answer.

    Editing a question changes nothing for people taking the assessment until an editor
    publishes the question bank, which makes a new FrameworkVersion.
    """

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="questions")
    kind = models.CharField(max_length=12, choices=QuestionKind.choices)
    text = models.CharField(max_length=300, help_text='A statement such as "I can …", or a question.')
    hint = models.CharField(max_length=300, blank=True, help_text="Optional help shown under the question.")
    explanation = models.TextField(
        blank=True, help_text="Knowledge questions: one sentence explaining the right answer, shown with results."
    )
    sort_order = models.PositiveIntegerField(default=0, db_index=True)
    is_active = models.BooleanField("active", default=True, help_text="Only active questions are published.")
    in_quick_version = models.BooleanField(
        default=False,
        help_text="Use in the quick version: one confidence statement and one knowledge question per area.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("area"), FieldPanel("kind"), FieldPanel("is_active"), FieldPanel("in_quick_version")]
        ),
        FieldPanel("text"),
        FieldPanel("hint"),
        FieldPanel("explanation"),
        InlinePanel(
            "options",
            heading="Answers (knowledge questions only)",
            label="Answer",
            help_text='Exactly one right answer. "I\'m not sure" is added for you.',
        ),
    ]
    search_fields = [index.SearchField("text"), index.AutocompleteField("text"), index.FilterField("area")]

    class Meta:
        ordering = ["area__sort_order", "sort_order", "pk"]

    def __str__(self):
        return self.text


class Option(Orderable):
    """One answer to a knowledge question."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(max_length=200)
    is_correct = models.BooleanField("right answer", default=False)

    panels = [FieldPanel("text"), FieldPanel("is_correct")]

    def __str__(self):
        return self.text


class FrameworkVersion(models.Model):
    """A published state of the question bank. Every assessment records the version it used,
    so results taken under older wording stay comparable.

    `bank` is a snapshot of the questions and answers as published (see skills/bank.py):
    assessments are asked and scored from it, never from the editable Question rows.
    """

    number = models.PositiveIntegerField(unique=True)
    published_at = models.DateTimeField(default=timezone.now)
    notes = models.TextField(blank=True, help_text="What changed in this version.")
    bank = models.JSONField(default=dict, blank=True, help_text="The questions as published.")

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
    answers = models.JSONField(
        default=dict, blank=True, help_text="Question id → answer, as asked from the framework version's bank."
    )

    # Results link to nothing editors would need to trace, and indexing them costs every submit.
    wagtail_reference_index_ignore = True

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


class ResourceQuerySet(models.QuerySet):
    def suiting(self, area_levels: dict[str, int]):
        """Resources for any of these areas whose level range includes the person's level there."""
        matches = models.Q(pk__in=[])
        for slug, level in area_levels.items():
            matches |= models.Q(area__slug=slug, min_level__lte=level, max_level__gte=level)
        return self.filter(matches).select_related("area", "page")


class Resource(models.Model):
    """A guide, course or page that helps with one area at some levels, suggested on results pages."""

    title = models.CharField(max_length=120)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A page on this site, such as a guide, that helps with this area.",
    )
    url = models.URLField("or a web address", blank=True, help_text="A page elsewhere, when it is not on this site.")
    description = models.CharField(max_length=240, help_text="One sentence: what you will learn.")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="resources")
    min_level = models.PositiveSmallIntegerField("for people from level", default=0, validators=[MaxValueValidator(3)])
    max_level = models.PositiveSmallIntegerField("up to level", default=3, validators=[MaxValueValidator(3)])

    objects = ResourceQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("page"),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldPanel("area"),
        FieldPanel("min_level"),
        FieldPanel("max_level"),
    ]

    class Meta:
        ordering = ["area__sort_order", "min_level", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if bool(self.page_id) == bool(self.url):
            raise ValidationError({"url": "Choose a page on this site or enter a web address, not both."})
        if self.min_level > self.max_level:
            raise ValidationError({"max_level": "The highest level must not be below the lowest."})

    @property
    def href(self) -> str:
        return self.page.url if self.page_id else self.url
