from django.core.management.base import BaseCommand

from events.reminders import purge_access_needs, send_event_reminders


class Command(BaseCommand):
    help = (
        "Email a reminder to everyone booked on an event in the next 24 hours who wants one (each once), "
        "then purge old access needs."
    )

    def handle(self, *args, **options):
        sent = send_event_reminders()
        purged = purge_access_needs()
        self.stdout.write(f"Sent {sent} reminder(s); cleared access needs from {purged} old booking(s).")
