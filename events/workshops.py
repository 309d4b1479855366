"""Do workshops help? Level rises between two results, with and without an event between.

A pair is one signed-in person's two consecutive measured results in one area: each area
result is paired with the same person's previous one in that area. Carried-over area
results (copies of an earlier level made by a focused re-check) are no measurements and
are left out entirely, so a focused re-check's asked areas pair with the previous real
result. A pair "attended" when the person was checked in, between the two results, at an
event covering that area; it "rose" when the later level is higher.

One grouped query brings back a handful of rows however many results there are
(`grouped_pairs`); `build_figures` then publishes them under the dashboard's disclosure
control. The figures are cached like the dashboard's own and retired with them when an
assessment, an area result or a registration changes (`events.apps`).

The comparison is not a causal estimate: people who choose to attend differ from those
who do not.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Window,
)
from django.db.models.functions import ExtractQuarter, ExtractYear, Lag
from django.utils import timezone
from django.utils.translation import gettext_lazy

from skills.dashboard import cell_json, protect_group, share
from skills.dashboard_figures import cached, reference_data
from skills.models import AreaResult

from .models import EventPage, Registration

CACHE_KEY = "dashboard:workshops"
GROUPS = ("attended", "not_attended")

CAVEAT = gettext_lazy(
    "People who choose to come to a workshop differ from those who do not: they may be keener to learn, or "
    "have more time. So this comparison does not show that workshops cause the rise; it only sets the two "
    "groups side by side."
)


def grouped_pairs() -> list[tuple[int, int, int, bool, bool, int, bool]]:
    """(area id, year, quarter, attended, rose, pairs, includes demo data) per group, the
    quarter being the later result's: one query.

    The inner query counts, for each measured area result, the events covering its area
    that its person had been checked in at, starting before it (a join and a count per
    result, so the planner sees a cheap plan, not a subquery per row), and takes the same
    person's previous result in that area and its count with `Lag` over person and area, by
    completion. An event between the two results makes the later count larger. The outer
    query groups those pairs: SQL cannot group by a window function in the query that
    computes it."""
    registration = "assessment__user__registrations__"
    events_by_now = Count(
        f"{registration}id",
        filter=Q(
            **{
                f"{registration}checked_in_at__isnull": False,
                f"{registration}event__areas": F("area"),
                f"{registration}event__start__lt": F("assessment__completed_at"),
            }
        ),
    )
    person_and_area = {
        "partition_by": [F("assessment__user_id"), F("area_id")],
        "order_by": [F("assessment__completed_at").asc(), F("assessment_id").asc()],
    }
    pairs = (
        AreaResult.objects.filter(carried_over=False, assessment__user__isnull=False)
        .values("id")
        .annotate(
            pair_area=F("area_id"),
            pair_level=F("level"),
            pair_year=ExtractYear("assessment__completed_at"),
            pair_quarter=ExtractQuarter("assessment__completed_at"),
            pair_demo=F("assessment__is_demo"),
            events_by_now=events_by_now,
        )
        .annotate(
            events_by_then=Window(Lag(events_by_now), **person_and_area),
            previous_level=Window(Lag("level"), **person_and_area),
        )
        .values(
            "pair_area", "pair_year", "pair_quarter", "pair_level", "pair_demo", "previous_level", "events_by_now",
            "events_by_then",
        )
        .order_by()
    )  # fmt: skip
    inner, params = pairs.query.sql_with_params()
    q = connection.ops.quote_name
    sql = (
        f"SELECT {q('pair_area')}, {q('pair_year')}, {q('pair_quarter')}, "
        f"CASE WHEN {q('events_by_now')} > {q('events_by_then')} THEN 1 ELSE 0 END, "
        f"CASE WHEN {q('pair_level')} > {q('previous_level')} THEN 1 ELSE 0 END, "
        f"COUNT(*), MAX(CASE WHEN {q('pair_demo')} THEN 1 ELSE 0 END) "
        f"FROM ({inner}) {q('pairs')} WHERE {q('previous_level')} IS NOT NULL "
        "GROUP BY 1, 2, 3, 4, 5"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            (area, year, quarter, bool(attended), bool(rose), count, bool(demo))
            for area, year, quarter, attended, rose, count, demo in cursor.fetchall()
        ]


def build_figures(rows: Iterable[tuple], areas: list[dict]) -> dict:
    """Publish grouped pairs under the dashboard's disclosure control.

    rows: (area id, year, quarter, attended, rose, pairs[, includes demo data]) per group.
    areas: dicts with id, slug and name, in the order to show them.
    Returns {"areas": [...], "quarters": [...], "includes_demo_data"}: for each area (every
    area, even with no pairs) and each quarter of a later result, for those who attended
    and those who did not, the pairs ("people", a protected count) and the whole percentage
    of them whose level rose ("rose_share"). The pairs of each group across the areas add
    up to a total that the quarters give away, so they are protected as a group; so are
    the pairs that rose, whose rounded counts the percentages give back; and likewise
    across the quarters.
    """
    by_area = {area["id"]: {group: [0, 0] for group in GROUPS} for area in areas}
    by_quarter: dict[str, dict[str, list[int]]] = {}
    includes_demo_data = False
    for area_id, year, quarter, attended, rose, count, *demo in rows:
        includes_demo_data |= bool(demo and demo[0])
        group = GROUPS[0] if attended else GROUPS[1]
        targets = [by_quarter.setdefault(f"{year} Q{quarter}", {key: [0, 0] for key in GROUPS})]
        if area_id in by_area:
            targets.append(by_area[area_id])
        for target in targets:
            target[group][0] += count
            target[group][1] += count if rose else 0
    area_figures = _protected(by_area)
    quarter_figures = _protected({key: by_quarter[key] for key in sorted(by_quarter)})
    return {
        "areas": [{"slug": area["slug"], "name": area["name"], **area_figures[area["id"]]} for area in areas],
        "quarters": [{"quarter": quarter, **figures} for quarter, figures in quarter_figures.items()],
        "includes_demo_data": includes_demo_data,
    }


def _protected(counts: dict) -> dict:
    """{key: {group: {"people", "rose_share"}}} from {key: {group: [pairs, rose]}}."""
    published = {key: {} for key in counts}
    for group in GROUPS:
        people = {key: value[group][0] for key, value in counts.items()}
        rose = {key: value[group][1] for key, value in counts.items()}
        people_cells, rose_cells = protect_group(people), protect_group(rose)
        for key in counts:
            published[key][group] = {
                "people": cell_json(people_cells[key]),
                "rose_share": share(rose[key], people[key], rose_cells[key], people_cells[key]),
            }
    return published


def compute_figures() -> dict:
    """The grouped query and the cached areas, folded and protected."""
    _wards, areas, _levels = reference_data()
    figures = build_figures(grouped_pairs(), areas)
    figures["generated_at"] = timezone.now().isoformat(timespec="seconds")
    return figures


def workshop_figures() -> dict:
    """The published figures, cached like the dashboard's own."""
    from .tasks import refresh_workshop_figures

    return cached(CACHE_KEY, compute_figures, refresh_workshop_figures.enqueue)


