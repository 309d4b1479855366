"""Background work for the business figures on the town dashboard."""

from django_tasks import task


@task()
def refresh_figures() -> None:
    """Recompute the cached business figures in the background (see `business_figures`)."""
    from skills.dashboard_figures import store

    from .figures import CACHE_KEY, compute_figures

    store(CACHE_KEY, compute_figures)
