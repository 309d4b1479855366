from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class SkillsConfig(AppConfig):
    name = "skills"
    verbose_name = gettext_lazy("Skills")

    def ready(self):
        from . import signals

        signals.connect()
