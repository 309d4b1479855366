from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail import hooks

from portal.accounts.demo import SIGN_IN_HELP


class Command(BaseCommand):
    help = (
        "Build a believable demo site: pages, news, navigation, demo accounts and, through the "
        "`load_demo` hook, each app's own demo content. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load demo accounts and content even at production settings (a staging site, say).",
        )

    def handle(self, *args, **options):
        if settings.IS_PRODUCTION and not options["allow_production"]:
            raise CommandError(
                "These are production settings: the demo adds accounts with a published password and "
                "invented figures. Run it with --allow-production if this really is a demo or staging site."
            )
        with transaction.atomic():
            for build in hooks.get_hooks("load_demo"):
                build(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(SIGN_IN_HELP)
