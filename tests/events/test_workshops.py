"""The dashboard's "Do workshops help?" section and the attendees-rose-a-level metric."""

import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from wagtail import hooks

from events.factories import EventPageFactory, RegistrationFactory
from events.models import Registration
from events.workshops import build_figures, grouped_pairs
from portal.accounts.factories import UserFactory
from skills.factories import AssessmentFactory
from skills.models import Area, AreaResult, AssessmentKind
from tests.business.test_dashboard_section import csv_of

pytestmark = pytest.mark.django_db

AREAS = [{"id": 1, "slug": "safe", "name": "Staying safe"}, {"id": 2, "slug": "tools", "name": "Using AI tools"}]


def at(year, month, day=10):
    return timezone.make_aware(datetime(year, month, day, 12))


def metrics():
    return {key: fn for provide in hooks.get_hooks("okr_metrics") for key, fn in provide().items()}


# The pure fold, on crafted rows: (area id, year, quarter, attended, rose, pairs, demo).


def test_fold_gives_shares_by_area_and_quarter():
    rows = [
        (1, 2026, 1, True, True, 12, False),
        (1, 2026, 1, True, False, 8, False),
        (1, 2026, 2, False, True, 10, False),
        (1, 2026, 2, False, False, 30, True),
        (2, 2026, 2, True, True, 15, False),
        (2, 2026, 2, True, False, 15, False),
        (2, 2026, 2, False, False, 40, False),
    ]
    figures = build_figures(rows, AREAS)
    safe, tools = figures["areas"]
    assert safe["slug"] == "safe" and safe["name"] == "Staying safe"
    assert safe["attended"]["people"]["value"] == 20 and safe["attended"]["rose_share"] == 50
    assert safe["not_attended"]["people"]["value"] == 40 and safe["not_attended"]["rose_share"] == 25
    assert tools["attended"]["rose_share"] == 50
    assert tools["not_attended"]["people"]["value"] == 40 and tools["not_attended"]["rose_share"] == 0  # nobody rose
    assert [quarter["quarter"] for quarter in figures["quarters"]] == ["2026 Q1", "2026 Q2"]
    q1, q2 = figures["quarters"]
    assert q1["attended"]["people"]["value"] == 20 and q1["not_attended"]["people"]["value"] == 0
    assert q2["attended"]["people"]["value"] == 30 and q2["not_attended"]["people"]["value"] == 80
    assert q2["not_attended"]["rose_share"] == round(100 * 10 / 80)
    assert figures["includes_demo_data"] is True


def test_fold_withholds_small_groups_and_the_cell_that_would_give_them_away():
    rows = [
        (1, 2026, 1, True, True, 4, False),  # four attended in area 1: fewer than 10
        (2, 2026, 1, True, True, 30, False),
        (2, 2026, 1, True, False, 30, False),
        (3, 2026, 1, True, True, 20, False),
        (3, 2026, 1, True, False, 20, False),
    ]
    areas = [*AREAS, {"id": 3, "slug": "check", "name": "Checking AI outputs"}]
    figures = build_figures(rows, areas)
    safe, tools, check = (area["attended"] for area in figures["areas"])
    assert safe["people"] == {"value": None, "suppressed": True, "reason": "fewer than 10 people", "kind": "primary"}
    assert safe["rose_share"] is None
    # The quarter gives the total away, so the next smallest area is withheld too.
    assert check["people"]["kind"] == "secondary" and check["rose_share"] is None
    assert tools["people"]["value"] == 60 and tools["rose_share"] == 50
    assert figures["quarters"][0]["attended"]["people"]["value"] == 105
    assert not figures["includes_demo_data"]


def test_fold_shows_every_area_even_without_pairs():
    figures = build_figures([], AREAS)
    assert [area["attended"]["people"]["value"] for area in figures["areas"]] == [0, 0]
    assert figures["quarters"] == []


# The grouped query, on real rows.


@pytest.fixture
def areas(db):
    return list(Area.objects.order_by("sort_order"))


def event_on(areas, start, checked_in=()):
    event = EventPageFactory(start=start, end=start + timedelta(hours=2))
    event.areas.set(areas)
    event.save()
    for user in checked_in:
        RegistrationFactory(event=event, user=user, checked_in_at=start)
    return event


def as_dict(rows):
    """{(area slug, year, quarter, attended, rose): pairs}."""
    slugs = dict(Area.objects.values_list("id", "slug"))
    return {(slugs[area], year, quarter, attended, rose): n for area, year, quarter, attended, rose, n, _ in rows}


