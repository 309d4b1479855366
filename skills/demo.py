"""Demo data for the skills app: about 600 synthetic assessments over the last 18 months,
across every ward, flagged `is_demo` so they are labelled as demo data in the admin; two
results for the demo resident; starter resources; and translations of the framework from
skills/demo_translations/, published with the question bank. Running it twice adds nothing."""

import datetime
import json
import random
from functools import partial
from pathlib import Path

from django.utils import timezone

from portal.accounts.models import User, Ward

from .models import (
    AgeBand,
    Area,
    AreaResult,
    AreaTranslation,
    Assessment,
    AssessmentKind,
    FrameworkVersion,
    Level,
    LevelTranslation,
    Question,
    QuestionTranslation,
    Resource,
    ResourceTranslation,
    Status,
    translation_languages,
)
from .publishing import BankNotReady, publish_question_bank
from .scoring import area_level, area_score, is_ai_ready, overall_level
from .translations import translation_of

DEMO_ASSESSMENTS = 600
DAYS = 548  # 18 months
# The language people take the check in: mostly English, then the town's largest other
# communities (per cent).
LANGUAGE_SPREAD = {"en-gb": 78, "pl": 8, "ur": 6, "bn": 4, "ro": 4}
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


TRANSLATIONS_DIR = Path(__file__).resolve().parent / "demo_translations"


def build(stdout, translations_dir: Path = TRANSLATIONS_DIR) -> None:
    build_resources()
    build_demo_translations(stdout, translations_dir)
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
    assessment.language = demo_language(rng)
    return assessment, levels


def demo_language(rng) -> str:
    return rng.choices(list(LANGUAGE_SPREAD), weights=list(LANGUAGE_SPREAD.values()))[0]


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


# Demo translations: <language>.json in TRANSLATIONS_DIR maps the English of each text in
# the framework to its translation.


def build_demo_translations(stdout, directory: Path = TRANSLATIONS_DIR) -> None:
    """Translate the framework from the demo files there are, then publish the question bank
    so the latest version carries the translations."""
    mappings = load_translation_files(directory, stdout)
    if not mappings:
        return
    changed = build_translations(mappings)
    try:
        version = publish_question_bank(notes="Demo translations")
    except BankNotReady as not_ready:
        stdout.write(f"Skills: translations not published: {not_ready}")
        return
    stdout.write(
        f"Skills: {changed} translations added or updated ({', '.join(sorted(mappings))}); "
        f"question bank version {version.number}."
    )


def load_translation_files(directory: Path, stdout=None) -> dict[str, dict[str, str]]:
    """{language: {English: translation}} from each <language>.json there is; a file that is
    missing, unreadable or not a JSON object is left out (and said so when it exists)."""
    mappings = {}
    for language, _name in translation_languages():
        path = Path(directory) / f"{language}.json"
        if not path.exists():
            continue
        try:
            mapping = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            mapping = error
        if not isinstance(mapping, dict):
            if stdout:
                stdout.write(f"Skills: {path.name} left out: not a JSON object of texts ({mapping}).")
            continue
        texts = {english: text for english, text in mapping.items() if isinstance(text, str) and text.strip()}
        if texts:
            mappings[language] = texts
    return mappings


def build_translations(mappings: dict[str, dict[str, str]]) -> int:
    """Make or update the translation rows from {language: {English: translation}}, looking
    up each English text (a text with no entry stays untranslated). Returns how many rows
    were added or changed: none when run again."""
    areas = list(Area.objects.prefetch_related("level_descriptions", "translations"))
    levels = list(Level.objects.prefetch_related("translations"))
    questions = list(Question.objects.prefetch_related("options", "translations"))
    resources = list(Resource.objects.prefetch_related("translations"))
    changed = 0
    for language, mapping in mappings.items():
        look_up = partial(translated_text, mapping)
        for area in areas:
            descriptions = {str(item.level): look_up(item.description) for item in area.level_descriptions.all()}
            changed += save_translation(
                AreaTranslation, area, language, ("name", "description"), look_up, {"level_descriptions": descriptions}
            )
        for level in levels:
            changed += save_translation(LevelTranslation, level, language, ("name", "description"), look_up)
        for question in questions:
            answers = {str(option.pk): look_up(option.text) for option in question.options.all()}
            changed += save_translation(
                QuestionTranslation, question, language, ("text", "hint", "explanation"), look_up, {"options": answers}
            )
        for resource in resources:
            changed += save_translation(ResourceTranslation, resource, language, ("title", "description"), look_up)
    return changed


def translated_text(mapping: dict[str, str], english: str) -> str:
    """The translation of `english` in the mapping, or "" (nothing to translate, or no entry)."""
    if not english.strip():
        return ""
    return mapping.get(english) or mapping.get(english.strip()) or ""


def save_translation(model, original, language, fields, look_up, groups=None) -> bool:
    """Set the texts that have a translation on `original`'s translation into `language`
    (made if need be); True when anything changed."""
    texts = {field: look_up(getattr(original, field)) for field in fields}
    texts = {field: text for field, text in texts.items() if text and fits(model, field, text)}
    groups = {group: {key: text for key, text in entries.items() if text} for group, entries in (groups or {}).items()}
    groups = {group: entries for group, entries in groups.items() if entries}
    if not texts and not groups:
        return False
    translation = translation_of(original, language)
    if translation is None:
        parent = original._meta.get_field("translations").field.name
        translation = model(**{parent: original}, language=language)
    changed = translation.pk is None
    for field, text in texts.items():
        if getattr(translation, field) != text:
            setattr(translation, field, text)
            changed = True
    for group, entries in groups.items():
        merged = {**(getattr(translation, group) or {}), **entries}
        if merged != getattr(translation, group):
            setattr(translation, group, merged)
            changed = True
    if changed:
        translation.save()
    return changed


def fits(model, field: str, text: str) -> bool:
    max_length = model._meta.get_field(field).max_length
    return max_length is None or len(text) <= max_length
