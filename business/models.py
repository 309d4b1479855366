"""The AI adoption check for organisations: six dimensions, editable questions published as
versioned snapshots, each check's result, and the resources suggested with it."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import BasePage
from portal.accounts.models import Organisation, Sector, SizeBand, Ward
from skills.models import LinkedResource, Translation
from skills.translation_forms import TranslationsPanel


class Stage(models.IntegerChoices):
    """How far an organisation has gone with AI, in one dimension or overall."""

    NOT_STARTED = 0, gettext_lazy("Not started")
    EXPLORING = 1, gettext_lazy("Exploring")
    USING = 2, gettext_lazy("Using")
    EMBEDDING = 3, gettext_lazy("Embedding")


STAGE_MEANINGS = {
    Stage.NOT_STARTED: gettext_lazy("You have not started on this yet. That is where most businesses begin."),
    Stage.EXPLORING: gettext_lazy("You are finding out what AI could do here and trying things out."),
    Stage.USING: gettext_lazy("You are using AI here in day-to-day work, in at least one place."),
    Stage.EMBEDDING: gettext_lazy("AI is part of how you work here, with the care and checks that needs."),
}


class Signal(models.TextChoices):
    """What an answer tells about the organisation, beyond its points. Scoring gates and the
    town's figures rely on these codes, so editors attach them to answers but cannot rename them."""

    AI_IN_PROCESS = "ai-in-process", gettext_lazy("AI is used in at least one business process")
    WRITTEN_POLICY = "written-policy", gettext_lazy("There is a written policy on staff use of AI tools")
    HUMAN_OVERSIGHT = "human-oversight", gettext_lazy("A person checks decisions AI helps to make")
    NAMED_PERSON = "named-person", gettext_lazy("A named person leads on AI")
    DATA_REACHABLE = "data-reachable", gettext_lazy("The people who need the data can reach it")


