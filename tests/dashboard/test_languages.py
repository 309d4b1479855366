"""Participants by the language they took the skills check in: protected like every other
breakdown, on the dashboard page and in the open data, and an OKR metric of its own."""

import csv
import io
import json
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from skills.dashboard import build_figures
from skills.dashboard_figures import Filters, compute_figures, dashboard_metrics
from skills.factories import AssessmentFactory
from skills.models import Assessment
from skills.okrs.models import KeyResult, Metric

READY = [2, 2, 2, 2, 2, 2]
EXPLORER = [1, 1, 2, 1, 1, 1]


def crafted(language_rows):
    participants = sum(count for _code, count in language_rows)
    return build_figures(
        level_rows=[(None, 1, False, participants)],
        quarter_rows=[("2026 Q1", False, participants)],
        area_rows=[],
        wards=[],
        areas=[],
        level_names={0: "Starting out", 1: "Explorer", 2: "Confident user", 3: "Champion"},
        language_rows=language_rows,
        languages=settings.LANGUAGES,
    )


def by_code(figures) -> dict:
    return {row["language"]: row for row in figures["languages"]}


def test_every_language_has_a_row_named_in_itself():
    rows = by_code(crafted([("en-gb", 80), ("pl", 22)]))
    assert list(rows) == [code for code, _name in settings.LANGUAGES]
    assert rows["ur"]["name"] == "اردو" and rows["pl"]["name"] == "Polski"
    assert rows["en-gb"]["participants"] == {"value": 80, "suppressed": False, "reason": None}
    assert (rows["pl"]["participants"]["value"], rows["pl"]["share"]) == (20, 20)  # 20 of 100 once rounded
    assert rows["ro"]["participants"]["value"] == 0  # nobody: names nobody, so it is published


def test_a_small_language_is_suppressed_and_the_next_smallest_hidden_with_it():
    # 7 took it in Bengali: withheld, and Urdu (12) too, or the town total minus the others gives 7.
    rows = by_code(crafted([("en-gb", 150), ("pl", 30), ("ur", 12), ("bn", 7)]))
    assert rows["bn"]["participants"] == {
        "value": None,
        "suppressed": True,
        "reason": "fewer than 10 people",
        "kind": "primary",
    }
    assert rows["ur"]["participants"]["kind"] == "secondary" and rows["ur"]["share"] is None
    assert rows["pl"]["participants"]["value"] == 30 and rows["en-gb"]["share"] == 75


def test_a_language_count_that_another_date_range_would_give_away_is_withheld():
    figures = build_figures(
        level_rows=[(None, 1, False, 60)],
        quarter_rows=[],
        area_rows=[],
        wards=[],
        areas=[],
        level_names={1: "Explorer"},
        withheld={("language", "pl")},
        language_rows=[("en-gb", 40), ("pl", 20)],
        languages=settings.LANGUAGES,
    )
    rows = by_code(figures)
    assert rows["pl"]["participants"]["kind"] == "difference"
    assert rows["en-gb"]["participants"]["suppressed"]  # hidden with it, or 60 − 40 gives it back


@pytest.mark.django_db
def test_compute_figures_counts_each_language_in_the_chosen_quarters():
    for _ in range(12):
        AssessmentFactory(levels=READY, language="ur")
    for _ in range(20):
        AssessmentFactory(levels=EXPLORER)
    for _ in range(3):
        AssessmentFactory(levels=EXPLORER, language="pl")

    rows = by_code(compute_figures(Filters()))

    assert rows["pl"]["participants"]["kind"] == "primary"
    assert rows["ur"]["participants"]["kind"] == "secondary"  # protects Polish's three
    assert rows["en-gb"]["participants"]["value"] == 20
    assert rows["en-gb"]["share"] == 57  # 20 of 35 once rounded


@pytest.fixture
def town(db):
    for _ in range(30):
        AssessmentFactory(levels=READY)
    for _ in range(15):
        AssessmentFactory(levels=EXPLORER, language="ur")
    for _ in range(12):
        AssessmentFactory(levels=EXPLORER, language="bn")


def test_the_dashboard_shows_a_table_of_languages_each_in_its_own_language(client, town):
    html = client.get("/skills/dashboard/").text
    assert "Participants by the language they took the skills check in" in html
    assert '<span lang="ur" dir="rtl">اردو</span>' in html
    assert '<span lang="en-GB" dir="ltr">English</span>' in html


def test_the_open_data_has_the_languages(client, town):
    text = client.get("/skills/dashboard.csv").content.decode()
    rows = list(csv.reader(io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))))
    assert ["language", "ur", "", "participants", "15", "false"] in rows
    assert ["language", "bn", "", "share_percent", "18", "false"] in rows  # 10 of 55 once rounded
    data = json.loads(client.get("/skills/dashboard.json").content)
    assert {key: value for key, value in data["figures"]["languages"][3].items() if key != "participants"} == {
        "language": "ur",
        "name": "اردو",
        "share": 27,
    }
    assert "languages" in data["fields"]


@pytest.mark.django_db
def test_the_metric_counts_assessments_taken_in_another_language_protected_like_every_count():
    now = timezone.now() + timedelta(minutes=1)
    for language in ["pl"] * 6 + ["ur"] * 6:
        AssessmentFactory(levels=READY, language=language)
    for _ in range(4):
        AssessmentFactory(levels=READY, language="ro", completed_at=now - timedelta(days=40))
    AssessmentFactory(levels=READY)

    metric = dashboard_metrics()["assessments_in_other_languages"]

    assert metric(now) == 15  # 16, rounded to the nearest 5
    assert metric(now - timedelta(days=30)) is None  # 4 people: withheld


@pytest.mark.django_db
def test_demo_assessments_are_mostly_in_english_with_the_towns_other_languages():
    from skills.demo import build

    build(StringIO())
    demo = Assessment.objects.filter(is_demo=True)
    shares = {code: demo.filter(language=code).count() / demo.count() for code, _name in settings.LANGUAGES}
    assert 0.72 <= shares["en-gb"] <= 0.84
    assert all(shares[code] > 0.01 for code in ("pl", "ro", "ur", "bn"))


@pytest.mark.django_db
def test_load_demo_adds_the_language_key_result_once():
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())

    [key_result] = KeyResult.objects.filter(metric=Metric.ASSESSMENTS_IN_OTHER_LANGUAGES)
    assert key_result.objective.title == "Everyone in Luton has a level of AI skills"
    assert key_result.snapshots.exclude(value=None).exists()
    synthetic = Assessment.objects.filter(is_demo=True).exclude(language=settings.LANGUAGE_CODE).count()
    assert 0.15 <= synthetic / Assessment.objects.count() <= 0.3
