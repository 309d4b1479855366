"""The Businesses section of the town dashboard, in its page, CSV and JSON, and the
`dashboard_sections` hook it comes through."""

import csv
import io
import json
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail import hooks

from business.models import Dimension, DimensionTranslation, NationalReference
from portal.accounts.factories import OrganisationFactory
from skills.dashboard_sections import DashboardSection, csv_row, dashboard_sections
from skills.factories import AssessmentFactory
from tests.business.factories import BusinessCheckFactory

pytestmark = pytest.mark.django_db

PAGES = ["/skills/dashboard/", "/skills/dashboard.csv", "/skills/dashboard.json"]


def at(year, month):
    return timezone.make_aware(datetime(year, month, 10, 12))


@pytest.fixture
def checked():
    """30 organisations in manufacturing (two checks each), 14 checks with no organisation
    in retail, and 3 small construction firms: too few to show on their own."""
    for organisation in OrganisationFactory.create_batch(30):
        BusinessCheckFactory(organisation=organisation, sector="C", size_band="10-49", completed_at=at(2025, 11))
        BusinessCheckFactory(
            organisation=organisation, sector="C", size_band="10-49", uses_ai=True, has_ai_policy=True,
            stages=[2, 2, 1, 2, 1, 1], completed_at=at(2026, 2),
        )  # fmt: skip
    for _ in range(14):
        BusinessCheckFactory(sector="G", size_band="0-9", stages=[1] * 6, completed_at=at(2026, 5))
    for _ in range(3):
        BusinessCheckFactory(sector="F", size_band="0-9", uses_ai=True, completed_at=at(2026, 5))


@pytest.fixture
def national():
    return NationalReference.objects.create(
        share_using_ai=Decimal("27.5"), source="ONS Business Insights and Conditions Survey, wave 120",
        source_url="https://www.ons.gov.uk/bics", as_of=date(2026, 3, 2),
    )  # fmt: skip


def csv_of(response) -> tuple[list[str], list[dict]]:
    lines = response.content.decode().splitlines()
    comments = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(line for line in lines if not line.startswith("#")))))
    return comments, rows


def test_the_dashboard_shows_the_businesses_section(client, checked, national):
    html = client.get("/skills/dashboard/").content.decode()
    assert html.count("<h1") == 1
    section = html[html.index('id="businesses"') :]
    assert re.search(r"<h2[^>]*>Businesses</h2>", html)
    assert "<h1" not in section
    assert "45" in section  # 47 organisations: 30 + 14 + 3, rounded
    assert (
        "Using AI in at least one process, in Luton" in section and "78%" in section
    )  # 33 of 47, published as 35 of 45
    assert "27.5%" in section and "ONS Business Insights and Conditions Survey, wave 120" in section
    assert 'href="https://www.ons.gov.uk/bics"' in section and "2 March 2026" in section
    assert "chose to take the adoption check" in section
    assert "the filters above do not change them" in section
    for caption in ("by dimension", "by sector", "by number of staff", "by quarter"):
        assert re.search(rf"<caption[^>]*>[^<]*{caption}</caption>", section), caption
    assert 'aria-label="Stages by dimension (table)"' in section
    assert 'id="chart-business-stages-title"' in section
    assert "fewer than 10" in section and "hidden" in section  # construction, and what protects it
    assert section.index("Businesses") < section.index("Download the figures")


def test_the_section_ignores_the_filters(client, checked):
    figures = client.get("/skills/dashboard/", {"age_band": "18-24"}).context["section_figures"]
    assert figures["organisations"]["value"] == 45


def test_without_checks_the_section_says_so(client):
    html = client.get("/skills/dashboard/").content.decode()
    assert "No organisation has taken the AI adoption check yet." in html


def test_dimension_names_are_in_the_readers_language(client, checked):
    DimensionTranslation.objects.create(dimension=Dimension.objects.get(slug="data"), language="pl", name="Dane")
    html = client.get("/pl/skills/dashboard/").content.decode()
    assert '<th scope="row" class="govuk-table__header">Dane</th>' in html


