"""The dashboard, a ward's detail and the open data, over HTTP."""

import csv
import io
import json

import pytest

from portal.accounts.factories import WardFactory
from portal.accounts.models import Ward
from skills.factories import AssessmentFactory

READY = [2, 2, 2, 2, 2, 2]
EXPLORER = [1, 1, 2, 1, 1, 1]

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessed():
    """A town where Saints has enough people to show and Poets does not."""
    saints, poets, farley = (Ward.objects.get(slug=slug) for slug in ("saints", "poets", "farley"))
    for _ in range(14):
        AssessmentFactory(levels=READY, ward=saints, age_band="18-24")
    for _ in range(12):
        AssessmentFactory(levels=EXPLORER, ward=saints, age_band="50-64")
    for _ in range(3):
        AssessmentFactory(levels=READY, ward=poets)
    for _ in range(11):
        AssessmentFactory(levels=EXPLORER, ward=farley)


def test_dashboard_shows_protected_figures_with_tables_and_charts(client, assessed):
    response = client.get("/skills/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "40" in html  # 40 participants, already a multiple of 5
    assert "fewer than 10" in html  # Poets
    assert html.count('role="img"') == 3
    assert html.count("<title id=") == 3 and html.count("<desc id=") == 3
    assert "Open Government Licence" in html
    assert "not everyone in Luton" in html


def test_filters_narrow_the_figures_and_bad_dates_are_explained(client, assessed):
    response = client.get("/skills/dashboard/", {"age_band": "18-24"})
    assert response.context["figures"]["participants"]["value"] == 15
    response = client.get("/skills/dashboard/", {"start": "2026-05-01", "end": "2026-01-01"})
    assert "The ‘to’ date must be the same as or after the ‘from’ date" in response.content.decode()
    assert response.context["figures"]["participants"]["value"] == 40


@pytest.mark.parametrize("path", ["/skills/dashboard/", "/skills/dashboard.csv", "/skills/dashboard.json"])
@pytest.mark.parametrize("dates", [{"end": "9999-12-31"}, {"start": "0001-01-01"}])
def test_dates_out_of_range_are_explained_not_an_error(client, assessed, path, dates):
    response = client.get(path, dates)
    assert response.status_code == 200
    if path == "/skills/dashboard/":
        assert "Enter a date between the years 2000 and 2099" in response.text
    assert client.get("/skills/dashboard/wards/saints/", dates).status_code == 200


def test_ward_detail_compares_with_the_town(client, assessed):
    # Biscot's AI-ready people, not Saints', are withheld to protect Poets' three.
    for _ in range(11):
        AssessmentFactory(levels=READY, ward=Ward.objects.get(slug="biscot"))
    response = client.get("/skills/dashboard/wards/saints/")
    assert response.status_code == 200
    assert response.context["figures"]["participants"]["value"] == 25
    assert "Gap to the town" in response.content.decode()


def test_a_ward_whose_ai_ready_count_protects_another_shows_no_breakdown(client, assessed):
    # Saints' 14 AI-ready people are withheld in the town table so that Poets' 3 cannot be
    # worked out from the town total; Saints' levels 2 and 3 would give the 14 back.
    town = client.get("/skills/dashboard/").context["figures"]
    saints = next(ward for ward in town["wards"] if ward["slug"] == "saints")
    assert saints["ai_ready_share"] is None
    response = client.get("/skills/dashboard/wards/saints/")
    assert response.status_code == 200 and response.context["figures"] is None
    assert "would let someone work out figures about fewer than 10 people" in response.text
    assert "Overall levels" not in response.text and "Levels in each skill area" not in response.text


def test_a_ward_withheld_to_protect_a_smaller_one_shows_no_figures(client, assessed):
    response = client.get("/skills/dashboard/wards/farley/")
    assert "would let someone work out figures about fewer than 10 people" in response.text
    assert "Overall levels" not in response.text


def test_a_small_ward_shows_no_figures(client, assessed):
    response = client.get("/skills/dashboard/wards/poets/")
    assert "Fewer than 10 people in Poets" in response.content.decode()
    assert "Levels in each skill area" not in response.content.decode()


def test_unknown_ward_is_not_found(client, assessed):
    assert client.get("/skills/dashboard/wards/nowhere/").status_code == 404
    assert client.get("/skills/dashboard/wards/not-given/").status_code == 404


def test_csv_has_metadata_columns_and_protected_values(client, assessed):
    response = client.get("/skills/dashboard.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert any("Open Government Licence" in line for line in comments)
    assert any(line.startswith("# Generated at: ") for line in comments)
    assert sum(line.startswith("# Column ") for line in comments) == 6
    rows = list(csv.DictReader(io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))))
    assert list(rows[0]) == ["table", "group", "level", "measure", "value", "suppressed"]
    poets = next(row for row in rows if row["group"] == "poets" and row["measure"] == "participants")
    assert poets["value"] == "" and poets["suppressed"] == "true"
    town = next(row for row in rows if row["table"] == "headline" and row["measure"] == "participants")
    assert town["value"] == "40"
    for row in rows:
        if row["measure"] == "participants" and row["value"]:
            assert int(row["value"]) % 5 == 0


