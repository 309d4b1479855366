from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Challenges and projects"

    def ready(self):
        from . import signals  # noqa: F401
