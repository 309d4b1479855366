"""Adoption checks for tests: a result in every dimension, the overall stage from them."""

import factory
from factory.django import DjangoModelFactory

from business.models import BusinessCheck, CheckVersion, Dimension, DimensionResult
from business.scoring import overall_stage


class BusinessCheckFactory(DjangoModelFactory):
    """A completed check with a result in every dimension.

    `stages=[2, 1, 2, 2, 3, 1]` sets each dimension's stage (in dimension order) and the
    overall stage follows from them; without it every dimension is at `overall_stage`.
    No organisation unless given one: such a check counts as an organisation of its own.
    """

    version = factory.LazyFunction(lambda: CheckVersion.objects.get(number=1))
    overall_stage = 0

    class Meta:
        model = BusinessCheck
        skip_postgeneration_save = True

    @factory.post_generation
    def stages(obj, create, extracted, **kwargs):
        if not create:
            return
        dimensions = list(Dimension.objects.all())
        stages = list(extracted) if extracted is not None else [obj.overall_stage] * len(dimensions)
        for dimension, stage in zip(dimensions, stages, strict=True):
            DimensionResult.objects.create(check_result=obj, dimension=dimension, stage=stage, score=stage * 25 + 10)
        if extracted is not None:
            obj.overall_stage = overall_stage(stages)
            obj.save(update_fields=["overall_stage"])