def test_csv_has_business_rows_with_suppressed_flags(client, checked, national):
    comments, rows = csv_of(client.get("/skills/dashboard.csv"))
    assert sum(line.startswith("# Column ") for line in comments) == 6
    assert any("business_headline" in line and "cover every quarter" in line for line in comments)
    assert any(line.startswith("# Column table:") and "business_headline" in line for line in comments)
    business = [row for row in rows if row["table"].startswith("business_")]
    headline = {(row["group"], row["measure"]): row for row in business if row["table"] == "business_headline"}
    assert headline["town", "organisations"]["value"] == "45"
    assert headline["town", "using_ai_share_percent"]["value"] == "78"
    assert headline["uk", "using_ai_share_percent"]["value"] == "27.5"
    construction = next(row for row in business if row["table"] == "business_sector" and row["group"] == "F")
    assert (construction["measure"], construction["value"], construction["suppressed"]) == ("organisations", "", "true")
    stages = [row for row in business if row["table"] == "business_stage"]
    assert len(stages) == 6 * 4 * 2
    quarters = [row for row in business if row["table"] == "business_quarter" and row["measure"] == "checks"]
    assert [(row["group"], row["value"]) for row in quarters] == [
        ("2025 Q4", "30"),
        ("2026 Q1", "30"),
        ("2026 Q2", "15"),
    ]


def test_json_has_the_businesses_section_with_its_field_descriptions(client, checked, national):
    data = json.loads(client.get("/skills/dashboard.json").content)
    section = data["sections"]["businesses"]
    assert set(section["fields"]) >= {"organisations", "using_ai_share", "stages", "sectors", "sizes", "quarters"}
    assert "the dashboard's filters do not apply" in section["fields"]["organisations"]
    assert "filters do not apply" in data["fields"]["sections"]
    figures = section["figures"]
    assert figures["organisations"] == {"value": 45, "suppressed": False, "reason": None}
    assert figures["national"]["using_ai_share"] == 27.5 and figures["national"]["as_of"] == "2026-03-02"
    assert figures["sectors"][5]["sector"] == "F" and figures["sectors"][5]["name"] == "Construction"
    assert figures["sectors"][5]["organisations"]["reason"] == "fewer than 10 people"


def published_counts(figures) -> list[dict]:
    """Every protected count anywhere in the figures."""
    if isinstance(figures, list):
        return [cell for item in figures for cell in published_counts(item)]
    if not isinstance(figures, dict):
        return []
    if set(figures) >= {"value", "suppressed"}:
        return [figures]
    return [cell for value in figures.values() for cell in published_counts(value)]


def test_nothing_about_fewer_than_10_organisations_leaks(client, checked):
    for _ in range(4):  # with the 3, 7 small construction firms
        BusinessCheckFactory(sector="F", size_band="50-249", completed_at=at(2026, 5))
    figures = json.loads(client.get("/skills/dashboard.json").content)["sections"]["businesses"]["figures"]
    counts = published_counts(figures)
    assert counts and all(cell["value"] is None or cell["value"] == 0 or cell["value"] >= 10 for cell in counts)
    assert all(cell["value"] is None or cell["value"] % 5 == 0 for cell in counts)
    total = figures["organisations"]["value"]
    for table in ("sectors", "sizes"):
        published = sum(row["organisations"]["value"] or 0 for row in figures[table])
        assert total - published == 0 or total - published >= 10, table
    for dimension in figures["stages"]:
        published = sum(stage["count"]["value"] or 0 for stage in dimension["stages"])
        assert total - published == 0 or total - published >= 10, dimension["slug"]
    _, rows = csv_of(client.get("/skills/dashboard.csv"))
    for row in rows:
        if row["table"].startswith("business_") and row["measure"] in ("organisations", "checks") and row["value"]:
            assert int(row["value"]) == 0 or (int(row["value"]) >= 10 and int(row["value"]) % 5 == 0), row
    construction = next(row for row in rows if row["table"] == "business_sector" and row["group"] == "F")
    assert construction["suppressed"] == "true"
    html = client.get("/skills/dashboard/").content.decode()
    section = html[html.index('id="businesses"') :]
    row = re.search(r"Construction</th>(.*?)</tr>", section, re.S).group(1)
    assert "fewer than 10" in row and "not shown" in row and not re.search(r">\s*7\s*<", row)


def test_fewer_than_10_organisations_show_no_business_figures(client):
    for _ in range(9):
        BusinessCheckFactory(uses_ai=True, has_ai_policy=True)
    figures = json.loads(client.get("/skills/dashboard.json").content)["sections"]["businesses"]["figures"]
    assert figures["organisations"]["suppressed"]
    assert figures["using_ai_share"] is None and figures["ai_policy_share"] is None
    assert all(cell["value"] in (None, 0) for cell in published_counts(figures))
    html = client.get("/skills/dashboard/").content.decode()
    assert not re.search(r">\s*9\s*<", html[html.index('id="businesses"') :])