def test_json_describes_itself_and_withholds_small_figures(client, assessed):
    data = json.loads(client.get("/skills/dashboard.json").content)
    assert data["licence"]["name"] == "Open Government Licence v3.0"
    assert data["generated_at"]
    assert set(data["fields"]) >= {"participants", "wards", "quarters", "areas", "levels"}
    figures = data["figures"]
    assert figures["participants"] == {"value": 40, "suppressed": False, "reason": None}
    poets = next(ward for ward in figures["wards"] if ward["slug"] == "poets")
    assert poets["participants"]["value"] is None and poets["participants"]["suppressed"] is True
    assert poets["ai_ready_share"] is None
    # The differencing attack: town total minus the published wards never gives Poets alone.
    published = sum(ward["participants"]["value"] or 0 for ward in figures["wards"])
    hidden = [ward for ward in figures["wards"] if ward["participants"]["suppressed"]]
    assert len(hidden) >= 2
    assert figures["participants"]["value"] - published >= 10


def test_open_data_follows_the_filters(client, assessed):
    data = json.loads(client.get("/skills/dashboard.json", {"age_band": "50-64"}).content)
    assert data["filters"] == "Age band: 50-64"
    assert data["figures"]["participants"]["value"] == 10


@pytest.mark.parametrize("path", ["/skills/dashboard/", "/skills/dashboard.csv", "/skills/dashboard.json"])
def test_query_count_does_not_grow_with_assessments_or_wards(client, django_assert_max_num_queries, path):
    WardFactory.create_batch(30, adult_population=4000)
    wards = list(Ward.objects.all())
    for index in range(120):
        AssessmentFactory(levels=READY if index % 3 else EXPLORER, ward=wards[index % len(wards)])
    with django_assert_max_num_queries(12):
        assert client.get(path).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/skills/dashboard/wards/saints/").status_code == 200


def test_dashboard_says_which_quarters_it_covers(client, assessed):
    figures = client.get("/skills/dashboard/").context["figures"]
    first, last = figures["quarters"][0]["quarter"], figures["quarters"][-1]["quarter"]
    assert f"skills check, {first} to {last}" in client.get("/skills/dashboard/").content.decode()


@pytest.mark.django_db
def test_dates_are_widened_to_whole_quarters_so_a_day_cannot_be_singled_out(client):
    from datetime import datetime

    from django.utils import timezone

    from skills.factories import AssessmentFactory

    for day in (3, 4):
        for _ in range(12 if day == 3 else 3):
            AssessmentFactory(completed_at=timezone.make_aware(datetime(2026, 2, day, 12)))
    day_before = client.get("/skills/dashboard.json?end=2026-02-03").json()["figures"]
    day_after = client.get("/skills/dashboard.json?end=2026-02-04").json()["figures"]
    # Otherwise the difference would be the 3 people of 4 February.
    assert day_before["participants"] == day_after["participants"] == {"value": 15, "suppressed": False, "reason": None}
    html = client.get("/skills/dashboard/?end=2026-02-03").text
    assert "Figures are for whole quarters" in html and 'action=""' not in html


@pytest.mark.django_db
def test_invented_demo_people_are_labelled_on_every_public_figure(client, home_page):
    from skills.factories import AssessmentFactory

    for _ in range(12):
        AssessmentFactory()
    warning = "These figures include invented demonstration data"
    pages = ["/", "/skills/dashboard/", "/skills/dashboard.csv"]
    assert not any(warning in client.get(path).content.decode() for path in pages)
    assert client.get("/skills/dashboard.json").json()["warning"] is None
    AssessmentFactory(is_demo=True)
    for path in pages:
        assert warning in client.get(path).content.decode(), path
    assert client.get("/skills/dashboard.json").json()["warning"].startswith(warning)


@pytest.mark.django_db
def test_one_visitor_cannot_force_endless_fresh_computations(client, monkeypatch):
    from skills import dashboard_views

    monkeypatch.setattr(dashboard_views, "FRESH_FILTERS_PER_MINUTE", 3)
    quarters = ["2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01"]
    statuses = [client.get(f"/skills/dashboard.json?start={day}").status_code for day in quarters]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/skills/dashboard.json?start=2026-01-01").status_code == 200  # already computed
    assert client.get("/skills/dashboard/").status_code == 200  # the unfiltered figures are never limited
    assert "Too many requests at once" in client.get("/skills/dashboard/?start=2025-01-01").text


@pytest.mark.django_db
def test_two_date_ranges_cannot_be_subtracted_to_single_out_a_few_people(client):
    from datetime import datetime

    from django.utils import timezone

    saints = Ward.objects.get(slug="saints")
    for month, count in ((2, 40), (5, 3), (8, 30)):  # 2026 Q1, Q2, Q3
        for _ in range(count):
            AssessmentFactory(levels=READY, ward=saints, completed_at=timezone.make_aware(datetime(2026, month, 10)))

    def figures(query=""):
        return client.get(f"/skills/dashboard.json{query}").json()["figures"]

    whole, to_march, to_june = figures(), figures("?end=2026-03-31"), figures("?end=2026-06-30")
    assert whole["participants"]["value"] == 75  # the view everyone sees first keeps its figures
    # March's 40 against June's 43 would be the 3 people of the spring: neither view says.
    for view in (to_march, to_june):
        assert view["participants"]["suppressed"] and view["ai_ready"]["suppressed"]
        assert "comparing it with another date range" in view["participants"]["reason"]
        ward = next(row for row in view["wards"] if row["slug"] == "saints")
        assert ward["participants"]["suppressed"] and ward["ai_ready_share"] is None
        assert all(level["count"]["value"] is None for level in view["levels"] if level["level"] == 2)
    # The summer's 30 against spring and summer's 33 gives them away too.
    assert figures("?start=2026-07-01")["participants"]["suppressed"]
    assert figures("?start=2026-01-01")["participants"]["value"] == 75  # the whole period again