class Dimension(ClusterableModel):
    """One of the six dimensions of AI adoption, such as "Data". The slugs are fixed: scoring
    gates, the dashboard and its open data use them; editors change only the words."""

    slug = models.SlugField(gettext_lazy("slug"), max_length=40, unique=True)
    name = models.CharField(gettext_lazy("name"), max_length=80)
    description = models.TextField(
        gettext_lazy("description"), help_text=gettext_lazy("What this dimension covers, in plain English.")
    )
    sort_order = models.PositiveSmallIntegerField(gettext_lazy("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("sort_order"), TranslationsPanel()]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = gettext_lazy("dimension")
        verbose_name_plural = gettext_lazy("dimensions")

    def __str__(self):
        return self.name


class QuestionKind(models.TextChoices):
    SINGLE = "single", gettext_lazy("Choose one answer (scored)")
    MULTIPLE = "multiple", gettext_lazy("Choose all that apply (not scored)")


class CheckQuestion(ClusterableModel):
    """A question in the adoption check. Editing it changes nothing for people taking the
    check until an editor publishes the questions, which makes a new CheckVersion."""

    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="questions", verbose_name=gettext_lazy("dimension")
    )
    kind = models.CharField(gettext_lazy("kind"), max_length=10, choices=QuestionKind.choices, default="single")
    text = models.CharField(gettext_lazy("text"), max_length=300)
    hint = models.CharField(
        gettext_lazy("hint"),
        max_length=300,
        blank=True,
        help_text=gettext_lazy("Optional help shown under the question."),
    )
    sort_order = models.PositiveIntegerField(gettext_lazy("sort order"), default=0, db_index=True)
    is_active = models.BooleanField(
        gettext_lazy("active"), default=True, help_text=gettext_lazy("Only active questions are published.")
    )

    panels = [
        MultiFieldPanel([FieldPanel("dimension"), FieldPanel("kind"), FieldPanel("is_active")]),
        FieldPanel("text"),
        FieldPanel("hint"),
        InlinePanel(
            "options",
            heading=gettext_lazy("Answers"),
            label=gettext_lazy("Answer"),
            help_text=gettext_lazy(
                "Points run from 0 (not started) to 3 (embedding); answers to “choose all that apply” "
                "questions score nothing. A signal says what the answer means for the town’s figures."
            ),
        ),
        TranslationsPanel(),
    ]

    class Meta:
        ordering = ["dimension__sort_order", "sort_order", "pk"]
        verbose_name = gettext_lazy("adoption check question")
        verbose_name_plural = gettext_lazy("adoption check questions")

    def __str__(self):
        return self.text


class CheckOption(Orderable):
    question = ParentalKey(
        CheckQuestion, on_delete=models.CASCADE, related_name="options", verbose_name=gettext_lazy("question")
    )
    text = models.CharField(gettext_lazy("text"), max_length=200)
    points = models.PositiveSmallIntegerField(gettext_lazy("points"), default=0, validators=[MaxValueValidator(3)])
    signal = models.CharField(gettext_lazy("signal"), max_length=30, choices=Signal.choices, blank=True)

    panels = [FieldPanel("text"), FieldPanel("points"), FieldPanel("signal")]

    class Meta(Orderable.Meta):
        verbose_name = gettext_lazy("answer")
        verbose_name_plural = gettext_lazy("answers")

    def __str__(self):
        return self.text


class CheckVersion(models.Model):
    """A published state of the adoption check's questions; see business/bank.py."""

    number = models.PositiveIntegerField(gettext_lazy("number"), unique=True)
    published_at = models.DateTimeField(gettext_lazy("published at"), default=timezone.now)
    notes = models.TextField(gettext_lazy("notes"), blank=True, help_text=gettext_lazy("What changed in this version."))
    bank = models.JSONField(gettext_lazy("bank"), default=dict, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = gettext_lazy("adoption check version")
        verbose_name_plural = gettext_lazy("adoption check versions")

    def __str__(self):
        return _("Adoption check version %(number)s") % {"number": self.number}


class BusinessCheck(models.Model):
    """One completed adoption check: what the business figures aggregate.

    `organisation` is set only for a confirmed member who chose it; its confirmed members
    may see the result. Context fields are optional."""

    uuid = models.UUIDField(gettext_lazy("uuid"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="business_checks",
        verbose_name=gettext_lazy("taken by"),
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="business_checks",
        verbose_name=gettext_lazy("organisation"),
    )
    version = models.ForeignKey(
        CheckVersion, on_delete=models.PROTECT, related_name="checks", verbose_name=gettext_lazy("version")
    )
    language = models.CharField(
        gettext_lazy("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    completed_at = models.DateTimeField(gettext_lazy("completed at"), default=timezone.now, db_index=True)
    sector = models.CharField(gettext_lazy("sector"), max_length=1, choices=Sector.choices, blank=True)
    size_band = models.CharField(gettext_lazy("size"), max_length=10, choices=SizeBand.choices, blank=True)
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=gettext_lazy("ward")
    )
    overall_stage = models.PositiveSmallIntegerField(gettext_lazy("overall stage"), choices=Stage.choices)
    uses_ai = models.BooleanField(gettext_lazy("uses AI in at least one process"), default=False)
    has_ai_policy = models.BooleanField(gettext_lazy("has a written AI policy"), default=False)
    answers = models.JSONField(gettext_lazy("answers"), default=dict, blank=True)
    is_demo = models.BooleanField(
        gettext_lazy("demo data"),
        default=False,
        help_text=gettext_lazy("Synthetic data made by load_demo, not a real organisation's result."),
    )

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-completed_at"]
        verbose_name = gettext_lazy("adoption check")
        verbose_name_plural = gettext_lazy("adoption checks")
        constraints = [
            models.CheckConstraint(condition=models.Q(overall_stage__lte=3), name="business_check_stage_0_to_3"),
        ]
        indexes = [models.Index(fields=["organisation", "completed_at"], name="business_check_org_date")]

    def __str__(self):
        return _("Adoption check %(uuid)s (%(date)s)") % {"uuid": self.uuid, "date": f"{self.completed_at:%Y-%m-%d}"}


class DimensionResult(models.Model):
    check_result = models.ForeignKey(
        BusinessCheck, on_delete=models.CASCADE, related_name="dimension_results", verbose_name=gettext_lazy("check")
    )
    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="results", verbose_name=gettext_lazy("dimension")
    )
    score = models.PositiveSmallIntegerField(gettext_lazy("score"), validators=[MaxValueValidator(100)])
    stage = models.PositiveSmallIntegerField(gettext_lazy("stage"), choices=Stage.choices)

    class Meta:
        ordering = ["dimension__sort_order"]
        verbose_name = gettext_lazy("dimension result")
        verbose_name_plural = gettext_lazy("dimension results")
        constraints = [
            models.UniqueConstraint(fields=["check_result", "dimension"], name="business_result_one_per_dimension"),
            models.CheckConstraint(condition=models.Q(stage__lte=3), name="business_result_stage_0_to_3"),
        ]

    def __str__(self):
        return f"{self.dimension}: {self.stage} ({self.score})"


class BusinessResourceQuerySet(models.QuerySet):
    def suiting(self, stages: dict[str, int]):
        """Resources for any of these dimensions whose stage range includes the stage there."""
        matches = models.Q(pk__in=[])
        for slug, stage in stages.items():
            matches |= models.Q(dimension__slug=slug, min_stage__lte=stage, max_stage__gte=stage)
        return self.filter(matches).select_related("dimension", "page")


class BusinessResource(LinkedResource):
    """A guide that helps a business with one dimension at some stages."""

    dimension = models.ForeignKey(
        Dimension, on_delete=models.CASCADE, related_name="resources", verbose_name=gettext_lazy("dimension")
    )
    min_stage = models.PositiveSmallIntegerField(gettext_lazy("from stage"), choices=Stage.choices, default=0)
    max_stage = models.PositiveSmallIntegerField(gettext_lazy("up to stage"), choices=Stage.choices, default=3)

    objects = BusinessResourceQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("page"),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldPanel("dimension"),
        FieldPanel("min_stage"),
        FieldPanel("max_stage"),
        TranslationsPanel(),
    ]

    class Meta:
        ordering = ["dimension__sort_order", "min_stage", "title"]
        verbose_name = gettext_lazy("business resource")
        verbose_name_plural = gettext_lazy("business resources")

    def clean(self):
        super().clean()
        if self.min_stage > self.max_stage:
            raise ValidationError({"max_stage": _("The highest stage must not be below the lowest.")})


@register_setting(icon="site")
class NationalReference(BaseGenericSetting):
    """The national figure shown beside Luton's share of businesses using AI."""

    share_using_ai = models.DecimalField(
        gettext_lazy("share of UK firms using AI (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=gettext_lazy("Leave empty to show no national figure."),
    )
    source = models.CharField(
        gettext_lazy("source"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy("For example “ONS Business Insights and Conditions Survey, wave 120”."),
    )
    source_url = models.URLField(gettext_lazy("source web address"), blank=True)
    as_of = models.DateField(gettext_lazy("date of the figure"), null=True, blank=True)

    panels = [FieldPanel("share_using_ai"), FieldPanel("source"), FieldPanel("source_url"), FieldPanel("as_of")]

    class Meta:
        verbose_name = gettext_lazy("national business figure")

    def clean(self):
        super().clean()
        if self.share_using_ai is not None:
            if not 0 <= self.share_using_ai <= 100:
                raise ValidationError({"share_using_ai": _("Enter a percentage from 0 to 100.")})
            missing = {
                "source": _("Say where the national figure comes from."),
                "as_of": _("Enter the date the national figure describes."),
            }
            errors = {field: message for field, message in missing.items() if not getattr(self, field)}
            if errors:
                raise ValidationError(errors)


class StoryBlock(blocks.StructBlock):
    """A local business's story: what it tried with AI and what happened."""

    organisation = blocks.CharBlock(label=gettext_lazy("organisation"), max_length=120)
    summary = blocks.TextBlock(label=gettext_lazy("what they did and what changed"), max_length=600)
    link = blocks.PageChooserBlock(label=gettext_lazy("read more (optional)"), required=False)

    class Meta:
        icon = "openquote"
        label = gettext_lazy("Story")
        template = "business/blocks/story.html"


class BusinessPage(BasePage):
    """/business/: what the AI Club offers businesses, in plain words, edited by editors.
    The check, business workshops and posting a challenge are linked from its template."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=gettext_lazy("body"))
    stories = StreamField(
        [("story", StoryBlock())], blank=True, verbose_name=gettext_lazy("stories of local businesses")
    )

    content_panels = BasePage.content_panels + [FieldPanel("introduction"), FieldPanel("body"), FieldPanel("stories")]
    search_fields = BasePage.search_fields + [index.SearchField("body"), index.SearchField("stories")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = gettext_lazy("business page")
        verbose_name_plural = gettext_lazy("business pages")


# Translations of the editors' words (see skills.models.Translation).


def one_per_language(parent: str) -> list[models.UniqueConstraint]:
    return [models.UniqueConstraint(fields=[parent, "language"], name=f"business_{parent}translation_one_per_language")]


class DimensionTranslation(Translation):
    dimension = ParentalKey(
        Dimension, on_delete=models.CASCADE, related_name="translations", verbose_name=gettext_lazy("dimension")
    )
    name = models.CharField(gettext_lazy("name"), max_length=120, blank=True)
    description = models.TextField(gettext_lazy("description"), blank=True)

    translated_fields = ("name", "description")
    panels = [FieldPanel("language"), FieldPanel("name"), FieldPanel("description"), FieldPanel("still_right")]

    class Meta:
        ordering = ["language"]
        verbose_name = gettext_lazy("dimension translation")
        verbose_name_plural = gettext_lazy("dimension translations")
        constraints = one_per_language("dimension")

    @property
    def original(self):
        return self.dimension


class CheckQuestionTranslation(Translation):
    question = ParentalKey(
        CheckQuestion, on_delete=models.CASCADE, related_name="translations", verbose_name=gettext_lazy("question")
    )
    text = models.CharField(gettext_lazy("text"), max_length=400, blank=True)
    hint = models.CharField(gettext_lazy("hint"), max_length=400, blank=True)
    options = models.JSONField(gettext_lazy("answers"), default=dict, blank=True)

    translated_fields = ("text", "hint")
    translated_groups = ("options",)
    panels = [
        FieldPanel("language"),
        FieldPanel("text"),
        FieldPanel("hint"),
        FieldPanel("options"),
        FieldPanel("still_right"),
    ]

    class Meta:
        ordering = ["language"]
        verbose_name = gettext_lazy("question translation")
        verbose_name_plural = gettext_lazy("question translations")
        constraints = one_per_language("question")

    @property
    def original(self):
        return self.question

    def group_entries(self, group):
        saved = [option for option in self.question.options.all() if option.pk]
        ordered = sorted(saved, key=lambda option: (option.sort_order or 0, option.pk))
        return [
            (str(option.pk), _("Answer %(number)s") % {"number": number}, option.text)
            for number, option in enumerate(ordered, start=1)
        ]


class BusinessResourceTranslation(Translation):
    resource = ParentalKey(
        BusinessResource, on_delete=models.CASCADE, related_name="translations", verbose_name=gettext_lazy("resource")
    )
    title = models.CharField(gettext_lazy("title"), max_length=160, blank=True)
    description = models.CharField(gettext_lazy("description"), max_length=320, blank=True)

    translated_fields = ("title", "description")
    panels = [FieldPanel("language"), FieldPanel("title"), FieldPanel("description"), FieldPanel("still_right")]

    class Meta:
        ordering = ["language"]
        verbose_name = gettext_lazy("resource translation")
        verbose_name_plural = gettext_lazy("resource translations")
        constraints = one_per_language("resource")

    @property
    def original(self):
        return self.resource
