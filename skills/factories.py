import factory
from factory.django import DjangoModelFactory

from .models import Area, AreaResult, Assessment, FrameworkVersion


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
