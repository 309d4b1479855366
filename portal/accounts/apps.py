from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = gettext_lazy("Accounts")

    def ready(self):
        from . import signals  # noqa: F401
