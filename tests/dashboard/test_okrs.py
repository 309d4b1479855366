"""OKR progress maths, metrics against crafted data, snapshots and the demo."""

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail import hooks

from events.workshops import compute_figures as compute_workshop_figures
from portal.accounts.factories import UserFactory
from portal.accounts.models import Ward
from skills.dashboard_figures import dashboard_metrics
from skills.factories import AssessmentFactory
from skills.models import Area, CreatorAward
from skills.okrs.metrics import collect_metrics, measure
from skills.okrs.models import KeyResult, KeyResultSnapshot, Metric, Objective
from skills.okrs.progress import objective_score, progress
from skills.okrs.snapshots import build_summary, record_snapshots

READY = [2, 2, 2, 2, 2, 2]
EXPLORER = [1, 1, 2, 1, 1, 1]
STARTING = [0, 1, 1, 1, 1, 1]


@pytest.mark.parametrize(
    ("current", "baseline", "target", "expected"),
    [
        (30, 20, 50, 0.33),
        (20, 20, 50, 0.0),
        (50, 20, 50, 1.0),
        (80, 20, 50, 1.0),  # beyond the target: clamped
        (10, 20, 50, 0.0),  # below the baseline: clamped
        (14, 20, 10, 0.6),  # a target below the baseline (a number to bring down)
        (25, 20, 10, 0.0),
        (None, 20, 50, None),  # metric not available
        (5, 5, 5, 1.0),
    ],
)
def test_progress(current, baseline, target, expected):
    assert progress(current, baseline, target) == expected


@pytest.mark.parametrize(
    "value, unit, shown",
    [(1, "people", "1 person"), (2, "people", "2 people"), (1, "projects", "1 project"),
     (1, "businesses", "1 business"), (1250, "people", "1,250 people"), (12.5, "%", "12.5%"),
     (None, "people", "not available")],
)  # fmt: skip
def test_key_result_values_read_naturally(value, unit, shown):
    from skills.okrs.templatetags.dashboard_tags import measured

    assert measured(value, unit) == shown


def test_objective_score_ignores_missing_values():
    assert objective_score([0.5, None, 0.9]) == 0.7
    assert objective_score([None]) is None
    assert objective_score([]) is None


@pytest.mark.django_db
def test_dashboard_metrics_against_crafted_data():
    now = timezone.now() + timedelta(minutes=1)  # after the assessments made below
    saints, poets, farley = (Ward.objects.get(slug=slug) for slug in ("saints", "poets", "farley"))
    for _ in range(10):
        AssessmentFactory(levels=READY, ward=saints)
    for _ in range(10):
        AssessmentFactory(levels=EXPLORER, ward=poets)
    for _ in range(10):
        AssessmentFactory(levels=[2, 2, 2, 2, 2, 1] if _ < 4 else READY, ward=farley)
    for _ in range(5):
        AssessmentFactory(levels=STARTING, ward=farley, completed_at=now - timedelta(days=40))
    metrics = dashboard_metrics()
    people_assessed, ai_ready_share = metrics["people_assessed"], metrics["ai_ready_share"]
    level_one_all_areas_share, wards_within_10_points = (
        metrics["level_one_all_areas_share"],
        metrics["wards_within_10_points"],
    )
    creators = metrics["creators"]
    # AI-ready: Saints 10, Farley 6, so 16 of 35, published as 15 of 35: 43 %.
    assert people_assessed(now) == 35
    assert people_assessed(now - timedelta(days=30)) is None  # 5 people: withheld like every public count
    assert ai_ready_share(now) == 43
    assert ai_ready_share(now - timedelta(days=30)) is None  # 5 people: too few to publish a rate
    assert level_one_all_areas_share(now) == 86  # 30 of 35
    # Saints 100 %, Poets 0 %, Farley 6 of 15 = 40 %: only Farley is within 10 points.
    assert wards_within_10_points(now) == 1
    assert wards_within_10_points(now - timedelta(days=365)) is None

    area = Area.objects.first()
    maker = UserFactory()
    CreatorAward.objects.create(user=maker, area=area)
    CreatorAward.objects.create(user=maker, area=Area.objects.last())
    CreatorAward.objects.create(user=UserFactory(), area=area, awarded_at=now - timedelta(days=90))
    assert creators(now) is None  # 2 people: too few to publish
    assert creators(now - timedelta(days=30)) is None


