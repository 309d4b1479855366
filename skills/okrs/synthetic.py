"""Synthetic assessments for the demo and for testing speed at town scale.

Every row is flagged `is_demo`. People differ by a latent skill that depends on age band,
status, ward and when they took part, so the figures look like a town: wards differ,
rates rise over time, "Creating with AI" is the hardest area.
"""

import random
from datetime import datetime, timedelta

from django.db import transaction

from portal.accounts.models import Ward
from skills.demo import demo_language
from skills.models import Area, AreaResult, Assessment, FrameworkVersion

AGE_EFFECT = {"under-18": 0.2, "18-24": 0.4, "25-34": 0.3, "35-49": 0.0, "50-64": -0.3, "65-plus": -0.7, "": 0.0}
STATUS_EFFECT = {"student": 0.3, "in-work": 0.1, "running-a-business": 0.2, "none": -0.3, "": 0.0}
AREA_EFFECT = {
    "understanding-ai": 0.2,
    "using-ai-tools": 0.35,
    "checking-ai-outputs": -0.15,
    "staying-safe": 0.1,
    "ai-rights-and-society": -0.1,
    "creating-with-ai": -0.45,
}
BATCH = 5000


def _level(value: float) -> int:
    return 0 if value < -0.4 else 1 if value < 0.5 else 2 if value < 1.3 else 3


def generate(count: int, start: datetime, end: datetime, seed: int = 2030) -> int:
    """Create `count` demo assessments completed between `start` and `end`, in batches.
    Returns how many were made."""
    rng = random.Random(seed)
    areas = list(Area.objects.order_by("sort_order"))
    version = FrameworkVersion.objects.order_by("-number").first()
    wards = list(Ward.objects.all())
    ward_effect = {ward.pk: rng.uniform(-0.5, 0.5) for ward in wards}
    choices = [None, *wards]
    weights = [0.1 * 167_000] + [
        (ward.adult_population or 0.08 * 167_000) * rng.uniform(0.4, 1.6) for ward in wards
    ]  # about one in ten do not give a ward
    span = (end - start).total_seconds()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        people = []
        for _ in range(size):
            ward = rng.choices(choices, weights)[0]
            age_band = rng.choice(list(AGE_EFFECT)) if rng.random() > 0.15 else ""
            status = rng.choice(list(STATUS_EFFECT)) if rng.random() > 0.2 else ""
            when = start + timedelta(seconds=rng.random() ** 0.8 * span)  # more people lately
            progress = (when - start).total_seconds() / span if span else 1
            skill = rng.gauss(0.45, 0.75) + AGE_EFFECT[age_band] + STATUS_EFFECT[status] + 0.4 * progress
            skill += ward_effect[ward.pk] if ward else 0
            levels = [_level(skill + AREA_EFFECT.get(area.slug, 0) + rng.gauss(0, 0.45)) for area in areas]
            people.append((ward, age_band, status, demo_language(rng), when, levels))
        with transaction.atomic():
            assessments = Assessment.objects.bulk_create(
                [
                    Assessment(
                        framework_version=version,
                        kind="full" if rng.random() < 0.8 else "quick",
                        completed_at=when,
                        ward=ward,
                        age_band=age_band,
                        status=status,
                        language=language,
                        overall_level=min(levels),
                        is_ai_ready=all(level >= 2 for level in levels),
                        is_demo=True,
                    )
                    for ward, age_band, status, language, when, levels in people
                ]
            )
            AreaResult.objects.bulk_create(
                [
                    AreaResult(
                        assessment=assessment, area=area, level=level, score=min(100, level * 25 + rng.randint(5, 24))
                    )
                    for assessment, (*_, levels) in zip(assessments, people, strict=True)
                    for area, level in zip(areas, levels, strict=True)
                ],
                batch_size=BATCH,
            )
        made += size
    # bulk_create sends no signals: retire the cached figures ourselves.
    from skills.dashboard_figures import invalidate_figures

    invalidate_figures()
    return made