def test_demo_checks_are_labelled(client, checked):
    warning = "They do not describe real organisations in Luton"
    assert warning not in client.get("/skills/dashboard/").content.decode()
    assert client.get("/skills/dashboard.json").json()["warning"] is None
    BusinessCheckFactory(is_demo=True)
    assert warning in client.get("/skills/dashboard/").content.decode()
    assert client.get("/skills/dashboard.json").json()["sections"]["businesses"]["figures"]["includes_demo_data"]
    assert client.get("/skills/dashboard.json").json()["warning"]
    assert (
        "# Warning: These figures include invented demonstration data"
        in client.get("/skills/dashboard.csv").content.decode()
    )


def test_the_ward_detail_page_has_no_business_section(client, checked):
    from portal.accounts.models import Ward

    saints = Ward.objects.get(slug="saints")
    for _ in range(12):
        AssessmentFactory(levels=[2] * 6, ward=saints)
    html = client.get("/skills/dashboard/wards/saints/").content.decode()
    assert 'id="businesses"' not in html and "adoption check" not in html


@pytest.mark.parametrize("path", PAGES)
def test_query_count_does_not_grow_with_checks(client, django_assert_max_num_queries, checked, national, path):
    for _ in range(20):
        AssessmentFactory(levels=[2] * 6)
    # The budget (12 anonymous, and the SAVEPOINT and RELEASE): the skills figures, the OKR
    # summary, the business figures' three grouped queries and the national figure, and the
    # grouped query of "Do workshops help?".
    with django_assert_max_num_queries(15):
        assert client.get(path).status_code == 200
    with django_assert_max_num_queries(4):  # every figure cached
        assert client.get(path).status_code == 200


def test_other_apps_add_sections_through_the_hook(client):
    section = DashboardSection(
        key="example",
        template="business/dashboard_section.html",
        figures=lambda: {"includes_demo_data": False, "quarters": [], "generated_at": "2026-06-01T10:00:00+00:00"},
        csv_rows=lambda figures: [csv_row("example_table", "town", "", "things", None)],
        fields={"things": "Things counted."},
        csv_note="Example tables count things.",
    )
    with hooks.register_temporarily("dashboard_sections", lambda: section):
        assert section in dashboard_sections()
        data = client.get("/skills/dashboard.json").json()
        assert data["sections"]["example"] == {"fields": {"things": "Things counted."}, "figures": section.figures()}
        comments, rows = csv_of(client.get("/skills/dashboard.csv"))
        assert "# Example tables count things." in comments
        example = [list(row.values()) for row in rows if row["table"] == "example_table"]
        assert example == [["example_table", "town", "", "things", "", "true"]]
        assert client.get("/skills/dashboard/").content.decode().count('id="businesses"') == 2
    assert "example" not in client.get("/skills/dashboard.json").json()["sections"]


@pytest.mark.parametrize(
    ("stage_rows", "summary"),
    [
        ([("data", "Data", 0, 2, 40), ("people", "People", 1, 0, 40)],
         "Most organisations are using AI or beyond in Data (100%), fewest in People (0%)."),
        ([("data", "Data", 0, 3, 40), ("people", "People", 1, 2, 40)],
         "The same share of organisations is using AI or beyond in every dimension shown (100%)."),
    ],
)  # fmt: skip
def test_the_stages_chart_says_in_words_where_organisations_are_furthest_along(stage_rows, summary):
    from business.dashboard_hooks import section_context
    from business.figures import build_figures, localised

    figures = build_figures(latest_rows=[("", "", False, False, 40)], stage_rows=stage_rows, quarter_rows=[])
    context = section_context(localised(figures, "en-gb"))
    assert summary in context["stages_summary"]
    assert "0 Not started, 1 Exploring, 2 Using, 3 Embedding" in context["stages_key"]
    assert context["national_date"] is None


def test_editing_the_national_figure_shows_at_once(client, checked, national):
    from business.figures import business_figures

    assert business_figures()["national"]["using_ai_share"] == 27.5
    national.share_using_ai = Decimal("30.0")
    national.save()
    assert business_figures()["national"]["using_ai_share"] == 30.0
    national.delete()
    assert business_figures()["national"] is None
