import factory
from factory.django import DjangoModelFactory

from .models import (
    Area,
    AreaResult,
    AreaTranslation,
    Assessment,
    FrameworkVersion,
    Level,
    LevelTranslation,
    Question,
    QuestionTranslation,
    Resource,
    ResourceTranslation,
)


class AssessmentFactory(DjangoModelFactory):
    """A completed assessment with a result in every area.

    `levels=[2, 2, 3, 2, 2, 2]` sets each area's level (in area order); overall level and
    AI-ready follow from them.
    """

    framework_version = factory.LazyFunction(lambda: FrameworkVersion.objects.order_by("-number").first())
    overall_level = 0

    class Meta:
        model = Assessment
        skip_postgeneration_save = True

    @factory.post_generation
    def levels(obj, create, extracted, **kwargs):
        if not create:
            return
        areas = list(Area.objects.all())
        levels = list(extracted) if extracted is not None else [0] * len(areas)
        for area, level in zip(areas, levels, strict=True):
            AreaResult.objects.create(assessment=obj, area=area, level=level, score=min(100, level * 25 + 10))
        obj.overall_level = min(levels)
        obj.is_ai_ready = all(level >= 2 for level in levels)
        obj.save(update_fields=["overall_level", "is_ai_ready"])


class AreaTranslationFactory(DjangoModelFactory):
    """A Polish translation of the first area (name only, unless given more)."""

    area = factory.LazyFunction(lambda: Area.objects.order_by("sort_order").first())
    language = "pl"
    name = factory.Sequence(lambda n: f"Obszar {n}")

    class Meta:
        model = AreaTranslation


class LevelTranslationFactory(DjangoModelFactory):
    level = factory.LazyFunction(lambda: Level.objects.order_by("number").first())
    language = "pl"
    name = factory.Sequence(lambda n: f"Poziom {n}")

    class Meta:
        model = LevelTranslation


class QuestionTranslationFactory(DjangoModelFactory):
    """A translation of the first question in the bank, its text only unless given more."""

    question = factory.LazyFunction(lambda: Question.objects.order_by("area__sort_order", "sort_order", "pk").first())
    language = "ur"
    text = factory.Sequence(lambda n: f"سوال {n}")

    class Meta:
        model = QuestionTranslation


class ResourceTranslationFactory(DjangoModelFactory):
    resource = factory.SubFactory("skills.factories.ResourceFactory")
    language = "bn"
    title = factory.Sequence(lambda n: f"সম্পদ {n}")

    class Meta:
        model = ResourceTranslation


class ResourceFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Resource {n}")
    url = "https://example.org/guide"
    description = "What you will learn."
    area = factory.LazyFunction(lambda: Area.objects.order_by("sort_order").first())

    class Meta:
        model = Resource
