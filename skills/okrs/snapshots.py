"""Monthly snapshots of every key result, and the current state the dashboard shows."""

import calendar
from datetime import date, datetime, time

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from skills.dashboard import cell_json, publish_count, share
from skills.dashboard_figures import CACHE_SECONDS, cached, generation
from skills.models import Assessment

from .metrics import collect_metrics, measure
from .models import KeyResult, KeyResultSnapshot, Objective
from .progress import GOOD_STRETCH, objective_score, progress


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> datetime:
    """The last moment of the month, or now if the month has not ended."""
    last_day = calendar.monthrange(month.year, month.month)[1]
    end = timezone.make_aware(datetime.combine(month.replace(day=last_day), time.max))
    return min(end, timezone.now())


@transaction.atomic
def record_snapshots(month: date | None = None) -> int:
    """Record each key result's value for `month` (default: this month), replacing any
    earlier snapshot for that month so running it again changes nothing. Returns how many."""
    month = month_start(month or timezone.localdate())
    as_of = month_end(month)
    metrics = collect_metrics()
    key_results = list(KeyResult.objects.all())
    for key_result in key_results:
        KeyResultSnapshot.objects.update_or_create(
            key_result=key_result, month=month, defaults={"value": measure(key_result, as_of, metrics)}
        )
    return len(key_results)


OKR_SUMMARY_KEY = "okrs:summary"


def okr_summary() -> list[dict]:
    """Every objective with its key results' current values, progress and monthly trend,
    cached like the dashboard figures."""
    from .tasks import refresh_okr_summary

    return cached(OKR_SUMMARY_KEY, build_summary, refresh_okr_summary.enqueue)


def build_summary() -> list[dict]:
    now = timezone.now()
    metrics = collect_metrics()
    objectives = list(Objective.objects.prefetch_related("key_results__snapshots"))
    this_month = month_start(timezone.localdate())
    if any(
        all(snapshot.month != this_month for snapshot in key_result.snapshots.all())
        for objective in objectives
        for key_result in objective.key_results.all()
    ):
        # The first look at the OKRs in a new month records the month: a periodic task
        # that needs no scheduler (cron can still run `snapshot_okrs` as well).
        from .tasks import snapshot_okrs

        transaction.on_commit(snapshot_okrs.enqueue)
    summary = []
    for objective in objectives:
        results = []
        for key_result in objective.key_results.all():
            current = measure(key_result, now, metrics)
            results.append(
                {
                    "id": key_result.pk,
                    "title": key_result.title,
                    "metric": key_result.get_metric_display(),
                    "baseline": key_result.baseline,
                    "target": key_result.target,
                    "unit": key_result.unit,
                    "confidence": key_result.confidence,
                    "owner": key_result.owner,
                    "current": None if current is None else round(current, 1),
                    "progress": progress(current, key_result.baseline, key_result.target),
                    "trend": [
                        (snapshot.month.strftime("%b %Y"), snapshot.value) for snapshot in key_result.snapshots.all()
                    ],
                }
            )
        summary.append(
            {
                "title": objective.title,
                "description": objective.description,
                "period": objective.period,
                "score": objective_score(result["progress"] for result in results),
                "key_results": results,
            }
        )
    return summary


def home_summary() -> dict:
    """The home page's short version in two queries: headline figures, and each
    objective's score from its key results' latest monthly snapshots."""
    key = f"okrs:{generation()}:home"
    summary = cache.get(key)
    if summary is None:
        counts = Assessment.objects.aggregate(
            total=Count("id"), ready=Count("id", filter=Q(is_ai_ready=True)), demo=Count("id", filter=Q(is_demo=True))
        )
        participants = publish_count(counts["total"])
        latest = KeyResultSnapshot.objects.filter(key_result=OuterRef("pk"), value__isnull=False).order_by("-month")
        key_results = KeyResult.objects.select_related("objective").annotate(
            latest=Subquery(latest.values("value")[:1])
        )
        objectives: dict[int, dict] = {}
        for key_result in key_results.order_by("objective__sort_order", "objective__title", "sort_order"):
            objective = objectives.setdefault(
                key_result.objective_id, {"title": key_result.objective.title, "progresses": []}
            )
            objective["progresses"].append(progress(key_result.latest, key_result.baseline, key_result.target))
        summary = {
            # Shared by readers of every language: `skills.dashboard.localised` translates the reason.
            "participants": cell_json(participants),
            "ai_ready_share": share(counts["ready"], counts["total"]),
            "includes_demo_data": counts["demo"] > 0,
            "objectives": [
                {"title": objective["title"], "score": objective_score(objective["progresses"])}
                for objective in objectives.values()
            ],
        }  # fmt: skip
        cache.set(key, summary, CACHE_SECONDS)
    return summary


__all__ = ["GOOD_STRETCH", "home_summary", "okr_summary", "record_snapshots"]
