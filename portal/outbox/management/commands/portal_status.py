from django.core.management.base import BaseCommand

from portal.outbox.status import status_lines


class Command(BaseCommand):
    help = "How the background work is doing: the oldest task waiting for the worker and the email backlog."

    def handle(self, *args, **options):
        for line in status_lines():
            self.stdout.write(line)
