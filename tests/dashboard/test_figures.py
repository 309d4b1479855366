"""The grouped queries and the published figures built from them."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from portal.accounts.models import Ward
from skills.dashboard import build_figures
from skills.dashboard_figures import Filters, compute_figures, town_figures
from skills.factories import AssessmentFactory

READY = [2, 2, 2, 2, 2, 2]
EXPLORER = [1, 1, 2, 1, 1, 1]
STARTING = [0, 1, 1, 1, 1, 1]
LEVEL_NAMES = {0: "Starting out", 1: "Explorer", 2: "Confident user", 3: "Champion"}


def make(count, levels, **kwargs):
    for _ in range(count):
        AssessmentFactory(levels=levels, **kwargs)


def wards_rows():
    return [
        {"id": 1, "slug": "poets", "name": "Poets", "is_outside_luton": False, "adult_population": 6000,
         "population_source": "test", "population_year": 2021},
        {"id": 2, "slug": "saints", "name": "Saints", "is_outside_luton": False, "adult_population": 9000,
         "population_source": "test", "population_year": 2021},
    ]  # fmt: skip


def test_build_figures_protects_every_table():
    figures = build_figures(
        level_rows=[(1, 2, True, 3), (2, 1, False, 30), (2, 2, True, 22), (None, 2, True, 12)],
        quarter_rows=[("2026 Q1", True, 25), ("2026 Q2", False, 42)],
        area_rows=[(7, 1, 40), (7, 2, 27)],
        wards=wards_rows(),
        areas=[{"id": 7, "slug": "staying-safe", "name": "Staying safe"}],
        level_names=LEVEL_NAMES,
    )
    assert figures["participants"] == {"value": 65, "suppressed": False, "reason": None}
    assert figures["ai_ready_share"] == 54  # 37 of 67, published as 35 of 65
    poets = next(row for row in figures["wards"] if row["slug"] == "poets")
    assert poets["participants"]["suppressed"] and poets["ai_ready_share"] is None
    not_given = next(row for row in figures["wards"] if row["slug"] == "not-given")
    assert not_given["participants"]["reason"] == "hidden to protect another cell"
    saints = next(row for row in figures["wards"] if row["slug"] == "saints")
    assert saints["participants"]["value"] == 50
    assert saints["ai_ready_share"] == 40  # 22 of 52, published as 20 of 50
    assert saints["gap"] == -14
    # Empty levels are published as 0: they name nobody.
    assert [level["count"]["value"] for level in figures["levels"]] == [0, 30, 35, 0]
    assert figures["areas"][0]["levels"][2]["share"] == 38  # 25 of 65
    assert [quarter["quarter"] for quarter in figures["quarters"]] == ["2026 Q1", "2026 Q2"]
    assert figures["quarters"][1]["ai_ready_share"] == 0
    # Saints is the only ward with 10 or more participants, so the estimate is its rate.
    assert figures["weighted_ai_ready_share"] == 42
    assert figures["weighted_coverage"] == 60


@pytest.mark.django_db
def test_compute_figures_counts_in_the_database_with_filters():
    poets = Ward.objects.get(slug="poets")
    make(12, READY, ward=poets, age_band="18-24")
    make(11, EXPLORER, ward=poets, age_band="50-64")
    old = timezone.now() - timedelta(days=400)
    make(10, STARTING, completed_at=old)

    figures = compute_figures(Filters())
    assert figures["participants"]["value"] == 35  # 33 rounded
    assert figures["ai_ready_share"] == 29  # 12 of 33, published as 10 of 35
    assert [level["count"]["value"] for level in figures["levels"]] == [10, 10, 10, 0]

    young = compute_figures(Filters(age_band="18-24"))
    assert young["participants"]["value"] == 10
    assert young["ai_ready_share"] == 100.0

    recent = compute_figures(Filters(start=date.today() - timedelta(days=30)))
    assert recent["participants"]["value"] == 25
    assert len(recent["quarters"]) in (1, 2)  # a quarter may have begun within the month

    ward = compute_figures(Filters(ward="poets"))
    assert ward["participants"]["value"] == 25
    area = ward["areas"][2]
    assert [level["count"]["value"] for level in area["levels"]] == [0, 0, 25, 0]


@pytest.mark.django_db
def test_figures_are_cached_until_an_assessment_is_saved(django_assert_num_queries):
    make(10, READY)
    first = town_figures()
    with django_assert_num_queries(0):
        assert town_figures() == first
    AssessmentFactory(levels=READY)
    assert town_figures()["participants"]["value"] == 10  # 11 rounded, but recomputed
    with django_assert_num_queries(2):  # the wards, areas and levels are kept
        town_figures(Filters(status="student"))


@pytest.mark.django_db
def test_editing_a_ward_forgets_the_kept_reference_data(django_assert_num_queries):
    make(10, READY)
    town_figures()
    saints = Ward.objects.get(slug="saints")
    saints.name = "Saints and Sundon"
    saints.save()
    with django_assert_num_queries(5):
        figures = town_figures()
    assert "Saints and Sundon" in [ward["name"] for ward in figures["wards"]]


def test_a_ward_whose_ready_count_would_give_away_a_small_ward_is_hidden_too():
    # Town AI-ready 25 is published; Saints' 22 would leave Poets' 3 by subtraction.
    figures = build_figures(
        level_rows=[(1, 2, True, 3), (2, 2, True, 22), (2, 1, False, 30), (None, 1, False, 12)],
        quarter_rows=[],
        area_rows=[],
        wards=wards_rows(),
        areas=[],
        level_names=LEVEL_NAMES,
    )
    saints = next(row for row in figures["wards"] if row["slug"] == "saints")
    assert saints["participants"]["value"] == 50
    assert saints["ai_ready_share"] is None


DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.mark.django_db
def test_with_a_worker_readers_get_the_last_figures_while_new_ones_are_computed(
    settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from django_tasks import task_backends

    from skills.okrs.tasks import refresh_figures

    make(10, READY)
    assert town_figures()["participants"]["value"] == 10
    settings.TASKS = DUMMY_TASKS  # a worker's queue: django-tasks resets its backends on the change
    backend = task_backends["default"]
    make(3, READY)
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(0):
        assert town_figures()["participants"]["value"] == 10  # the last figures, at once
    assert [result.args for result in backend.results] == [[Filters().as_json()]]
    with django_capture_on_commit_callbacks(execute=True):
        town_figures()
    assert len(backend.results) == 1, "one refresh at a time"
    refresh_figures.call(Filters().as_json())
    assert town_figures()["participants"]["value"] == 15


def test_filters_survive_the_trip_through_a_task():
    filters = Filters(start=date(2026, 1, 1), end=date(2026, 3, 31), age_band="18-24", status="student", ward="poets")
    assert Filters.from_json(filters.as_json()) == filters


def test_a_withheld_champion_count_cannot_be_had_from_ai_ready_minus_confident_users():
    # 4 champions; AI-ready (levels 2 and 3) is 44 and published, so level 2 must be withheld too.
    figures = build_figures(
        level_rows=[(2, 0, False, 30), (2, 1, False, 30), (2, 2, True, 40), (2, 3, True, 4)],
        quarter_rows=[("2026 Q1", True, 44), ("2026 Q1", False, 60)],
        area_rows=[],
        wards=wards_rows(),
        areas=[],
        level_names=LEVEL_NAMES,
    )
    levels = {level["level"]: level["count"] for level in figures["levels"]}
    assert figures["ai_ready"]["value"] == 45
    assert levels[3]["suppressed"] and levels[2]["suppressed"]
    assert levels[2]["reason"] == "hidden to protect another cell"
    # What is still published cannot be combined into a single withheld cell.
    assert not levels[0]["suppressed"] or not levels[1]["suppressed"]


@pytest.mark.django_db
def test_a_wards_page_protects_its_champions_from_the_same_subtraction():
    saints = Ward.objects.get(slug="saints")
    make(20, EXPLORER, ward=saints)
    make(15, READY, ward=saints)
    make(3, [3, 3, 3, 3, 3, 3], ward=saints)
    levels = {level["level"]: level["count"] for level in compute_figures(Filters(ward="saints"))["levels"]}
    assert levels[3]["suppressed"] and levels[2]["suppressed"]
