from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class BusinessConfig(AppConfig):
    name = "business"
    verbose_name = gettext_lazy("Businesses")

    def ready(self):
        from . import claims, signals

        claims.connect()
        signals.connect()
