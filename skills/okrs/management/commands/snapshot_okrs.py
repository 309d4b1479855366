from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from skills.okrs.snapshots import record_snapshots


class Command(BaseCommand):
    help = "Record every key result's value for this month (or --month YYYY-MM). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="The month to record, e.g. 2026-10. Default: this month.")

    def handle(self, *args, month=None, **options):
        try:
            day = datetime.strptime(month, "%Y-%m").date() if month else None
        except ValueError as error:
            raise CommandError("Give the month as YYYY-MM, for example 2026-10") from error
        count = record_snapshots(day)
        self.stdout.write(f"Recorded {count} key result snapshots.")
