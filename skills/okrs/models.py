"""Objectives and key results (DESIGN.md §9), edited by editors in the Wagtail admin."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class Metric(models.TextChoices):
    """What a key result measures: computed live from portal data, or entered by hand."""

    AI_READY_SHARE = "ai_ready_share", gettext_lazy("AI-ready share of participants (%)")
    LEVEL_ONE_ALL_AREAS_SHARE = "level_one_all_areas_share", gettext_lazy("Share at level 1 or above in all areas (%)")
    PEOPLE_ASSESSED = "people_assessed", gettext_lazy("People assessed")
    WARDS_WITHIN_10_POINTS = "wards_within_10_points", gettext_lazy("Wards within 10 points of the town rate")
    ASSESSMENTS_IN_OTHER_LANGUAGES = (
        "assessments_in_other_languages",
        gettext_lazy("Assessments taken in a language other than English"),
    )
    EVENT_ATTENDANCES = "event_attendances", gettext_lazy("Event attendances (checked in)")
    CHALLENGES_COMPLETED = "challenges_completed", gettext_lazy("Challenges completed")
    PROJECTS_IN_USE = "projects_in_use", gettext_lazy("Projects in use")
    BUSINESSES_WITH_CHALLENGE = "businesses_with_challenge", gettext_lazy("Businesses that posted a challenge")
    CREATORS = "creators", gettext_lazy("Creators (level 4)")
    BUSINESSES_CHECKED = "businesses_checked", gettext_lazy("Organisations that took the AI adoption check")
    BUSINESSES_USING_AI_SHARE = (
        "businesses_using_ai_share",
        gettext_lazy("Share of checked organisations using AI in at least one process (%)"),
    )
    BUSINESSES_AI_POLICY_SHARE = (
        "businesses_ai_policy_share",
        gettext_lazy("Share of checked organisations with a written AI policy (%)"),
    )
    BUSINESSES_MOVED_UP = (
        "businesses_moved_up_stage",
        gettext_lazy("Organisations that moved up a stage within a year"),
    )
    ATTENDEES_ROSE_LEVEL_SHARE = (
        "attendees_rose_level_share",
        gettext_lazy("Share of attendees who rose a level within 3 months (%)"),
    )
    MANUAL = "manual", gettext_lazy("Entered by hand")


class Objective(ClusterableModel):
    """An objective from the ambition, e.g. "Everyone in Luton has a level of AI skills"."""

    title = models.CharField(gettext_lazy("title"), max_length=200)
    description = models.TextField(
        gettext_lazy("description"), blank=True, help_text=gettext_lazy("Why this matters, in a sentence or two.")
    )
    period = models.CharField(
        gettext_lazy("period"), max_length=40, help_text=gettext_lazy("For example “2025 to 2030”.")
    )
    sort_order = models.PositiveSmallIntegerField(
        gettext_lazy("sort order"), default=0, help_text=gettext_lazy("Lower numbers are shown first.")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("period"), FieldPanel("sort_order")]),
        InlinePanel("key_results", heading=gettext_lazy("Key results"), label=gettext_lazy("Key result"), min_num=1),
    ]

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = gettext_lazy("objective")
        verbose_name_plural = gettext_lazy("objectives")

    def __str__(self):
        return self.title


class KeyResult(Orderable):
    """A measurable result for an objective; progress runs from its baseline to its target."""

    objective = ParentalKey(
        Objective, on_delete=models.CASCADE, related_name="key_results", verbose_name=gettext_lazy("objective")
    )
    title = models.CharField(gettext_lazy("title"), max_length=200)
    metric = models.CharField(gettext_lazy("metric"), max_length=40, choices=Metric.choices)
    baseline = models.FloatField(
        gettext_lazy("baseline"), help_text=gettext_lazy("The value when the objective was set.")
    )
    target = models.FloatField(
        gettext_lazy("target"), help_text=gettext_lazy("The value to reach by the end of the period.")
    )
    unit = models.CharField(
        gettext_lazy("unit"), max_length=20, blank=True, help_text=gettext_lazy("For example “%”, “people” or “wards”.")
    )
    confidence = models.PositiveSmallIntegerField(
        gettext_lazy("confidence"),
        default=5,
        validators=[MaxValueValidator(10)],
        help_text=gettext_lazy("How sure the owner is of reaching it, 0 to 10."),
    )
    owner = models.CharField(
        gettext_lazy("owner"),
        max_length=120,
        blank=True,
        help_text=gettext_lazy("Who leads on it, e.g. a council team."),
    )
    manual_value = models.FloatField(
        gettext_lazy("manual value"),
        null=True,
        blank=True,
        help_text=gettext_lazy("Only for “Entered by hand”: the latest value."),
    )
    manual_value_date = models.DateField(
        gettext_lazy("manual value date"),
        null=True,
        blank=True,
        help_text=gettext_lazy("When the value entered by hand was measured."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("metric"),
        FieldRowPanel([FieldPanel("baseline"), FieldPanel("target"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("confidence"), FieldPanel("owner")]),
        MultiFieldPanel(
            [FieldPanel("manual_value"), FieldPanel("manual_value_date")], heading=gettext_lazy("Value entered by hand")
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = gettext_lazy("key result")
        verbose_name_plural = gettext_lazy("key results")
        constraints = [
            models.CheckConstraint(condition=models.Q(confidence__lte=10), name="okrs_keyresult_confidence_0_to_10"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.metric == Metric.MANUAL and self.manual_value is not None and not self.manual_value_date:
            raise ValidationError({"manual_value_date": _("Enter the date the value was measured")})
        if self.baseline is not None and self.baseline == self.target:
            raise ValidationError({"target": _("The target must differ from the baseline")})


class KeyResultSnapshot(models.Model):
    """A key result's value in one month, recorded by `snapshot_okrs`: the trend line."""

    key_result = models.ForeignKey(
        KeyResult, on_delete=models.CASCADE, related_name="snapshots", verbose_name=gettext_lazy("key result")
    )
    month = models.DateField(
        gettext_lazy("month"), help_text=gettext_lazy("The first day of the month the value belongs to.")
    )
    value = models.FloatField(
        gettext_lazy("value"), null=True, blank=True, help_text=gettext_lazy("Empty when the metric was not available.")
    )
    recorded_at = models.DateTimeField(gettext_lazy("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["key_result", "month"]
        verbose_name = gettext_lazy("key result snapshot")
        verbose_name_plural = gettext_lazy("key result snapshots")
        constraints = [
            models.UniqueConstraint(fields=["key_result", "month"], name="okrs_snapshot_one_per_month"),
        ]

    def __str__(self):
        # Translators: for example "Half of participants are AI-ready in March 2026: 41.0".
        return _("%(key_result)s in %(month)s: %(value)s") % {
            "key_result": self.key_result,
            # The month in the reader's language; in English as "%B %Y" (March 2026).
            "month": format_date(self.month, "F Y"),
            "value": self.value,
        }
