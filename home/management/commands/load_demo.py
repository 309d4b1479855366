from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail import hooks

from portal.accounts.demo import SIGN_IN_HELP


class Command(BaseCommand):
    help = (
        "Build a believable demo site: pages, news, navigation, demo accounts and, through the "
        "`load_demo` hook, each app's own demo content. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            for build in hooks.get_hooks("load_demo"):
                build(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(SIGN_IN_HELP)