def test_query_pairs_consecutive_results_and_counts_events_between_them(areas):
    first, second = areas[0], areas[1]
    attendee, stay_at_home, early_bird = UserFactory(), UserFactory(), UserFactory()
    AssessmentFactory(user=attendee, completed_at=at(2026, 1), levels=[1] * 6)
    AssessmentFactory(user=attendee, completed_at=at(2026, 4), levels=[2, 1, 0, 1, 1, 1])
    event_on([first], at(2026, 2), checked_in=[attendee])
    RegistrationFactory(event=event_on([second], at(2026, 2)), user=attendee)  # booked, never checked in

    AssessmentFactory(user=stay_at_home, completed_at=at(2026, 1), levels=[1] * 6)
    AssessmentFactory(user=stay_at_home, completed_at=at(2026, 5), levels=[1, 2, 1, 1, 1, 1])

    event_on([first], at(2025, 12), checked_in=[early_bird])  # before both results: not between them
    AssessmentFactory(user=early_bird, completed_at=at(2026, 1), levels=[1] * 6)
    AssessmentFactory(user=early_bird, completed_at=at(2026, 2), levels=[1] * 6)

    AssessmentFactory(completed_at=at(2026, 1), levels=[0] * 6)  # signed out: never paired
    AssessmentFactory(completed_at=at(2026, 3), levels=[3] * 6)
    AssessmentFactory(user=UserFactory(), completed_at=at(2026, 1), levels=[0] * 6)  # one result: no pair

    expected = {
        (first.slug, 2026, 2, True, True): 1,  # the attendee, in the event's area
        (first.slug, 2026, 2, False, False): 1,  # the stay-at-home
        (second.slug, 2026, 2, False, False): 1,  # the attendee: booked, not checked in
        (second.slug, 2026, 2, False, True): 1,  # the stay-at-home rose
        **{(area.slug, 2026, 2, False, False): 2 for area in areas[2:]},  # (the attendee fell in the third)
        **{(area.slug, 2026, 1, False, False): 1 for area in areas},  # the early bird, in the first quarter
    }
    assert as_dict(grouped_pairs()) == expected


def test_carried_over_areas_are_ignored_and_a_focused_recheck_pairs_with_the_last_measurement(areas):
    first, second = areas[0], areas[1]
    person = UserFactory()
    AssessmentFactory(user=person, completed_at=at(2026, 1), levels=[1] * 6)
    event_on([first], at(2026, 2), checked_in=[person])
    recheck = AssessmentFactory(
        user=person, kind=AssessmentKind.FOCUSED, completed_at=at(2026, 3), levels=[2, 1, 1, 1, 1, 1]
    )
    AreaResult.objects.filter(assessment=recheck).exclude(area=first).update(carried_over=True)
    AssessmentFactory(user=person, completed_at=at(2026, 7), levels=[2, 2, 1, 1, 1, 1])
    expected = {
        (first.slug, 2026, 1, True, True): 1,  # January to the re-check, the event between
        (first.slug, 2026, 3, False, False): 1,  # the re-check to July
        (second.slug, 2026, 3, False, True): 1,  # January to July: the copies in between are skipped
        **{(area.slug, 2026, 3, False, False): 1 for area in areas[2:]},
    }
    assert as_dict(grouped_pairs()) == expected


# The metric.


def test_attendees_rose_level_share(areas):
    first, second = areas[0], areas[1]
    start = at(2026, 3)
    event = event_on([first, second], start)
    risers, others = UserFactory.create_batch(12), UserFactory.create_batch(8)
    for person in risers + others:
        AssessmentFactory(user=person, completed_at=at(2026, 1), levels=[1] * 6)
        RegistrationFactory(event=event, user=person, checked_in_at=start)
    for person in risers:  # risen in the second of the event's areas, within three months
        AssessmentFactory(user=person, completed_at=at(2026, 4), levels=[1, 2, 1, 1, 1, 1])
    for person in others[:3]:  # risen, but only in an area the event did not cover
        AssessmentFactory(user=person, completed_at=at(2026, 4), levels=[1, 1, 2, 1, 1, 1])
    for person in others[3:6]:  # risen in the event's area, but too late
        AssessmentFactory(user=person, completed_at=at(2026, 8), levels=[2] * 6)
    # Attendances that do not count: no result before the event, or no account any more.
    RegistrationFactory(event=event, user=UserFactory(), checked_in_at=start)
    RegistrationFactory(event=event, user=None, checked_in_at=start)
    measure = metrics()
    assert measure["attendees_rose_level_share"](at(2026, 6)) == round(100 * 10 / 20)
    assert measure["event_attendances"](at(2026, 6)) == 22
    assert measure["attendees_rose_level_share"](at(2026, 3, 20)) == 0  # nobody has risen yet
    assert measure["event_attendances"](at(2026, 2)) == 0


