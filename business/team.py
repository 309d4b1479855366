"""An organisation's anonymous staff AI-skills profile: levels per skill area among the staff
who chose to count their skills check for it. Each person counts once, by their latest
result; nothing is shown for fewer than MINIMUM_PEOPLE people, and never a name."""

from django.db.models import Count

from skills.models import Area, AreaResult, Assessment, Level
from skills.translations import localise, with_translations

MINIMUM_PEOPLE = 5


def latest_assessment_ids(organisation) -> list[int]:
    """The latest result of each person counted for the organisation; a result taken signed
    out is its own person, as there is no way to tell whose it is."""
    seen, latest = set(), []
    rows = (
        Assessment.objects.filter(employer=organisation).order_by("-completed_at", "-pk").values_list("pk", "user_id")
    )
    for pk, user_id in rows:
        if user_id is None or user_id not in seen:
            latest.append(pk)
            seen.add(user_id)
    return latest


def profiles(organisations: list, language: str | None) -> list[dict]:
    areas = localise(with_translations(Area.objects.all(), language), language) if organisations else []
    levels = (
        localise(with_translations(Level.objects.filter(number__lte=3), language), language) if organisations else []
    )
    result = []
    for organisation in organisations:
        ids = latest_assessment_ids(organisation)
        profile = {"organisation": organisation, "people": len(ids), "shown": len(ids) >= MINIMUM_PEOPLE, "areas": []}
        if profile["shown"]:
            counts = {
                (row["area_id"], row["level"]): row["n"]
                for row in AreaResult.objects.filter(assessment_id__in=ids)
                .values("area_id", "level")
                .annotate(n=Count("id"))
                .order_by()
            }
            profile["areas"] = [
                {"area": area, "levels": [counts.get((area.pk, level.number), 0) for level in levels]} for area in areas
            ]
        profile["levels"] = levels
        result.append(profile)
    return result