# The key result "attendees who rose a level within 3 months" (`okr_metrics`).

RISE_WITHIN = timedelta(days=92)  # three months


def attendance_counts(as_of: datetime) -> dict:
    """Checked-in attendances up to `as_of` ("attendances"); those of a signed-in person
    with a measured result, before the event started, in one of the event's areas
    ("counted"); and those of them with a later measured result in one of those areas, after
    the event started, within three months of its end and by `as_of`, at a higher level
    than the person's last measured level in that area before the event ("rose"). One
    query per moment, shared by both attendance metrics."""
    # Each subquery starts from the person's own results (SQLite would otherwise walk every
    # result in the event's areas, evaluating the level before for each).
    event_areas = EventPage.areas.through.objects.filter(eventpage_id=OuterRef(OuterRef("event_id"))).values("area_id")
    measured = AreaResult.objects.filter(
        carried_over=False, assessment__user_id=OuterRef("user_id"), area_id__in=event_areas
    )
    level_before = Subquery(
        AreaResult.objects.filter(
            carried_over=False,
            assessment__user_id=OuterRef(OuterRef("user_id")),
            area_id=OuterRef("area_id"),
            assessment__completed_at__lt=OuterRef(OuterRef("event__start")),
        )
        .order_by("-assessment__completed_at", "-assessment_id")
        .values("level")[:1]
    )
    window_end = ExpressionWrapper(OuterRef("event__end") + RISE_WITHIN, output_field=DateTimeField())
    rose_after = measured.filter(
        Q(assessment__completed_at__gt=OuterRef("event__start"))
        & Q(assessment__completed_at__lte=window_end)
        & Q(assessment__completed_at__lte=as_of),
        level__gt=level_before,
    )
    had_result = Q(user__isnull=False) & Exists(measured.filter(assessment__completed_at__lt=OuterRef("event__start")))
    return Registration.objects.filter(checked_in_at__isnull=False, checked_in_at__lte=as_of).aggregate(
        attendances=Count("pk"),
        counted=Count("pk", filter=had_result),
        rose=Count("pk", filter=had_result & Exists(rose_after)),
    )
