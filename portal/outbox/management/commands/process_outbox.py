from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.outbox import sending

# Finished task results are kept this long for troubleshooting, then deleted.
KEEP_TASK_RESULTS_FOR = timedelta(days=7)


class Command(BaseCommand):
    help = (
        "Send outgoing email that is due (a retry whose time has come, or one the queue never got), "
        "delete email sent more than 90 days ago and finished task results older than a week."
    )

    def handle(self, *args, **options):
        sent = sending.send_due()
        pruned = sending.prune()
        results = prune_task_results()
        self.stdout.write(f"Sent {sent} due email(s); deleted {pruned} old sent email(s) and {results} task result(s).")


def prune_task_results() -> int:
    if "django_tasks_db" not in settings.INSTALLED_APPS:
        return 0
    from django_tasks_db.models import DBTaskResult

    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=timezone.now() - KEEP_TASK_RESULTS_FOR).delete()
    return deleted