@pytest.fixture
def objective(db):
    objective = Objective.objects.create(title="Everyone has a level of AI skills", period="2025 to 2030")
    KeyResult.objects.create(
        objective=objective,
        title="People assessed",
        metric=Metric.PEOPLE_ASSESSED,
        baseline=0,
        target=100,
        unit="people",
    )
    KeyResult.objects.create(
        objective=objective, title="Event attendances", metric=Metric.EVENT_ATTENDANCES, baseline=0, target=1000
    )
    KeyResult.objects.create(
        objective=objective,
        title="Business survey",
        metric=Metric.MANUAL,
        baseline=18,
        target=50,
        unit="%",
        manual_value=26,
        manual_value_date=date(2026, 3, 1),
    )
    return objective


def test_a_metric_no_app_provides_is_not_available(objective):
    metrics = collect_metrics()
    metrics.pop("event_attendances", None)
    result = objective.key_results.get(metric=Metric.EVENT_ATTENDANCES)
    assert measure(result, timezone.now(), metrics) is None


def test_manual_values_count_from_their_date(objective):
    result = objective.key_results.get(metric=Metric.MANUAL)
    assert measure(result, timezone.make_aware(datetime(2026, 4, 1)), {}) == 26
    assert measure(result, timezone.make_aware(datetime(2026, 2, 1)), {}) is None


def test_metrics_come_from_every_app_through_the_hook(objective):
    def provide():
        return {"event_attendances": lambda as_of: 250}

    with hooks.register_temporarily("okr_metrics", provide):
        summary = build_summary()
    results = {result["title"]: result for result in summary[0]["key_results"]}
    assert results["Event attendances"]["current"] == 250
    assert results["Event attendances"]["progress"] == 0.25
    assert results["Business survey"]["progress"] == 0.25


def test_snapshots_are_one_per_key_result_per_month(objective):
    for _ in range(12):
        AssessmentFactory(levels=READY)
    month = timezone.localdate().replace(day=1)
    call_command("snapshot_okrs", stdout=StringIO())
    call_command("snapshot_okrs", stdout=StringIO())
    assert KeyResultSnapshot.objects.filter(month=month).count() == 3
    assessed = KeyResultSnapshot.objects.get(month=month, key_result__metric=Metric.PEOPLE_ASSESSED)
    assert assessed.value == 10  # 12, rounded to the nearest 5 like every public count
    for _ in range(2):
        AssessmentFactory(levels=READY)
    record_snapshots()
    assessed.refresh_from_db()
    assert assessed.value == 15  # 14


def test_snapshot_for_a_past_month_measures_at_its_end(objective):
    AssessmentFactory(levels=READY, completed_at=timezone.make_aware(datetime(2026, 1, 20)))
    AssessmentFactory(levels=READY, completed_at=timezone.make_aware(datetime(2026, 2, 3)))
    call_command("snapshot_okrs", "--month", "2026-01", stdout=StringIO())
    snapshot = KeyResultSnapshot.objects.get(month=date(2026, 1, 1), key_result__metric=Metric.PEOPLE_ASSESSED)
    assert snapshot.value is None  # one person: withheld


