"""What the business app does when other things happen (connected in `BusinessConfig.ready`)."""

from django.db.models.signals import post_delete, post_save


def connect() -> None:
    connect_dashboard_figures()


def connect_dashboard_figures() -> None:
    """Retire the cached dashboard figures when what the business figures count changes: a
    check or its results saved or deleted, the national figure edited (it is kept apart
    from the figures too), or a dimension renamed (its English name is kept with them)."""
    from skills.dashboard_figures import forget_reference, invalidate_figures

    from .figures import NATIONAL_KEY
    from .models import BusinessCheck, Dimension, DimensionResult, NationalReference

    forget_reference(NATIONAL_KEY, [NationalReference])
    for model in (BusinessCheck, DimensionResult, Dimension):
        post_save.connect(invalidate_figures, sender=model, dispatch_uid=f"dashboard-save-business-{model.__name__}")
        post_delete.connect(
            invalidate_figures, sender=model, dispatch_uid=f"dashboard-delete-business-{model.__name__}"
        )
