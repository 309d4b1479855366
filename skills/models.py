"""The AI skills framework: six areas and five levels (DESIGN.md §8)."""

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
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from portal.accounts.models import Organisation, Ward

from .translation_forms import TranslationsPanel


class Area(index.Indexed, ClusterableModel):
    """One of the six skill areas, e.g. "Staying safe"."""

    name = models.CharField(gettext_lazy("name"), max_length=80, unique=True)
    slug = models.SlugField(gettext_lazy("slug"), max_length=80, unique=True)
    description = models.TextField(
        gettext_lazy("description"), help_text=gettext_lazy("What this area covers, in plain English.")
    )
    sort_order = models.PositiveSmallIntegerField(gettext_lazy("sort order"), default=0)

    # Slugs are fixed (DESIGN.md §8): other apps, the dashboard and its open data use them.
    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        InlinePanel(
            "level_descriptions",
            heading=gettext_lazy("What each level looks like in this area"),
            label=gettext_lazy("Level"),
        ),
        TranslationsPanel(),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = gettext_lazy("area")
        verbose_name_plural = gettext_lazy("areas")

    def __str__(self):
        return self.name


class Level(ClusterableModel):
    """A level from 0 (Starting out) to 4 (Creator, earned only by a showcased project)."""

    number = models.PositiveSmallIntegerField(gettext_lazy("number"), unique=True, validators=[MaxValueValidator(4)])
    name = models.CharField(gettext_lazy("name"), max_length=40)
    description = models.TextField(
        gettext_lazy("description"), help_text=gettext_lazy("What someone at this level can do.")
    )

    # The number is what scoring gives; editors change only the words.
    panels = [FieldPanel("name"), FieldPanel("description"), TranslationsPanel()]

    class Meta:
        ordering = ["number"]
        verbose_name = gettext_lazy("level")
        verbose_name_plural = gettext_lazy("levels")

    def __str__(self):
        return f"{self.number} {self.name}"


class AreaLevelDescription(Orderable):
    """What one level looks like in one area, e.g. Staying safe at level 2."""

    area = ParentalKey(
        Area, on_delete=models.CASCADE, related_name="level_descriptions", verbose_name=gettext_lazy("area")
    )
    level = models.PositiveSmallIntegerField(gettext_lazy("level"), validators=[MaxValueValidator(4)])
    description = models.TextField(
        gettext_lazy("description"),
        help_text=gettext_lazy("What someone at this level can do in this area, in plain English."),
    )

    panels = [FieldPanel("level"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = gettext_lazy("area level description")
        verbose_name_plural = gettext_lazy("area level descriptions")
        constraints = [
            models.UniqueConstraint(fields=["area", "level"], name="skills_arealeveldescription_one_per_level"),
        ]

    def __str__(self):
        # Translators: for example "Staying safe level 2".
        return _("%(area)s level %(level)s") % {"area": self.area, "level": self.level}


class QuestionKind(models.TextChoices):
    CONFIDENCE = "confidence", gettext_lazy("Confidence statement")
    KNOWLEDGE = "knowledge", gettext_lazy("Knowledge question")


# Every confidence statement uses the same 4-point scale, so their mean means the same in every area.
CONFIDENCE_SCALE = [
    (0, gettext_lazy("I can't do this yet")),
    (1, gettext_lazy("I can do this with help")),
    (2, gettext_lazy("I can do this on my own")),
    (3, gettext_lazy("I could show someone else how")),
]


class Question(index.Indexed, ClusterableModel):
    """A confidence statement ("I can …") or a knowledge question with one right answer.

    Editing a question changes nothing for people taking the assessment until an editor
    publishes the question bank, which makes a new FrameworkVersion.
    """

    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="questions", verbose_name=gettext_lazy("area")
    )
    kind = models.CharField(gettext_lazy("kind"), max_length=12, choices=QuestionKind.choices)
    text = models.CharField(
        gettext_lazy("text"), max_length=300, help_text=gettext_lazy('A statement such as "I can …", or a question.')
    )
    hint = models.CharField(
        gettext_lazy("hint"),
        max_length=300,
        blank=True,
        help_text=gettext_lazy("Optional help shown under the question."),
    )
    explanation = models.TextField(
        gettext_lazy("explanation"),
        blank=True,
        help_text=gettext_lazy("Knowledge questions: one sentence explaining the right answer, shown with results."),
    )
    sort_order = models.PositiveIntegerField(gettext_lazy("sort order"), default=0, db_index=True)
    is_active = models.BooleanField(
        gettext_lazy("active"), default=True, help_text=gettext_lazy("Only active questions are published.")
    )
    in_quick_version = models.BooleanField(
        gettext_lazy("in quick version"),
        default=False,
        help_text=gettext_lazy(
            "Use in the quick version: one confidence statement and one knowledge question per area."
        ),
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
            heading=gettext_lazy("Answers (knowledge questions only)"),
            label=gettext_lazy("Answer"),
            help_text=gettext_lazy('Exactly one right answer. "I\'m not sure" is added for you.'),
        ),
        TranslationsPanel(),
    ]
    search_fields = [index.SearchField("text"), index.AutocompleteField("text"), index.FilterField("area")]

    class Meta:
        ordering = ["area__sort_order", "sort_order", "pk"]
        verbose_name = gettext_lazy("question")
        verbose_name_plural = gettext_lazy("questions")

    def __str__(self):
        return self.text


