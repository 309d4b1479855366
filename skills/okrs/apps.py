from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class OkrsConfig(AppConfig):
    """The council's objectives and key results for the ambition, and their monthly snapshots."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "skills.okrs"
    label = "okrs"
    verbose_name = gettext_lazy("OKRs")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from skills.dashboard_figures import invalidate_figures
        from skills.models import AreaResult, Assessment

        from .models import KeyResult, KeyResultSnapshot, Objective

        # New or removed results change the town's figures; edited OKRs change their scores.
        for model in (Assessment, AreaResult, Objective, KeyResult, KeyResultSnapshot):
            post_save.connect(invalidate_figures, sender=model, dispatch_uid=f"dashboard-save-{model.__name__}")
            post_delete.connect(invalidate_figures, sender=model, dispatch_uid=f"dashboard-delete-{model.__name__}")
