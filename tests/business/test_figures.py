"""The business figures: protected counts from crafted rows, the grouped queries over
checks (each organisation once, by its latest check), their cache, and the OKR metrics."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from business.figures import (
    CACHE_KEY,
    build_figures,
    business_figures,
    compute_figures,
    latest_checks,
    localised,
)
from business.metrics import business_metrics, check_counts
from business.models import BusinessCheck, Dimension, DimensionTranslation, NationalReference
from business.tasks import refresh_figures
from portal.accounts.factories import OrganisationFactory
from skills.dashboard_figures import is_fresh
from skills.okrs.metrics import collect_metrics
from tests.business.factories import BusinessCheckFactory

NOW = timezone.make_aware(datetime(2026, 6, 15, 12))


def at(year, month, day=10):
    return timezone.make_aware(datetime(year, month, day, 12))


def make(count, **kwargs):
    return [BusinessCheckFactory(**kwargs) for _ in range(count)]


def by(rows, key):
    return {row[key]: row for row in rows}


# Protection, from crafted grouped rows.


def test_headline_shares_come_from_the_rounded_counts():
    figures = build_figures(
        latest_rows=[("C", "0-9", True, True, 12), ("C", "0-9", False, False, 31), ("", "", True, False, 24)],
        stage_rows=[],
        quarter_rows=[],
    )
    assert figures["organisations"] == {"value": 65, "suppressed": False, "reason": None}
    assert figures["using_ai_share"] == 54  # 36 of 67, published as 35 of 65
    assert figures["ai_policy_share"] == 15  # 12 of 67, published as 10 of 65
    assert figures["national"] is None


def test_fewer_than_10_organisations_publish_no_count_and_no_share():
    figures = build_figures(latest_rows=[("C", "0-9", True, True, 9)], stage_rows=[], quarter_rows=[])
    assert figures["organisations"]["suppressed"] and figures["organisations"]["kind"] == "primary"
    assert figures["organisations"]["value"] is None
    assert figures["using_ai_share"] is None and figures["ai_policy_share"] is None


def test_a_small_sector_is_withheld_and_the_next_smallest_hidden_with_it():
    figures = build_figures(
        latest_rows=[("C", "0-9", True, False, 40), ("F", "10-49", False, False, 4), ("G", "10-49", True, False, 13)],
        stage_rows=[],
        quarter_rows=[],
    )
    sectors = by(figures["sectors"], "sector")
    assert list(sectors) == [*"ABCDEFGHIJKLMNOPQRSTU", "not-given"]
    assert sectors["F"]["organisations"]["kind"] == "primary"
    # Else the total (55) minus the published sectors would give Construction's 4 back.
    assert sectors["G"]["organisations"]["kind"] == "secondary" and sectors["G"]["using_ai_share"] is None
    assert sectors["C"]["organisations"]["value"] == 40 and sectors["C"]["using_ai_share"] == 100
    assert sectors["A"]["organisations"] == {"value": 0, "suppressed": False, "reason": None}
    assert sectors["A"]["using_ai_share"] is None
    # The size bands are a table of their own: 17 in 10 to 49 is published there.
    sizes = by(figures["sizes"], "size_band")
    assert list(sizes) == ["0-9", "10-49", "50-249", "250-plus", "not-given"]
    assert sizes["10-49"]["organisations"]["value"] == 15
    assert sizes["10-49"]["using_ai_share"] == 100  # 13 of 17, published as 15 of 15
    published = sum(row["organisations"]["value"] or 0 for row in figures["sectors"])
    assert figures["organisations"]["value"] - published >= 10


def test_a_small_size_band_is_protected_like_a_small_sector():
    figures = build_figures(
        latest_rows=[("C", "0-9", False, False, 30), ("C", "", False, False, 6), ("C", "250-plus", True, False, 11)],
        stage_rows=[],
        quarter_rows=[],
    )
    sizes = by(figures["sizes"], "size_band")
    assert sizes["not-given"]["organisations"]["kind"] == "primary"
    assert sizes["250-plus"]["organisations"]["kind"] == "secondary"
    assert sizes["0-9"]["organisations"]["value"] == 30
    # The using-AI counts are a group too: 11 using AI in one band, none in the others.
    assert sizes["0-9"]["using_ai_share"] == 0


def test_stages_in_each_dimension_are_protected_as_a_group():
    figures = build_figures(
        latest_rows=[("", "", False, False, 40)],
        stage_rows=[
            ("data", "Data", 2, 0, 22),
            ("data", "Data", 2, 1, 12),
            ("data", "Data", 2, 3, 6),
            ("current-use", "Current use", 0, 1, 40),
        ],
        quarter_rows=[],
    )
    assert [dimension["slug"] for dimension in figures["stages"]] == ["current-use", "data"]
    data = by(figures["stages"][1]["stages"], "stage")
    assert data[3]["count"]["kind"] == "primary"
    assert data[1]["count"]["kind"] == "secondary"  # the smallest other, or 40 − 22 − 0 gives the 6
    assert data[0]["count"]["value"] == 20 and data[0]["share"] == 50
    assert data[2]["count"] == {"value": 0, "suppressed": False, "reason": None}
    current = by(figures["stages"][0]["stages"], "stage")
    assert current[1]["share"] == 100 and current[0]["share"] == 0


def test_quarters_count_checks_and_protect_a_small_quarter():
    figures = build_figures(
        latest_rows=[],
        stage_rows=[],
        quarter_rows=[("2026 Q2", True, 20), ("2026 Q1", False, 30), ("2026 Q2", False, 5), ("2025 Q4", True, 3)],
    )
    quarters = by(figures["quarters"], "quarter")
    assert list(quarters) == ["2025 Q4", "2026 Q1", "2026 Q2"]
    assert quarters["2025 Q4"]["checks"]["kind"] == "primary"
    assert quarters["2026 Q2"]["checks"]["kind"] == "secondary"
    assert quarters["2026 Q1"]["checks"]["value"] == 30 and quarters["2026 Q1"]["using_ai_share"] == 0


# The grouped queries over checks.


@pytest.mark.django_db
def test_each_organisation_counts_once_by_its_latest_check():
    organisations = OrganisationFactory.create_batch(12)
    for organisation in organisations:
        BusinessCheckFactory(organisation=organisation, sector="G", completed_at=at(2025, 11))
        BusinessCheckFactory(organisation=organisation, sector="C", uses_ai=True, completed_at=at(2026, 2))
    figures = compute_figures()
    assert figures["organisations"]["value"] == 10  # 12 organisations, not 24 checks
    assert figures["using_ai_share"] == 100
    sectors = by(figures["sectors"], "sector")
    assert sectors["C"]["organisations"]["value"] == 10 and sectors["G"]["organisations"]["value"] == 0
    quarters = by(figures["quarters"], "quarter")
    assert quarters["2025 Q4"]["checks"]["value"] == quarters["2026 Q1"]["checks"]["value"] == 10


@pytest.mark.django_db
def test_checks_with_no_organisation_each_count_as_one():
    make(11, uses_ai=True, has_ai_policy=True)
    organisation = OrganisationFactory()
    make(3, organisation=organisation)
    assert latest_checks().count() == 12
    figures = compute_figures()
    assert figures["organisations"]["value"] == 10
    assert figures["ai_policy_share"] == 100  # 11 of 12 rounded: 10 of 10


@pytest.mark.django_db
def test_two_checks_at_the_same_moment_still_count_once():
    organisation = OrganisationFactory()
    first, second = make(2, organisation=organisation, completed_at=NOW)
    assert list(latest_checks()) == [max(first, second, key=lambda check: check.pk)]


@pytest.mark.django_db
def test_stages_come_from_each_organisations_latest_check():
    for organisation in OrganisationFactory.create_batch(10):
        BusinessCheckFactory(organisation=organisation, stages=[0] * 6, completed_at=at(2025, 6))
        BusinessCheckFactory(organisation=organisation, stages=[2, 1, 1, 1, 1, 1], completed_at=at(2026, 1))
    figures = compute_figures()
    assert [dimension["slug"] for dimension in figures["stages"]] == list(
        Dimension.objects.values_list("slug", flat=True)
    )
    first = by(figures["stages"][0]["stages"], "stage")
    assert first[2]["count"]["value"] == 10 and first[2]["share"] == 100
    assert first[0]["count"]["value"] == 0
    assert by(figures["stages"][1]["stages"], "stage")[1]["share"] == 100


@pytest.mark.django_db
def test_the_grouped_queries_do_not_grow_with_the_checks(django_assert_num_queries):
    make(30, sector="C")
    NationalReference.objects.create()
    with django_assert_num_queries(4):  # quarters, latest checks, stages, the national figure
        compute_figures()


@pytest.mark.django_db
def test_no_checks_need_one_query_and_show_nothing(django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = compute_figures()
    assert figures["quarters"] == [] and figures["stages"] == []
    assert figures["organisations"]["value"] == 0 and figures["national"] is None
    assert figures["includes_demo_data"] is False


@pytest.mark.django_db
def test_demo_checks_are_flagged():
    make(10)
    assert compute_figures()["includes_demo_data"] is False
    BusinessCheckFactory(is_demo=True)
    assert compute_figures()["includes_demo_data"] is True


@pytest.mark.django_db
def test_the_national_figure_is_shown_beside_with_its_source_and_a_note():
    make(10, uses_ai=True)
    NationalReference.objects.create(
        share_using_ai=Decimal("27.5"), source="ONS BICS wave 120", source_url="https://www.ons.gov.uk/",
        as_of=date(2026, 3, 1),
    )  # fmt: skip
    figures = compute_figures()
    assert figures["national"] == {
        "using_ai_share": 27.5,
        "source": "ONS BICS wave 120",
        "source_url": "https://www.ons.gov.uk/",
        "as_of": "2026-03-01",
    }
    assert "chose to take the adoption check" in localised(figures)["national"]["note"]


@pytest.mark.django_db
def test_no_national_figure_while_none_is_entered():
    make(10)
    assert compute_figures()["national"] is None
    NationalReference.load()  # the empty setting, as the admin makes it
    assert localised(compute_figures())["national"] is None


@pytest.mark.django_db
def test_names_are_added_in_the_readers_language():
    make(10, sector="C", size_band="")
    figures = compute_figures()
    dimension = Dimension.objects.get(slug="data")
    DimensionTranslation.objects.create(dimension=dimension, language="pl", name="Dane")
    english = localised(figures, "en-gb")
    polish = localised(figures, "pl")
    assert by(english["stages"], "slug")["data"]["name"] == dimension.name
    assert by(polish["stages"], "slug")["data"]["name"] == "Dane"
    assert by(polish["stages"], "slug")["people"]["name"] == "People and skills"  # no translation: the English
    stages = [stage["name"] for stage in english["stages"][0]["stages"]]
    assert stages == ["Not started", "Exploring", "Using", "Embedding"]
    assert by(english["sectors"], "sector")["C"]["name"] == "Manufacturing"
    assert by(english["sizes"], "size_band")["not-given"]["name"] == "Size not given"
    assert by(english["sectors"], "sector")["not-given"]["name"] == "Sector not given"
    assert "name" not in figures["sectors"][0]  # the cached figures stay language-neutral


# The cache.


@pytest.mark.django_db
def test_figures_are_cached_and_retired_when_a_check_is_saved_or_deleted(django_assert_num_queries):
    from django.core.cache import cache

    make(10)
    assert business_figures()["organisations"]["value"] == 10
    with django_assert_num_queries(0):
        business_figures()
    check = BusinessCheckFactory()
    assert not is_fresh(cache.get(CACHE_KEY))
    assert business_figures()["organisations"]["value"] == 10  # 11, rounded
    make(2)
    assert business_figures()["organisations"]["value"] == 15
    check.delete()
    assert not is_fresh(cache.get(CACHE_KEY))
    assert business_figures()["organisations"]["value"] == 10


@pytest.mark.django_db
def test_the_background_task_refreshes_the_cached_figures():
    from django.core.cache import cache

    make(10)
    refresh_figures.enqueue()
    entry = cache.get(CACHE_KEY)
    assert is_fresh(entry) and entry["value"]["organisations"]["value"] == 10


@pytest.mark.django_db
def test_editing_the_national_figure_retires_the_cached_figures():
    make(10)
    assert business_figures()["national"] is None
    reference = NationalReference.load()
    reference.share_using_ai, reference.source, reference.as_of = Decimal("30"), "ONS", date(2026, 1, 1)
    reference.save()
    assert business_figures()["national"]["using_ai_share"] == 30.0


# OKR metrics.


def test_every_business_metric_is_provided():
    keys = {
        "businesses_checked",
        "businesses_using_ai_share",
        "businesses_ai_policy_share",
        "businesses_moved_up_stage",
    }
    assert keys <= set(collect_metrics())


@pytest.mark.django_db
def test_metrics_count_latest_checks_up_to_the_moment_measured():
    organisations = OrganisationFactory.create_batch(10)
    for organisation in organisations:
        BusinessCheckFactory(organisation=organisation, uses_ai=True, has_ai_policy=True, completed_at=at(2026, 1))
        # After the moment measured: not yet taken then.
        BusinessCheckFactory(organisation=organisation, completed_at=at(2026, 9))
    make(2, completed_at=at(2026, 2))
    make(5, completed_at=at(2026, 8))
    metrics = business_metrics()
    assert metrics["businesses_checked"](NOW) == 10  # 12 organisations
    assert metrics["businesses_using_ai_share"](NOW) == 100  # 10 of 12, published as 10 of 10
    assert metrics["businesses_ai_policy_share"](NOW) == 100
    later = timezone.make_aware(datetime(2026, 12, 1))
    assert metrics["businesses_checked"](later) == 15  # 17 organisations
    assert metrics["businesses_using_ai_share"](later) == 0  # every organisation's latest check says no


@pytest.mark.django_db
def test_fewer_than_10_organisations_give_no_metric_values():
    make(9, uses_ai=True, completed_at=at(2026, 1))
    metrics = business_metrics()
    assert [metric(NOW) for metric in metrics.values()] == [None, None, None, 0]  # a zero names nobody
    assert metrics["businesses_checked"](at(2020, 1)) == 0


@pytest.mark.django_db
def test_the_four_metrics_share_one_query_per_moment(django_assert_num_queries):
    make(12)
    metrics = business_metrics()
    with django_assert_num_queries(1):
        for metric in metrics.values():
            metric(NOW)
    with django_assert_num_queries(1):
        for metric in metrics.values():
            metric(NOW - timedelta(days=30))


def moved(earlier_stage, latest_stage, days_between, organisation=None):
    """An organisation with an earlier check and its latest `days_between` later, at NOW."""
    organisation = organisation or OrganisationFactory()
    BusinessCheckFactory(
        organisation=organisation, overall_stage=earlier_stage, completed_at=NOW - timedelta(days=days_between)
    )
    BusinessCheckFactory(organisation=organisation, overall_stage=latest_stage, completed_at=NOW)
    return organisation


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("earlier_stage", "latest_stage", "between", "counted"),
    [
        (0, 1, timedelta(days=30), True),
        (1, 3, timedelta(days=365), True),  # exactly a year before: within it
        (1, 2, timedelta(days=365, seconds=1), False),  # a second more: too long ago
        (2, 2, timedelta(days=30), False),  # the same stage
        (3, 1, timedelta(days=30), False),  # down a stage
    ],
)
def test_moved_up_a_stage_within_a_year(earlier_stage, latest_stage, between, counted):
    organisation = OrganisationFactory()
    BusinessCheckFactory(organisation=organisation, overall_stage=earlier_stage, completed_at=NOW - between)
    BusinessCheckFactory(organisation=organisation, overall_stage=latest_stage, completed_at=NOW)
    assert check_counts(NOW)["moved_up"] == (1 if counted else 0)


@pytest.mark.django_db
def test_moved_up_compares_the_latest_check_with_any_earlier_one_in_the_year_before_it():
    organisation = OrganisationFactory()
    for days, stage in ((400, 0), (200, 1), (100, 2), (0, 2)):
        BusinessCheckFactory(organisation=organisation, overall_stage=stage, completed_at=NOW - timedelta(days=days))
    assert check_counts(NOW)["moved_up"] == 1  # up from 1, 200 days before
    # Measured 150 days ago, the latest was at stage 1, and the check at stage 0 is 200 days before it.
    assert check_counts(NOW - timedelta(days=150))["moved_up"] == 1
    assert check_counts(NOW - timedelta(days=300))["moved_up"] == 0  # one check by then
    # Down again by the moment measured: no longer counted.
    BusinessCheckFactory(organisation=organisation, overall_stage=0, completed_at=NOW + timedelta(days=1))
    assert check_counts(NOW + timedelta(days=2))["moved_up"] == 0
    assert check_counts(NOW)["moved_up"] == 1


@pytest.mark.django_db
def test_checks_with_no_organisation_never_move_up():
    BusinessCheckFactory(overall_stage=0, completed_at=NOW - timedelta(days=10))
    BusinessCheckFactory(overall_stage=3, completed_at=NOW)
    assert check_counts(NOW) == {"organisations": 2, "using_ai": 0, "with_policy": 0, "moved_up": 0}


@pytest.mark.django_db
def test_moved_up_is_published_as_a_rounded_count():
    for _ in range(12):
        moved(0, 1, 60)
    moved(2, 1, 60)
    metrics = business_metrics()
    assert metrics["businesses_moved_up_stage"](NOW) == 10
    assert metrics["businesses_checked"](NOW) == 15  # 13 organisations
    assert BusinessCheck.objects.count() == 26