def test_snapshot_command_explains_a_bad_month(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("snapshot_okrs", "--month", "October", stdout=StringIO())


def test_looking_at_the_okrs_in_a_new_month_records_it(objective, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        build_summary()
    assert KeyResultSnapshot.objects.filter(month=timezone.localdate().replace(day=1)).count() == 3


def test_dashboard_shows_scores_and_trends(client, objective, monkeypatch):
    from skills.okrs import snapshots

    # As if no installed app provided event attendances.
    monkeypatch.setattr(snapshots, "collect_metrics", lambda: dashboard_metrics())
    for _ in range(30):
        AssessmentFactory(levels=READY)
    record_snapshots(date(2026, 1, 1))
    record_snapshots()
    html = client.get("/skills/dashboard/").content.decode()
    assert "Objectives and key results" in html
    assert "0.30" in html  # 30 of 100 people assessed
    assert "not available" in html  # event attendances, when no app provides them
    assert "Trend: People assessed" in html


def test_home_page_shows_headline_figures_and_objective_scores(client, home_page, objective):
    for _ in range(12):
        AssessmentFactory(levels=READY)
    html = client.get("/").content.decode()
    assert "How far is Luton from being an AI native town?" in html
    assert "Everyone has a level of AI skills" in html
    assert 'href="/skills/dashboard/"' in html


def test_load_demo_twice_makes_three_objectives_with_a_year_of_snapshots(db):
    call_command("load_demo", stdout=StringIO())
    counts = (Objective.objects.count(), KeyResult.objects.count(), KeyResultSnapshot.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Objective.objects.count(), KeyResult.objects.count(), KeyResultSnapshot.objects.count()) == counts
    assert counts[0] == 3
    # The business objective gains the four key results the adoption check measures; the
    # skills objective, the attendees who rose a level.
    assert [objective.key_results.count() for objective in Objective.objects.order_by("sort_order")] == [6, 7, 3]
    assert KeyResultSnapshot.objects.values("month").distinct().count() == 12
    assert build_summary()[0]["score"] is not None
    # Demo people took the check before and after the past events: enough to publish.
    risen = KeyResult.objects.get(metric=Metric.ATTENDEES_ROSE_LEVEL_SHARE)
    assert risen.snapshots.order_by("-month").first().value is not None
    workshops = compute_workshop_figures()
    assert any(area["attended"]["rose_share"] is not None for area in workshops["areas"])
    assert any(area["not_attended"]["rose_share"] is not None for area in workshops["areas"])


@pytest.mark.django_db
def test_assessment_metrics_share_one_query_per_moment(django_assert_num_queries):
    AssessmentFactory(levels=READY)
    metrics = dashboard_metrics()
    now = timezone.now()
    with django_assert_num_queries(1):
        for key in ("people_assessed", "ai_ready_share", "level_one_all_areas_share", "wards_within_10_points"):
            metrics[key](now)


def test_dashboard_with_okrs_stays_within_its_query_budget(client, objective, django_assert_max_num_queries):
    wards = list(Ward.objects.all())
    for index in range(60):
        AssessmentFactory(levels=READY, ward=wards[index % len(wards)])
    record_snapshots()
    # The budget for the dashboard, cold cache, with every app's metrics hooked in: 15,
    # and one more since "Do workshops help?" (the SAVEPOINT and RELEASE are counted too).
    with django_assert_max_num_queries(16):
        assert client.get("/skills/dashboard/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/skills/dashboard/").status_code == 200  # figures and OKRs now cached


def test_editing_a_key_result_shows_at_once(client, objective):
    for _ in range(30):
        AssessmentFactory(levels=READY)
    record_snapshots()
    assert "0.30" in client.get("/skills/dashboard/").content.decode()
    objective.key_results.filter(metric=Metric.PEOPLE_ASSESSED).update(target=60)
    KeyResult.objects.get(metric=Metric.PEOPLE_ASSESSED).save()
    assert "0.50" in client.get("/skills/dashboard/").content.decode()


def test_every_computed_metric_is_provided_by_an_installed_app():
    """Events and projects register their metrics through the `okr_metrics` hook."""
    computed = {metric.value for metric in Metric} - {Metric.MANUAL}
    assert computed <= set(collect_metrics())