class Option(Orderable):
    """One answer to a knowledge question."""

    question = ParentalKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=gettext_lazy("question")
    )
    text = models.CharField(gettext_lazy("text"), max_length=200)
    is_correct = models.BooleanField(gettext_lazy("right answer"), default=False)

    panels = [FieldPanel("text"), FieldPanel("is_correct")]

    class Meta(Orderable.Meta):
        verbose_name = gettext_lazy("option")
        verbose_name_plural = gettext_lazy("options")

    def __str__(self):
        return self.text


class FrameworkVersion(models.Model):
    """A published state of the question bank. Every assessment records the version it used,
    so results taken under older wording stay comparable.

    `bank` is a snapshot of the questions and answers as published (see skills/bank.py):
    assessments are asked and scored from it, never from the editable Question rows.
    """

    number = models.PositiveIntegerField(gettext_lazy("number"), unique=True)
    published_at = models.DateTimeField(gettext_lazy("published at"), default=timezone.now)
    notes = models.TextField(gettext_lazy("notes"), blank=True, help_text=gettext_lazy("What changed in this version."))
    bank = models.JSONField(
        gettext_lazy("bank"), default=dict, blank=True, help_text=gettext_lazy("The questions as published.")
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = gettext_lazy("framework version")
        verbose_name_plural = gettext_lazy("framework versions")

    def __str__(self):
        return _("Framework version %(number)s") % {"number": self.number}


class AssessmentKind(models.TextChoices):
    FULL = "full", gettext_lazy("Full (about ten minutes)")
    QUICK = "quick", gettext_lazy("Quick (one question of each kind per area)")
    FOCUSED = "focused", gettext_lazy("Focused re-check (the areas of a workshop)")


class AgeBand(models.TextChoices):
    UNDER_18 = "under-18", gettext_lazy("Under 18")
    AGE_18_24 = "18-24", gettext_lazy("18 to 24")
    AGE_25_34 = "25-34", gettext_lazy("25 to 34")
    AGE_35_49 = "35-49", gettext_lazy("35 to 49")
    AGE_50_64 = "50-64", gettext_lazy("50 to 64")
    AGE_65_PLUS = "65-plus", gettext_lazy("65 or over")


class Status(models.TextChoices):
    STUDENT = "student", gettext_lazy("Student")
    IN_WORK = "in-work", gettext_lazy("In work")
    RUNNING_A_BUSINESS = "running-a-business", gettext_lazy("Running a business")
    NONE_OF_THESE = "none", gettext_lazy("None of these")


class Assessment(models.Model):
    """One completed self-assessment: what the town dashboard aggregates.

    `user` is empty for results taken signed out (until claimed) and after the person
    deletes their account. Context fields are optional and never needed to see results.
    """

    uuid = models.UUIDField(gettext_lazy("uuid"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
        verbose_name=gettext_lazy("user"),
    )
    framework_version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=gettext_lazy("framework version"),
    )
    kind = models.CharField(
        gettext_lazy("kind"), max_length=10, choices=AssessmentKind.choices, default=AssessmentKind.FULL
    )
    language = models.CharField(
        gettext_lazy("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=gettext_lazy("The language the assessment was taken in."),
    )
    completed_at = models.DateTimeField(gettext_lazy("completed at"), default=timezone.now, db_index=True)
    ward = models.ForeignKey(
        Ward, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=gettext_lazy("ward")
    )
    age_band = models.CharField(gettext_lazy("age band"), max_length=10, choices=AgeBand.choices, blank=True)
    status = models.CharField(gettext_lazy("status"), max_length=20, choices=Status.choices, blank=True)
    employer = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_assessments",
        verbose_name=gettext_lazy("counted for employer"),
        help_text=gettext_lazy(
            "The organisation whose anonymous team profile this result counts in, because the person chose so."
        ),
    )
    overall_level = models.PositiveSmallIntegerField(gettext_lazy("overall level"), validators=[MaxValueValidator(3)])
    is_ai_ready = models.BooleanField(gettext_lazy("AI-ready"), default=False)
    is_demo = models.BooleanField(
        gettext_lazy("demo data"),
        default=False,
        help_text=gettext_lazy("Synthetic data made by load_demo, not a real person's result."),
    )
    answers = models.JSONField(
        gettext_lazy("answers"),
        default=dict,
        blank=True,
        help_text=gettext_lazy("Question id → answer, as asked from the framework version's bank."),
    )

    # Results link to nothing editors would need to trace, and indexing them costs every submit.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-completed_at"]
        verbose_name = gettext_lazy("assessment")
        verbose_name_plural = gettext_lazy("assessments")
        constraints = [
            models.CheckConstraint(condition=models.Q(overall_level__lte=3), name="skills_assessment_level_0_to_3"),
        ]

    def __str__(self):
        return _("Assessment %(uuid)s (%(date)s)") % {"uuid": self.uuid, "date": f"{self.completed_at:%Y-%m-%d}"}


class AreaResult(models.Model):
    """The score (0–100) and level (0–3) one assessment gave in one area."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="area_results", verbose_name=gettext_lazy("assessment")
    )
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="results", verbose_name=gettext_lazy("area"))
    score = models.PositiveSmallIntegerField(gettext_lazy("score"), validators=[MaxValueValidator(100)])
    level = models.PositiveSmallIntegerField(gettext_lazy("level"), validators=[MaxValueValidator(3)])
    carried_over = models.BooleanField(
        gettext_lazy("carried over"),
        default=False,
        help_text=gettext_lazy("Not asked in this re-check: the level comes from the person's last full result."),
    )

    class Meta:
        ordering = ["area__sort_order"]
        verbose_name = gettext_lazy("area result")
        verbose_name_plural = gettext_lazy("area results")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "area"], name="skills_arearesult_one_per_area"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="skills_arearesult_score_0_to_100"),
            models.CheckConstraint(condition=models.Q(level__lte=3), name="skills_arearesult_level_0_to_3"),
        ]

    def __str__(self):
        # Translators: for example "Staying safe: level 2 (63)", the number in brackets being the score.
        return _("%(area)s: level %(level)s (%(score)s)") % {
            "area": self.area,
            "level": self.level,
            "score": self.score,
        }


class CreatorAward(models.Model):
    """Level 4 "Creator" in one area, earned by a showcased project (never by self-assessment)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="creator_awards",
        verbose_name=gettext_lazy("user"),
    )
    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="creator_awards", verbose_name=gettext_lazy("area")
    )
    project = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="creator_awards",
        verbose_name=gettext_lazy("project"),
    )
    awarded_at = models.DateTimeField(gettext_lazy("awarded at"), default=timezone.now)

    class Meta:
        ordering = ["-awarded_at"]
        verbose_name = gettext_lazy("creator award")
        verbose_name_plural = gettext_lazy("creator awards")
        constraints = [
            models.UniqueConstraint(fields=["user", "area", "project"], name="skills_creatoraward_once_per_project"),
        ]

    def __str__(self):
        return _("%(person)s – Creator in %(area)s") % {"person": self.user, "area": self.area}


