"""The dashboard's grouped queries, cached, and the OKR metrics the dashboard computes.

Every aggregate is a grouped query in the database (a handful of rows come back however
many assessments there are); disclosure control then runs on those rows in
`skills.dashboard`. Results are cached for ten minutes and retired at once when an
assessment is saved or deleted.
"""

import hashlib
import time
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from datetime import time as time_of_day
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from portal.accounts.models import Ward

from .dashboard import NOT_GIVEN, THRESHOLD, build_figures, figure_keys, publish_count, share, withheld_by_differences
from .models import Area, AreaResult, Assessment, AssessmentKind, CreatorAward, Level

CACHE_SECONDS = 600
KEEP_SECONDS = 24 * 60 * 60
GENERATION_KEY = "dashboard:generation"
REFERENCE_KEY = "dashboard:reference"


@dataclass(frozen=True)
class Filters:
    """What the reader chose: all optional. `end` is inclusive."""

    start: date | None = None
    end: date | None = None
    age_band: str = ""
    status: str = ""
    ward: str = ""  # a ward's slug, for the ward detail view

    def assessment_q(self, prefix: str = "") -> Q:
        q = Q()
        if self.start:
            q &= Q(**{f"{prefix}completed_at__gte": _start_of(self.start)})
        if self.end:
            q &= Q(**{f"{prefix}completed_at__lt": _start_of(self.end + timedelta(days=1))})
        if self.age_band:
            q &= Q(**{f"{prefix}age_band": self.age_band})
        if self.status:
            q &= Q(**{f"{prefix}status": self.status})
        if self.ward:
            q &= Q(**{f"{prefix}ward__slug": self.ward})
        return q

    def cache_key(self) -> str:
        digest = hashlib.sha256(repr(sorted(asdict(self).items())).encode()).hexdigest()[:24]
        return f"dashboard:figures:{digest}"

    def as_json(self) -> dict:
        return {**asdict(self), "start": _iso(self.start), "end": _iso(self.end)}

    @classmethod
    def from_json(cls, data: dict) -> "Filters":
        dates = {name: date.fromisoformat(data[name]) if data.get(name) else None for name in ("start", "end")}
        return cls(**{**data, **dates})


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time_of_day.min))


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def invalidate_figures(**kwargs) -> None:
    """Retire every cached figure. Safe to use as a signal receiver.

    Whole anonymous pages showing figures are not retired here: at town scale results
    arrive every few minutes, and retiring every cached page each time would empty the
    page cache; those pages refresh within PAGE_CACHE_SECONDS (ten minutes) instead."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def town_figures(filters: Filters = Filters()) -> dict:
    """The published (protected) figures for these filters (see `cached`)."""
    from skills.okrs.tasks import refresh_figures

    return cached(
        filters.cache_key(),
        partial(compute_figures, filters),
        partial(refresh_figures.enqueue, filters.as_json()),
    )


def has_fresh_figures(filters: Filters) -> bool:
    """True when figures for these filters are in the cache and up to date."""
    return is_fresh(cache.get(filters.cache_key()))


def is_fresh(entry: dict | None) -> bool:
    return bool(entry and entry["generation"] == generation() and time.time() - entry["at"] < CACHE_SECONDS)


def cached(key: str, compute, enqueue_refresh):
    """A value kept in the cache, fresh until the data changes or ten minutes pass.

    Once stale, a background worker recomputes it (`enqueue_refresh`) while readers get
    the previous value for those few seconds, so no reader waits for grouped queries at
    town scale. Without a background worker (tests, development) it is recomputed at once.
    """
    entry = cache.get(key)
    if is_fresh(entry):
        return entry["value"]
    if entry and refreshes_in_background():
        if cache.add(f"{key}:refreshing", 1, CACHE_SECONDS):
            transaction.on_commit(enqueue_refresh)
        return entry["value"]
    return store(key, compute)


def store(key: str, compute):
    """Compute a value and keep it (a day at most; fresh for CACHE_SECONDS)."""
    current = generation()
    value = compute()
    cache.set(key, {"generation": current, "at": time.time(), "value": value}, KEEP_SECONDS)
    cache.delete(f"{key}:refreshing")
    return value


def refreshes_in_background() -> bool:
    from django_tasks import task_backends
    from django_tasks.backends.immediate import ImmediateBackend

    return not isinstance(task_backends["default"], ImmediateBackend)


def quarter_number(year: int, quarter: int) -> int:
    """Quarters counted from year 0, so consecutive quarters are consecutive numbers."""
    return year * 4 + quarter - 1


def quarter_of(day: date) -> int:
    return quarter_number(day.year, (day.month + 2) // 3)


def reference(key: str, read):
    """Reference data the figures are built from, such as wards and their populations:
    editors change it rarely, so it is kept until they do (`forget_reference`) instead of
    being read again each time the figures are retired, which is whenever anyone finishes
    a check."""
    entry = cache.get(key)
    if entry is None:
        entry = {"value": read()}
        cache.set(key, entry, KEEP_SECONDS)
    return entry["value"]


def forget_reference(key: str, models) -> None:
    """Connect `models`' saves and deletions to forget the reference data at `key`, and
    retire the figures built from it."""

    def forget(**kwargs):
        cache.delete(key)
        invalidate_figures()

    for model in models:
        post_save.connect(forget, sender=model, weak=False, dispatch_uid=f"forget-{key}-save-{model.__name__}")
        post_delete.connect(forget, sender=model, weak=False, dispatch_uid=f"forget-{key}-delete-{model.__name__}")


def reference_data() -> tuple[list[dict], list[dict], dict[int, str]]:
    """Wards, areas and the names of levels 0–3 (forgotten when one is saved or deleted;
    `skills.signals`)."""

    def read():
        wards = Ward.objects.values(
            "id", "slug", "name", "is_outside_luton", "adult_population", "population_source", "population_year"
        )
        areas = Area.objects.values("id", "slug", "name")
        level_names = Level.objects.filter(number__lte=3).values_list("number", "name")
        return list(wards), list(areas), dict(level_names)

    return reference(REFERENCE_KEY, read)


def compute_figures(filters: Filters) -> dict:
    """Two grouped queries over assessments, whatever the number of assessments, and the
    reference data (`reference_data`). Focused re-checks count no participant, and areas
    they carried over count no area result: each person and measurement counts once.

    The grouped queries count every quarter, not only the chosen ones, so that the figures
    for the chosen quarters can be compared with those for every other run of quarters
    (`withheld_by_differences`)."""
    every_quarter = replace(filters, start=None, end=None)
    by_quarter = {"year": ExtractYear("completed_at"), "quarter": ExtractQuarter("completed_at")}
    # A focused re-check's person was counted already by their full check; its carried-over
    # areas are copies of that check's levels, while its asked areas are new measurements.
    groups = list(
        Assessment.objects.filter(every_quarter.assessment_q())
        .exclude(kind=AssessmentKind.FOCUSED)
        .annotate(**by_quarter)
        .values_list("ward_id", "overall_level", "is_ai_ready", "year", "quarter", "is_demo", "language")
        .annotate(n=Count("id"))
        .order_by()
    )
    area_groups = list(
        AreaResult.objects.filter(every_quarter.assessment_q("assessment__"), carried_over=False)
        .annotate(year=ExtractYear("assessment__completed_at"), quarter=ExtractQuarter("assessment__completed_at"))
        .values_list("area_id", "level", "year", "quarter")
        .annotate(n=Count("id"))
        .order_by()
    )
    wards, areas, level_names = reference_data()
    ward_slug = {ward["id"]: ward["slug"] for ward in wards}

    # Folding a few hundred grouped rows, never the assessments themselves.
    numbers = [quarter_number(row[3], row[4]) for row in groups] + [
        quarter_number(row[2], row[3]) for row in area_groups
    ]
    first_quarter = min(numbers, default=0)
    quarter_count = max(numbers, default=0) - first_quarter + 1
    chosen = range(
        quarter_of(filters.start) - first_quarter if filters.start else 0,
        quarter_of(filters.end) - first_quarter + 1 if filters.end else quarter_count,
    )
    slices: dict[tuple, list[int]] = {}

    def add_to_slices(keys, index, count):
        for key in keys:
            slices.setdefault(key, [0] * quarter_count)[index] += count

    level_rows: dict[tuple, int] = {}
    quarter_rows: dict[tuple, int] = {}
    language_rows: dict[str, int] = {}
    includes_demo_data = False
    for ward_id, level, ready, year, quarter, is_demo, language, count in groups:
        index = quarter_number(year, quarter) - first_quarter
        keys = figure_keys((ward_id, level, ready), ward_slug.get(ward_id, NOT_GIVEN), language)
        add_to_slices(keys, index, count)
        if index not in chosen:
            continue
        includes_demo_data |= is_demo
        level_rows[ward_id, level, ready] = level_rows.get((ward_id, level, ready), 0) + count
        quarter_rows[f"{year} Q{quarter}", ready] = quarter_rows.get((f"{year} Q{quarter}", ready), 0) + count
        language_rows[language] = language_rows.get(language, 0) + count
    area_rows: dict[tuple, int] = {}
    for area_id, level, year, quarter, count in area_groups:
        index = quarter_number(year, quarter) - first_quarter
        add_to_slices([("area", area_id, level)], index, count)
        if index in chosen:
            area_rows[area_id, level] = area_rows.get((area_id, level), 0) + count
    withheld = withheld_by_differences(slices, max(chosen.start, 0), min(chosen.stop, quarter_count) - 1)
    figures = build_figures(
        level_rows=[(*key, count) for key, count in level_rows.items()],
        quarter_rows=[(*key, count) for key, count in quarter_rows.items()],
        area_rows=[(*key, count) for key, count in area_rows.items()],
        wards=wards,
        areas=areas,
        level_names=level_names,
        withheld=withheld,
        language_rows=list(language_rows.items()),
        languages=settings.LANGUAGES,
    )
    figures["generated_at"] = timezone.now().isoformat(timespec="seconds")
    # Invented people must never pass for residents: every page showing these figures says so.
    figures["includes_demo_data"] = includes_demo_data
    return figures


# Metrics for key results (the `okr_metrics` hook): each takes the moment to measure at.


def _ward_counts(as_of: datetime) -> list[dict]:
    """Participants, AI-ready, level-1-everywhere and not-in-English counts per ward up to
    `as_of`, focused re-checks left out (like `compute_figures`): one grouped query serves
    every assessment metric."""
    return list(
        Assessment.objects.filter(completed_at__lte=as_of)
        .exclude(kind=AssessmentKind.FOCUSED)
        .values("ward_id", "ward__is_outside_luton")
        .annotate(
            total=Count("id"),
            ready=Count("id", filter=Q(is_ai_ready=True)),
            explorers=Count("id", filter=Q(overall_level__gte=1)),
            other_languages=Count("id", filter=~Q(language=settings.LANGUAGE_CODE)),
        )
        .order_by()
    )


# Key results are public figures: counts of people go through the same disclosure control.


def _assessed(rows: list[dict]) -> int:
    return sum(row["total"] for row in rows)


def people_assessed(rows: list[dict]) -> int | None:
    return publish_count(_assessed(rows)).value


def ai_ready_share(rows: list[dict]) -> int | None:
    return share(sum(row["ready"] for row in rows), _assessed(rows))


def level_one_all_areas_share(rows: list[dict]) -> int | None:
    # The overall level is the lowest area level, so overall ≥ 1 means level 1 in every area.
    return share(sum(row["explorers"] for row in rows), _assessed(rows))


def assessments_in_other_languages(rows: list[dict]) -> int | None:
    """Assessments taken in a language other than English (rounded, withheld under 10)."""
    return publish_count(sum(row["other_languages"] for row in rows)).value


def wards_within_10_points(rows: list[dict]) -> int | None:
    """Luton wards with at least 10 participants whose AI-ready share is within 10 points
    of the town's participant rate."""
    town = ai_ready_share(rows)
    if town is None:
        return None
    luton = [row for row in rows if row["ward_id"] and not row["ward__is_outside_luton"] and row["total"] >= THRESHOLD]
    return sum(1 for row in luton if abs(100 * row["ready"] / row["total"] - town) <= 10)


def creators(as_of: datetime) -> int | None:
    """People with at least one Creator award by `as_of` (rounded, withheld under 10)."""
    return publish_count(CreatorAward.objects.filter(awarded_at__lte=as_of).values("user").distinct().count()).value


def dashboard_metrics() -> dict:
    """The metrics the dashboard computes, as the `okr_metrics` hook gives them: callables
    of `as_of` that share one grouped query per moment measured."""
    measured: dict[datetime, list[dict]] = {}

    def from_ward_counts(metric):
        def measure(as_of: datetime):
            if as_of not in measured:
                measured[as_of] = _ward_counts(as_of)
            return metric(measured[as_of])

        return measure

    return {
        "ai_ready_share": from_ward_counts(ai_ready_share),
        "level_one_all_areas_share": from_ward_counts(level_one_all_areas_share),
        "people_assessed": from_ward_counts(people_assessed),
        "wards_within_10_points": from_ward_counts(wards_within_10_points),
        "assessments_in_other_languages": from_ward_counts(assessments_in_other_languages),
        "creators": creators,
    }
