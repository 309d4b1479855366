from django.core.management.base import BaseCommand

from events.reminders import purge_access_needs


class Command(BaseCommand):
    help = "Delete access needs from bookings for events that ended more than 30 days ago."

    def handle(self, *args, **options):
        self.stdout.write(f"Cleared access needs from {purge_access_needs()} booking(s).")