class ResourceQuerySet(models.QuerySet):
    def suiting(self, area_levels: dict[str, int]):
        """Resources for any of these areas whose level range includes the person's level there."""
        matches = models.Q(pk__in=[])
        for slug, level in area_levels.items():
            matches |= models.Q(area__slug=slug, min_level__lte=level, max_level__gte=level)
        return self.filter(matches).select_related("area", "page")


class LinkedResource(ClusterableModel):
    """A guide, course or page suggested on a results page: one on this site or elsewhere.
    Each kind of result (skills, a business's AI adoption) says what it suits."""

    title = models.CharField(gettext_lazy("title"), max_length=120)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=gettext_lazy("page"),
        help_text=gettext_lazy("A page on this site, such as a guide, that helps with this area."),
    )
    url = models.URLField(
        gettext_lazy("or a web address"),
        blank=True,
        help_text=gettext_lazy("A page elsewhere, when it is not on this site."),
    )
    description = models.CharField(
        gettext_lazy("description"), max_length=240, help_text=gettext_lazy("One sentence: what you will learn.")
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if bool(self.page_id) == bool(self.url):
            raise ValidationError({"url": _("Choose a page on this site or enter a web address, not both.")})

    @property
    def href(self) -> str:
        return self.page.url if self.page_id else self.url


class Resource(LinkedResource):
    """A resource that helps with one skill area at some levels."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="resources", verbose_name=gettext_lazy("area")
    )
    min_level = models.PositiveSmallIntegerField(
        gettext_lazy("for people from level"), default=0, validators=[MaxValueValidator(3)]
    )
    max_level = models.PositiveSmallIntegerField(
        gettext_lazy("up to level"), default=3, validators=[MaxValueValidator(3)]
    )

    objects = ResourceQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("page"),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldPanel("area"),
        FieldPanel("min_level"),
        FieldPanel("max_level"),
        TranslationsPanel(),
    ]

    class Meta:
        ordering = ["area__sort_order", "min_level", "title"]
        verbose_name = gettext_lazy("resource")
        verbose_name_plural = gettext_lazy("resources")

    def clean(self):
        super().clean()
        if self.min_level > self.max_level:
            raise ValidationError({"max_level": _("The highest level must not be below the lowest.")})


# Translations of what editors write (DESIGN.md §8 in every language the portal speaks).
#
# One row per object per language, edited inline on the object's own admin screen. Each
# row keeps the English each text was translated from (`source`), so a translation made
# from older English is shown as out of date in the admin and is not used: readers get the
# English instead, text by text, until someone updates the translation.


def translation_languages() -> list[tuple[str, str]]:
    """The languages editors translate into: every language the portal speaks but English."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


class Translation(models.Model):
    """One object's words in one language. Blank texts fall back to the English.

    `translated_fields` are plain text fields; `translated_groups` are JSON fields holding
    texts keyed by part of the object, e.g. one per answer ({option id: text}).
    """

    language = models.CharField(gettext_lazy("language"), max_length=10, choices=translation_languages)
    source = models.JSONField(
        gettext_lazy("translated from"),
        default=dict,
        blank=True,
        editable=False,
        help_text=gettext_lazy("The English each text was translated from, kept when the translation is saved."),
    )

    translated_fields: tuple[str, ...] = ()
    translated_groups: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def __str__(self):
        # Translators: for example "Staying safe in Polski": the language is named in itself.
        return _("%(original)s in %(language)s") % {
            "original": self.original,
            "language": dict(settings.LANGUAGES).get(self.language, self.language),
        }

    # Each translated text keeps the English it was made from: saved when the text is
    # written or changed (or the editor confirms it still fits), never just because the
    # English object around it was saved with its translations.

    def save(self, *args, **kwargs):
        saved = getattr(self, "_saved_texts", {})
        source = dict(self.source or {})
        for field in self.translated_fields:
            if field not in saved or getattr(self, field) != saved[field]:
                source[field] = self.english(field)
        for group in self.translated_groups:
            translated, before = getattr(self, group) or {}, saved.get(group)
            sources = {key: text for key, text in (source.get(group) or {}).items() if key in translated}
            changed = [key for key, value in translated.items() if before is None or value != before.get(key)]
            if changed:
                english = self.english(group)
                sources.update({key: english[key] for key in changed if key in english})
            source[group] = sources
        self.source = source
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "source"}
        super().save(*args, **kwargs)
        self._saved_texts = self._texts()

    @property
    def original(self):
        """The English object this translates."""
        raise NotImplementedError

    def group_entries(self, group: str) -> list[tuple[str, str, str]]:
        """(key, label, English) for each text of a group, in the order editors see them."""
        raise NotImplementedError

    def english(self, field: str) -> str | dict:
        """The English as it is now: a string, or {key: text} for a group."""
        if field in self.translated_groups:
            return {key: text for key, _label, text in self.group_entries(field)}
        return getattr(self.original, field)

    def up_to_date(self, field: str, english: str, key: str | None = None) -> str:
        """The translation of `english`, the English now in `field` (in `field[key]` for a
        group), or "" when it is blank or was made from other English."""
        value, source = getattr(self, field), self.source.get(field)
        if key is not None:
            value, source = (value or {}).get(key, ""), (source or {}).get(key)
        return value if value.strip() and source == english else ""

    def text(self, field: str, english: str, key: str | None = None) -> str:
        """What a reader sees: the up-to-date translation, otherwise the English."""
        return self.up_to_date(field, english, key) or english

    def out_of_date(self) -> list[tuple[str, str | None]]:
        """(field, key or None) of each translated text made from English that has changed since."""
        stale = []
        for field in self.translated_fields:
            if getattr(self, field).strip() and self.source.get(field) != self.english(field):
                stale.append((field, None))
        for group in self.translated_groups:
            translated, english = getattr(self, group) or {}, self.english(group)
            sources = self.source.get(group) or {}
            stale += [
                (group, key)
                for key, value in translated.items()
                if value.strip() and key in english and sources.get(key) != english[key]
            ]
        return stale

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_texts = instance._texts()
        return instance

    def _texts(self) -> dict:
        return {
            field: dict(getattr(self, field) or {}) if field in self.translated_groups else getattr(self, field)
            for field in (*self.translated_fields, *self.translated_groups)
        }

    def mark_up_to_date(self) -> None:
        """Record that every text fits the English as it is now, when next saved."""
        self._saved_texts = {}


