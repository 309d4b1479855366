"""Objectives and key results (DESIGN.md §9), edited by editors in the Wagtail admin."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class Metric(models.TextChoices):
    """What a key result measures: computed live from portal data, or entered by hand."""

    AI_READY_SHARE = "ai_ready_share", "AI-ready share of participants (%)"
    LEVEL_ONE_ALL_AREAS_SHARE = "level_one_all_areas_share", "Share at level 1 or above in all areas (%)"
    PEOPLE_ASSESSED = "people_assessed", "People assessed"
    WARDS_WITHIN_10_POINTS = "wards_within_10_points", "Wards within 10 points of the town rate"
    EVENT_ATTENDANCES = "event_attendances", "Event attendances (checked in)"
    CHALLENGES_COMPLETED = "challenges_completed", "Challenges completed"
    PROJECTS_IN_USE = "projects_in_use", "Projects in use"
    BUSINESSES_WITH_CHALLENGE = "businesses_with_challenge", "Businesses that posted a challenge"
    CREATORS = "creators", "Creators (level 4)"
    MANUAL = "manual", "Entered by hand"


class Objective(ClusterableModel):
    """An objective from the ambition, e.g. "Everyone in Luton has a level of AI skills"."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Why this matters, in a sentence or two.")
    period = models.CharField(max_length=40, help_text="For example “2025 to 2030”.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are shown first.")

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("period"), FieldPanel("sort_order")]),
        InlinePanel("key_results", heading="Key results", label="Key result", min_num=1),
    ]

    class Meta:
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title


class KeyResult(Orderable):
    """A measurable result for an objective; progress runs from its baseline to its target."""

    objective = ParentalKey(Objective, on_delete=models.CASCADE, related_name="key_results")
    title = models.CharField(max_length=200)
    metric = models.CharField(max_length=40, choices=Metric.choices)
    baseline = models.FloatField(help_text="The value when the objective was set.")
    target = models.FloatField(help_text="The value to reach by the end of the period.")
    unit = models.CharField(max_length=20, blank=True, help_text="For example “%”, “people” or “wards”.")
    confidence = models.PositiveSmallIntegerField(
        default=5, validators=[MaxValueValidator(10)], help_text="How sure the owner is of reaching it, 0 to 10."
    )
    owner = models.CharField(max_length=120, blank=True, help_text="Who leads on it, e.g. a council team.")
    manual_value = models.FloatField(null=True, blank=True, help_text="Only for “Entered by hand”: the latest value.")
    manual_value_date = models.DateField(
        null=True, blank=True, help_text="When the value entered by hand was measured."
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("metric"),
        FieldRowPanel([FieldPanel("baseline"), FieldPanel("target"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("confidence"), FieldPanel("owner")]),
        MultiFieldPanel([FieldPanel("manual_value"), FieldPanel("manual_value_date")], heading="Value entered by hand"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(condition=models.Q(confidence__lte=10), name="okrs_keyresult_confidence_0_to_10"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.metric == Metric.MANUAL and self.manual_value is not None and not self.manual_value_date:
            raise ValidationError({"manual_value_date": "Enter the date the value was measured"})
        if self.baseline is not None and self.baseline == self.target:
            raise ValidationError({"target": "The target must differ from the baseline"})


class KeyResultSnapshot(models.Model):
    """A key result's value in one month, recorded by `snapshot_okrs`: the trend line."""

    key_result = models.ForeignKey(KeyResult, on_delete=models.CASCADE, related_name="snapshots")
    month = models.DateField(help_text="The first day of the month the value belongs to.")
    value = models.FloatField(null=True, blank=True, help_text="Empty when the metric was not available.")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key_result", "month"]
        constraints = [
            models.UniqueConstraint(fields=["key_result", "month"], name="okrs_snapshot_one_per_month"),
        ]

    def __str__(self):
        return f"{self.key_result} in {self.month:%B %Y}: {self.value}"
