"""Demo data for the skills app: about 600 synthetic assessments over the last 18 months,
across every ward, flagged `is_demo` so they are labelled as demo data in the admin; two
results for the demo resident; and starter resources. Running it twice adds nothing."""

import datetime
import random

from django.utils import timezone

from portal.accounts.models import User, Ward

from .models import AgeBand, Area, AreaResult, Assessment, AssessmentKind, FrameworkVersion, Resource, Status
from .scoring import area_level, area_score, is_ai_ready, overall_level

DEMO_ASSESSMENTS = 600
DAYS = 548  # 18 months
RESOURCES = [
    ("What is AI? A ten-minute guide", "understanding-ai", 0, 1, "https://www.bbc.co.uk/bitesize/articles/z3wnb7h"),
    ("Getting started with an AI assistant", "using-ai-tools", 0, 1, "https://learn.microsoft.com/en-gb/training/"),
    ("Writing better requests to AI assistants", "using-ai-tools", 1, 2, "https://www.futurelearn.com/"),
    ("How to fact-check what AI tells you", "checking-ai-outputs", 0, 2, "https://fullfact.org/"),
    (
        "Spotting scams, including fake voices",
        "staying-safe",
        0,
        2,
        "https://www.ncsc.gov.uk/collection/top-tips-for-staying-secure-online",
    ),
    ("Your rights about automated decisions", "ai-rights-and-society", 0, 3, "https://ico.org.uk/for-the-public/"),
    ("Build a simple tool with AI in an afternoon", "creating-with-ai", 1, 3, "https://www.kaggle.com/learn"),
]
DESCRIPTIONS = {
    "understanding-ai": "Short, plain-English lessons on what AI is and how it learns.",
    "using-ai-tools": "Free step-by-step lessons for getting useful answers from AI tools.",
    "checking-ai-outputs": "Simple ways to check a claim before you share or rely on it.",
    "staying-safe": "Official advice on keeping your accounts and money safe.",
    "ai-rights-and-society": "What the law says about decisions made by computers, and how to challenge them.",
    "creating-with-ai": "Free hands-on courses to make something useful with AI.",
}


def build(stdout) -> None:
    build_resources()
    version = FrameworkVersion.objects.order_by("-number").first()
    areas = list(Area.objects.all())
    if version is None or not areas:
        stdout.write("Skills: no framework version yet, so no demo assessments.")
        return
    if Assessment.objects.filter(is_demo=True).exists():
        stdout.write("Skills: demo assessments already loaded.")
        return
    rng = random.Random(2026)
    now = timezone.now()
    wards = list(Ward.objects.all())
    made = [synthetic_assessment(rng, version, areas, wards, now) for _ in range(DEMO_ASSESSMENTS)]
    resident = User.objects.filter(email="resident@example.org").first()
    if resident:
        for days_ago, ability in ((120, 0.35), (20, 0.6)):
            assessment, levels = synthetic(rng, version, areas, None, now - datetime.timedelta(days=days_ago), ability)
            assessment.user = resident
            made.append((assessment, levels))
    Assessment.objects.bulk_create([assessment for assessment, _ in made])
    AreaResult.objects.bulk_create(
        AreaResult(assessment=assessment, area=area, score=score, level=level)
        for assessment, levels in made
        for area, (score, level) in zip(areas, levels, strict=True)
    )
    stdout.write(f"Skills: {len(made)} demo assessments (flagged as demo data).")


def build_resources() -> None:
    areas = {area.slug: area for area in Area.objects.all()}
    for title, slug, low, high, url in RESOURCES:
        if slug in areas:
            Resource.objects.get_or_create(
                title=title,
                defaults={
                    "area": areas[slug],
                    "url": url,
                    "description": DESCRIPTIONS[slug],
                    "min_level": low,
                    "max_level": high,
                },
            )


def synthetic_assessment(rng, version, areas, wards, now):
    """One believable person: skills grow over time and vary by ward and age."""
    days_ago = int(DAYS * (1 - rng.random() ** 0.7))  # more people recently, as the club grows
    completed_at = now - datetime.timedelta(days=days_ago, minutes=rng.randint(0, 1440))
    ward = rng.choice(wards) if wards and rng.random() < 0.9 else None
    ward_effect = ((hash_ward(ward) % 7) - 3) * 0.04 if ward else 0
    age_band = rng.choice(AgeBand.values + [""])
    age_effect = {"under-18": 0.05, "18-24": 0.08, "25-34": 0.05, "50-64": -0.06, "65-plus": -0.12}.get(age_band, 0)
    growth = 0.15 * (1 - days_ago / DAYS)
    ability = min(0.95, max(0.05, rng.gauss(0.55, 0.15) + ward_effect + age_effect + growth))
    assessment, levels = synthetic(rng, version, areas, ward, completed_at, ability)
    assessment.age_band = age_band
    assessment.status = rng.choice(Status.values + [""])
    return assessment, levels


def hash_ward(ward) -> int:
    return sum(ord(letter) for letter in ward.slug)


def synthetic(rng, version, areas, ward, completed_at, ability):
    quick = rng.random() < 0.2
    statements, questions = (1, 1) if quick else (2, 2)
    levels = []
    for area_number, _ in enumerate(areas):
        # Staying safe comes easier to most people than creating with AI.
        skill = min(
            0.98,
            max(
                0.02,
                ability + rng.gauss(0, 0.08) + (0.05 if area_number == 3 else 0) - (0.08 if area_number == 5 else 0),
            ),
        )
        confidence = [min(3, max(0, round(rng.gauss(skill * 3, 0.7)))) for _ in range(statements)]
        knowledge = [rng.random() < skill for _ in range(questions)]
        score = area_score(confidence, knowledge)
        levels.append((score, area_level(score, sum(knowledge), len(knowledge))))
    just_levels = [level for _, level in levels]
    assessment = Assessment(
        framework_version=version,
        kind=AssessmentKind.QUICK if quick else AssessmentKind.FULL,
        completed_at=completed_at,
        ward=ward,
        overall_level=overall_level(just_levels),
        is_ai_ready=is_ai_ready(just_levels),
        is_demo=True,
    )
    return assessment, levels
