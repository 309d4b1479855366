"""load_demo translates the framework from skills/demo_translations/<language>.json (here a
tiny crafted mapping, never the real files) and publishes the bank with the translations."""

import io
import json

import pytest

from skills.demo import build_demo_translations, load_translation_files
from skills.models import (
    Area,
    AreaLevelDescription,
    AreaTranslation,
    FrameworkVersion,
    Level,
    LevelTranslation,
    Question,
    QuestionKind,
    QuestionTranslation,
    Resource,
    ResourceTranslation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(tmp_path):
    """Polish for a few texts of each kind, and a Bengali file cut off half-way through writing."""
    question = Question.objects.filter(kind=QuestionKind.KNOWLEDGE).order_by("pk").first()
    option = question.options.order_by("sort_order", "pk").first()
    described = AreaLevelDescription.objects.get(area__slug="staying-safe", level=2)
    resource = Resource.objects.create(
        title="Spotting scams", url="https://example.org/", description="Learn the signs.", area=described.area
    )
    polish = {
        "Staying safe": "Bezpieczeństwo",
        described.description: "Wiesz, czego nie wklejać do czatbota.",
        Level.objects.get(number=2).name: "Pewny użytkownik",
        question.text: "Pytanie po polsku?",
        option.text: "Odpowiedź",
        "Spotting scams": "Jak rozpoznać oszustwo",
        "A text nobody wrote": "Nieużywane",
    }
    (tmp_path / "pl.json").write_text(json.dumps(polish, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "bn.json").write_text('{"Staying safe": "নিরাপদ', encoding="utf-8")
    return {"dir": tmp_path, "question": question, "option": option, "described": described, "resource": resource}


def test_only_whole_files_are_read(files):
    out = io.StringIO()
    mappings = load_translation_files(files["dir"], out)
    assert list(mappings) == ["pl"]
    assert "bn.json left out" in out.getvalue()


def test_each_text_with_an_entry_is_translated_and_the_bank_published_with_them(files):
    out = io.StringIO()
    build_demo_translations(out, files["dir"])

    area = AreaTranslation.objects.get(area__slug="staying-safe", language="pl")
    assert (area.name, area.description) == ("Bezpieczeństwo", "")  # no entry for the description
    assert area.level_descriptions == {"2": "Wiesz, czego nie wklejać do czatbota."}
    assert LevelTranslation.objects.get(level__number=2, language="pl").name == "Pewny użytkownik"
    question = QuestionTranslation.objects.get(question=files["question"], language="pl")
    assert question.text == "Pytanie po polsku?" and question.options == {str(files["option"].pk): "Odpowiedź"}
    assert ResourceTranslation.objects.get(resource=files["resource"]).title == "Jak rozpoznać oszustwo"
    # Only what has an entry: one row per object translated, none for the rest.
    assert AreaTranslation.objects.count() == 1 and LevelTranslation.objects.count() == 1
    assert QuestionTranslation.objects.count() == 1
    assert all(
        not translation.out_of_date()
        for translation in [area, question, *LevelTranslation.objects.all(), *ResourceTranslation.objects.all()]
    )

    latest = FrameworkVersion.objects.order_by("-number").first()
    assert latest.number == 2 and latest.notes == "Demo translations"
    polish = latest.bank["translations"]["pl"]
    assert polish["areas"] == {"staying-safe": {"name": "Bezpieczeństwo"}}
    assert polish["questions"][str(files["question"].pk)] == {
        "text": "Pytanie po polsku?",
        "options": {str(files["option"].pk): "Odpowiedź"},
    }
    assert "version 2" in out.getvalue()


def test_running_it_again_changes_nothing(files):
    build_demo_translations(io.StringIO(), files["dir"])
    rows = [(model, list(model.objects.values())) for model in (AreaTranslation, QuestionTranslation)]

    out = io.StringIO()
    build_demo_translations(out, files["dir"])

    assert [(model, list(model.objects.values())) for model, _ in rows] == rows
    assert FrameworkVersion.objects.count() == 2
    assert "0 translations added or updated" in out.getvalue()


def test_no_files_no_translations_and_no_new_version(tmp_path):
    build_demo_translations(io.StringIO(), tmp_path)
    assert not AreaTranslation.objects.exists()
    assert FrameworkVersion.objects.count() == 1
    assert Area.objects.count() == 6
