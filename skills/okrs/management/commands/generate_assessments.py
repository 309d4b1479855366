from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from skills.okrs.synthetic import generate


class Command(BaseCommand):
    help = "Create N synthetic assessments (flagged as demo data) spread over the last --days days."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--days", type=int, default=730)
        parser.add_argument("--seed", type=int, default=2030)

    def handle(self, *args, count, days, seed, **options):
        end = timezone.now()
        made = generate(count, end - timedelta(days=days), end, seed=seed)
        self.stdout.write(f"Created {made} synthetic assessments.")
