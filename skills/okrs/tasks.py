"""Background work for the dashboard: the monthly OKR snapshot (a scheduler may also run
`python manage.py snapshot_okrs`) and recomputing cached figures."""

from functools import partial

from django_tasks import task

from .snapshots import record_snapshots


@task()
def snapshot_okrs() -> int:
    return record_snapshots()


@task()
def refresh_figures(filters: dict) -> None:
    """Recompute one set of dashboard figures in the background (see `town_figures`)."""
    from skills.dashboard_figures import Filters, compute_figures, store

    chosen = Filters.from_json(filters)
    store(chosen.cache_key(), partial(compute_figures, chosen))


@task()
def refresh_okr_summary() -> None:
    """Recompute the OKR scores and trends the dashboard shows."""
    from skills.dashboard_figures import store

    from .snapshots import OKR_SUMMARY_KEY, build_summary

    store(OKR_SUMMARY_KEY, build_summary)
