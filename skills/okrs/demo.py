"""Demo OKRs from the ambition, a year of monthly snapshots, and enough synthetic
assessments for the dashboard to show meaningful figures. Safe to run twice."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from skills.models import Assessment

from .models import KeyResult, KeyResultSnapshot, Metric, Objective
from .snapshots import month_start, record_snapshots
from .synthetic import generate

DEMO_ASSESSMENTS = 2400

OBJECTIVES = [
    (
        "Everyone in Luton has a level of AI skills",
        "Every adult in Luton can use AI sensibly and safely, whatever their age, ward or job.",
        [
            ("20,000 people have checked their AI skills", Metric.PEOPLE_ASSESSED, 0, 20_000, "people", 6,
             "Luton AI Club"),
            ("Half of participants are AI-ready", Metric.AI_READY_SHARE, 20, 50, "%", 5, "Adult learning team"),
            ("9 in 10 participants reach level 1 in every area", Metric.LEVEL_ONE_ALL_AREAS_SHARE, 50, 90, "%", 6,
             "Libraries and community centres"),
            ("Every ward within 10 points of the town rate", Metric.WARDS_WITHIN_10_POINTS, 8, 20, "wards", 4,
             "Communities team"),
            ("4,000 skills checks taken in a language other than English", Metric.ASSESSMENTS_IN_OTHER_LANGUAGES, 0,
             4_000, "assessments", 5, "Communities team"),
            ("Six in ten workshop attendees rise a level within three months", Metric.ATTENDEES_ROSE_LEVEL_SHARE, 30,
             60, "%", 5, "Events team"),
        ],
    ),
    (
        "Luton businesses use AI to grow",
        "Small firms and social enterprises put AI to work on real problems, helped by local students.",
        [
            ("150 businesses post a challenge", Metric.BUSINESSES_WITH_CHALLENGE, 0, 150, "businesses", 5,
             "Business growth team"),
            ("60 student projects in use by a business or charity", Metric.PROJECTS_IN_USE, 0, 60, "projects", 4,
             "University of Bedfordshire"),
            ("Half of Luton businesses use AI (annual business survey)", Metric.MANUAL, 18, 50, "%", 5,
             "Luton Chamber of Commerce"),
        ],
    ),
    (
        "Students’ ideas tackle local social challenges",
        "Students and young people build things with AI that make a difference in Luton.",
        [
            ("100 challenges completed", Metric.CHALLENGES_COMPLETED, 0, 100, "challenges", 5, "Luton AI Club"),
            ("25,000 event attendances", Metric.EVENT_ATTENDANCES, 0, 25_000, "attendances", 6, "Events team"),
            ("500 Creators with a showcased project", Metric.CREATORS, 0, 500, "people", 3, "Schools and colleges"),
        ],
    ),
]  # fmt: skip

SURVEY_START, SURVEY_NOW = 18.0, 24.0


def build(stdout) -> None:
    now = timezone.now()
    missing = DEMO_ASSESSMENTS - Assessment.objects.count()
    if missing > 0:
        generate(missing, now - timedelta(days=450), now)
        stdout.write(f"Added {missing} synthetic assessments (flagged as demo data).")
    with transaction.atomic():
        for order, (title, description, key_results) in enumerate(OBJECTIVES, start=1):
            objective, _ = Objective.objects.get_or_create(
                title=title, defaults={"description": description, "period": "2025 to 2030", "sort_order": order}
            )
            existing = set(objective.key_results.values_list("title", flat=True))
            for index, (kr_title, metric, baseline, target, unit, confidence, owner) in enumerate(key_results):
                # Each key result once: a demo loaded before a key result was added gains it.
                if kr_title in existing:
                    continue
                KeyResult.objects.create(
                    objective=objective,
                    title=kr_title,
                    metric=metric,
                    baseline=baseline,
                    target=target,
                    unit=unit,
                    confidence=confidence,
                    owner=owner,
                    sort_order=index,
                    manual_value=SURVEY_NOW if metric == Metric.MANUAL else None,
                    manual_value_date=now.date() - timedelta(days=60) if metric == Metric.MANUAL else None,
                )
        back_fill_snapshots(now.date())
    stdout.write("Dashboard: three objectives with a year of monthly snapshots.")


def back_fill_snapshots(today: date) -> None:
    """Record the last twelve months from the data as it stood at each month's end; the
    survey key result had one reading a year, so its months are filled in between."""
    months = [month_start(today)]
    for _ in range(11):
        months.insert(0, month_start(months[0] - timedelta(days=1)))
    for month in months:
        record_snapshots(month)
    for index, month in enumerate(months):
        KeyResultSnapshot.objects.filter(key_result__metric=Metric.MANUAL, month=month).update(
            value=round(SURVEY_START + (SURVEY_NOW - SURVEY_START) * index / (len(months) - 1), 1)
        )
