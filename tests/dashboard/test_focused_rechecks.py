"""A focused re-check asks one to three areas and carries the others over from the person's
last full check: the dashboard counts neither the person nor the carried-over areas twice."""

import pytest
from django.utils import timezone

from skills.dashboard_figures import Filters, compute_figures, dashboard_metrics
from skills.factories import AssessmentFactory
from skills.models import Area, AreaResult, AssessmentKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def rechecked():
    """20 people at level 1 everywhere, each re-checked in the first area (now level 2),
    the other five areas carried over."""
    first = Area.objects.order_by("sort_order").first()
    for _ in range(20):
        AssessmentFactory(levels=[1] * 6)
        recheck = AssessmentFactory(kind=AssessmentKind.FOCUSED, levels=[2, 1, 1, 1, 1, 1])
        AreaResult.objects.filter(assessment=recheck).exclude(area=first).update(carried_over=True)
    return first


def levels_of(area: dict) -> dict[int, int | None]:
    return {level["level"]: level["count"]["value"] for level in area["levels"]}


def test_a_focused_recheck_adds_no_participant(rechecked):
    figures = compute_figures(Filters())
    assert figures["participants"]["value"] == 20
    assert sum(level["count"]["value"] or 0 for level in figures["levels"]) == 20
    assert sum(quarter["participants"]["value"] or 0 for quarter in figures["quarters"]) == 20


def test_carried_over_areas_count_once_and_the_asked_area_counts_its_new_measurement(rechecked):
    areas = {area["slug"]: area for area in compute_figures(Filters())["areas"]}
    assert levels_of(areas[rechecked.slug]) == {0: 0, 1: 20, 2: 20, 3: 0}
    for slug, area in areas.items():
        if slug != rechecked.slug:
            assert levels_of(area) == {0: 0, 1: 20, 2: 0, 3: 0}, slug


def test_the_assessment_metrics_leave_focused_rechecks_out(rechecked):
    metrics = dashboard_metrics()
    now = timezone.now()
    assert metrics["people_assessed"](now) == 20
    assert metrics["level_one_all_areas_share"](now) == 100
