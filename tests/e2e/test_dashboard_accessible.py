"""The town dashboard is accessible, its charts have text alternatives and tables, and it
reads at 320 px without JavaScript."""

from datetime import date

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Ward
from skills.factories import AssessmentFactory
from skills.okrs.models import KeyResult, Metric, Objective
from skills.okrs.snapshots import record_snapshots

from .conftest import assert_accessible, assert_page_basics

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def town(home_page):
    wards = list(Ward.objects.filter(slug__in=["saints", "farley", "poets", "dallow"]))
    for index in range(64):
        levels = [2, 2, 2, 2, 2, 2] if index % 3 else [1, 1, 2, 1, 0, 1]
        AssessmentFactory(levels=levels, ward=wards[index % len(wards)], age_band="18-24" if index % 2 else "50-64")
    objective = Objective.objects.create(title="Everyone in Luton has a level of AI skills", period="2025 to 2030")
    KeyResult.objects.create(
        objective=objective,
        title="People assessed",
        metric=Metric.PEOPLE_ASSESSED,
        baseline=0,
        target=200,
        unit="people",
    )
    record_snapshots(date(2026, 1, 1))
    record_snapshots()


def test_dashboard_and_ward_detail_are_accessible(page, town):
    for path in ["/skills/dashboard/", "/skills/dashboard/?age_band=18-24", "/skills/dashboard/wards/saints/", "/"]:
        page.goto(path)
        assert_page_basics(page)
        assert_accessible(page)
    page.goto("/skills/dashboard/?start=2026-05-01&end=2026-01-01")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_every_chart_has_a_title_a_summary_and_a_table(page, town):
    page.goto("/skills/dashboard/")
    charts = page.locator("svg.portal-chart:visible")
    assert charts.count() == 3
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.get_attribute("role") == "img"
        labelled_by = chart.get_attribute("aria-labelledby").split()
        assert all(page.locator(f"#{ident}").count() == 1 for ident in labelled_by)
        figure = chart.locator("xpath=ancestor::figure")
        expect(figure.locator("figcaption")).not_to_be_empty()
    for caption in ["Share of participants at each level, by area", "Participants and AI-ready share by ward",
                    "Participants and AI-ready share by quarter"]:  # fmt: skip
        expect(page.locator("caption", has_text=caption)).to_have_count(1)
    page.locator("summary", has_text="Trend: People assessed").click()
    trend = page.locator("details[open] svg.portal-chart")
    expect(trend).to_be_visible()
    expect(page.locator("details[open] caption", has_text="Monthly values")).to_have_count(1)


def test_dashboard_reads_at_320_pixels_without_javascript(browser, live_server, town):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 640}, java_script_enabled=False
    )
    tab = context.new_page()
    tab.goto("/skills/dashboard/")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320
    tab.get_by_label("Age band").select_option("18-24")
    tab.get_by_role("button", name="Show figures").click()
    tab.wait_for_url("**age_band=18-24**")
    expect(tab.locator("h1")).to_have_text("How far is Luton from being an AI native town?")
    context.close()
