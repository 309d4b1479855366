"""What the business app does when other things happen (connected in `BusinessConfig.ready`)."""

from django.db.models.signals import post_delete, post_save


def connect() -> None:
    connect_dashboard_figures()


def connect_dashboard_figures() -> None:
    """Retire the cached dashboard figures when what the business figures count changes: a
    check or its results saved or deleted, the national figure edited, or a dimension
    renamed (its English name is kept with the figures)."""
    from skills.dashboard_figures import invalidate_figures

    from .models import BusinessCheck, Dimension, DimensionResult, NationalReference

    for model in (BusinessCheck, DimensionResult, NationalReference, Dimension):
        post_save.connect(invalidate_figures, sender=model, dispatch_uid=f"dashboard-save-business-{model.__name__}")
        post_delete.connect(
            invalidate_figures, sender=model, dispatch_uid=f"dashboard-delete-business-{model.__name__}"
        )