def test_attendees_rose_level_share_is_withheld_for_small_groups(areas):
    event = event_on([areas[0]], at(2026, 3))
    for person in UserFactory.create_batch(5):
        AssessmentFactory(user=person, completed_at=at(2026, 1), levels=[0] * 6)
        RegistrationFactory(event=event, user=person, checked_in_at=at(2026, 3))
        AssessmentFactory(user=person, completed_at=at(2026, 4), levels=[1] * 6)
    assert metrics()["attendees_rose_level_share"](at(2026, 6)) is None


def test_both_attendance_metrics_share_one_query_per_moment(areas, django_assert_num_queries):
    measure = metrics()
    with django_assert_num_queries(1):
        measure["event_attendances"](at(2026, 6))
        measure["attendees_rose_level_share"](at(2026, 6))


# The section on the dashboard, its CSV and JSON.


@pytest.fixture
def compared(areas):
    """15 attendees of a workshop on the first area, 10 of whom rose in it, and 40 people
    with two results and no workshop, 10 of whom rose there."""
    start = at(2026, 3)
    event = event_on([areas[0]], start)
    for index, person in enumerate(UserFactory.create_batch(15)):
        AssessmentFactory(user=person, completed_at=at(2026, 1), levels=[1] * 6)
        RegistrationFactory(event=event, user=person, checked_in_at=start)
        AssessmentFactory(user=person, completed_at=at(2026, 4), levels=[2 if index < 10 else 1] + [1] * 5)
    for index, person in enumerate(UserFactory.create_batch(40)):
        AssessmentFactory(user=person, completed_at=at(2026, 1), levels=[1] * 6)
        AssessmentFactory(user=person, completed_at=at(2026, 4), levels=[2 if index < 10 else 1] + [1] * 5)
    return areas


def test_the_dashboard_shows_the_section_with_its_caveat(client, compared):
    html = client.get("/skills/dashboard/").content.decode()
    section = html[html.index('id="workshops"') :]
    assert "Do workshops help?</h2>" in section
    assert "People who choose to come to a workshop differ from those who do not" in section
    assert "not show that workshops cause" in section
    assert "67%" in section and "25%" in section
    first = compared[0].name
    assert f"{first}: 67% of those who attended rose a level, against 25% of those who did not." in section


def test_csv_and_json_carry_the_section(client, compared):
    comments, rows = csv_of(client.get("/skills/dashboard.csv"))
    assert any("workshops_area" in comment for comment in comments)
    mine = [row for row in rows if row["table"].startswith("workshops_")]
    first = compared[0].slug
    by_key = {(row["table"], row["group"], row["level"], row["measure"]): row for row in mine}
    assert by_key["workshops_area", first, "attended", "people"]["value"] == "15"
    assert by_key["workshops_area", first, "attended", "rose_share_percent"]["value"] == "67"
    assert by_key["workshops_area", first, "not_attended", "rose_share_percent"]["value"] == "25"
    assert by_key["workshops_quarter", "2026 Q2", "attended", "people"]["value"] == "15"
    data = client.get("/skills/dashboard.json").json()["sections"]["workshops"]
    assert set(data["fields"]) >= {"areas", "quarters", "caveat"}
    area = data["figures"]["areas"][0]
    assert area["slug"] == first and area["attended"]["rose_share"] == 67
    assert "not a causal estimate" in data["fields"]["caveat"]


def test_the_section_is_in_urdu_with_the_page(client, compared):
    html = client.get("/ur/skills/dashboard/").content.decode()
    assert re.search(r'<html[^>]*dir="rtl"', html) and 'id="workshops"' in html


def test_checking_someone_in_retires_the_figures(client, compared):
    from skills.dashboard_figures import generation

    before = generation()
    Registration.objects.filter(checked_in_at__isnull=False).first().save()
    assert generation() > before


@pytest.mark.parametrize("path", ["/skills/dashboard/", "/skills/dashboard.csv", "/skills/dashboard.json"])
def test_the_section_adds_one_query_to_a_cold_dashboard(client, compared, django_assert_max_num_queries, path):
    # The business section's budget (14, with the SAVEPOINT and RELEASE) and this one's grouped query.
    with django_assert_max_num_queries(15):
        assert client.get(path).status_code == 200
    with django_assert_max_num_queries(4):  # every figure cached
        assert client.get(path).status_code == 200