def one_per_language(parent: str) -> list[models.UniqueConstraint]:
    return [models.UniqueConstraint(fields=[parent, "language"], name=f"skills_{parent}translation_one_per_language")]


class AreaTranslation(Translation):
    """An area's name, description and what each level looks like in it, in one language."""

    area = ParentalKey(Area, on_delete=models.CASCADE, related_name="translations", verbose_name=gettext_lazy("area"))
    name = models.CharField(gettext_lazy("name"), max_length=120, blank=True)
    description = models.TextField(gettext_lazy("description"), blank=True)
    level_descriptions = models.JSONField(
        gettext_lazy("what each level looks like in this area"), default=dict, blank=True
    )

    translated_fields = ("name", "description")
    translated_groups = ("level_descriptions",)
    panels = [
        FieldPanel("language"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("level_descriptions"),
        FieldPanel("still_right"),
    ]

    class Meta:
        ordering = ["language"]
        verbose_name = gettext_lazy("area translation")
        verbose_name_plural = gettext_lazy("area translations")
        constraints = one_per_language("area")

    @property
    def original(self):
        return self.area

    def group_entries(self, group):
        # Translators: labels one level's text in a translation, such as "Level 2".
        return [
            (str(description.level), _("Level %(number)s") % {"number": description.level}, description.description)
            for description in sorted(self.area.level_descriptions.all(), key=lambda description: description.level)
        ]


class LevelTranslation(Translation):
    """A level's name and description in one language."""

    level = ParentalKey(
        Level, on_delete=models.CASCADE, related_name="translations", verbose_name=gettext_lazy("level")
    )
    name = models.CharField(gettext_lazy("name"), max_length=60, blank=True)
    description = models.TextField(gettext_lazy("description"), blank=True)

    translated_fields = ("name", "description")
    panels = [FieldPanel("language"), FieldPanel("name"), FieldPanel("description"), FieldPanel("still_right")]

    class Meta:
        ordering = ["language"]
        verbose_name = gettext_lazy("level translation")
        verbose_name_plural = gettext_lazy("level translations")
        constraints = one_per_language("level")

    @property
    def original(self):
        return self.level


class QuestionTranslation(Translation):
    """A question with its hint, explanation and answers, in one language.

    `options` holds each answer's translation keyed by the id of the English answer, so a
    translated assessment offers the same answers, scored the same way."""

    question = ParentalKey(
        Question, on_delete=models.CASCADE, related_name="translations", verbose_name=gettext_lazy("question")
    )
    text = models.CharField(gettext_lazy("text"), max_length=400, blank=True)
    hint = models.CharField(gettext_lazy("hint"), max_length=400, blank=True)
    explanation = models.TextField(gettext_lazy("explanation"), blank=True)
    options = models.JSONField(gettext_lazy("answers"), default=dict, blank=True)

    translated_fields = ("text", "hint", "explanation")
    translated_groups = ("options",)
    panels = [
        FieldPanel("language"),
        FieldPanel("text"),
        FieldPanel("hint"),
        FieldPanel("explanation"),
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
        # Answers added in the same edit have no id yet: they are translated after saving.
        saved = [option for option in self.question.options.all() if option.pk]
        ordered = sorted(saved, key=lambda option: (option.sort_order or 0, option.pk))
        # Translators: labels one answer's text in a translation, such as "Answer 2".
        return [
            (str(option.pk), _("Answer %(number)s") % {"number": number}, option.text)
            for number, option in enumerate(ordered, start=1)
        ]


class ResourceTranslation(Translation):
    """A resource's title and description in one language."""

    resource = ParentalKey(
        Resource, on_delete=models.CASCADE, related_name="translations", verbose_name=gettext_lazy("resource")
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
