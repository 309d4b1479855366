from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Events"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from skills.dashboard_figures import invalidate_figures

        from .models import Registration

        # Bookings and check-ins change "Do workshops help?" and the attendance key results.
        post_save.connect(invalidate_figures, sender=Registration, dispatch_uid="dashboard-save-Registration")
        post_delete.connect(invalidate_figures, sender=Registration, dispatch_uid="dashboard-delete-Registration")
