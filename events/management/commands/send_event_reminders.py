from django.core.management.base import BaseCommand

from events.follow_ups import send_follow_ups
from events.reminders import purge_access_needs, send_event_reminders


class Command(BaseCommand):
    help = (
        "Email a reminder to everyone booked on an event in the next 24 hours who wants one, and a follow-up "
        "to everyone who attended an event a week ago (each once), then purge old access needs."
    )

    def handle(self, *args, **options):
        sent = send_event_reminders()
        followed_up = send_follow_ups()
        purged = purge_access_needs()
        self.stdout.write(
            f"Sent {sent} reminder(s) and {followed_up} follow-up(s); "
            f"cleared access needs from {purged} old booking(s)."
        )
