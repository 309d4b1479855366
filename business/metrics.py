"""The business key results' metrics, given to the OKRs through the `okr_metrics` hook.

Each organisation counts once, by its latest check up to the moment measured, as on the
dashboard (`business.figures.latest_checks`); the values go through the same disclosure
control as every public figure. One aggregate query serves all four metrics at a moment.
"""

from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q

from skills.dashboard import publish_count, share

from .figures import latest_checks
from .models import BusinessCheck

MOVED_UP_WITHIN = timedelta(days=365)


def check_counts(as_of: datetime) -> dict:
    """Organisations checked by `as_of`, and of those, how many use AI, have a written AI
    policy, and have moved up: their latest check has a higher overall stage than an
    earlier check of theirs made at most MOVED_UP_WITHIN before it."""
    lower_before = BusinessCheck.objects.filter(
        organisation=OuterRef("organisation"),
        overall_stage__lt=OuterRef("overall_stage"),
        completed_at__gte=OuterRef("completed_at") - MOVED_UP_WITHIN,
    ).filter(
        Q(completed_at__lt=OuterRef("completed_at")) | Q(completed_at=OuterRef("completed_at"), pk__lt=OuterRef("pk"))
    )
    return latest_checks(as_of).aggregate(
        organisations=Count("pk"),
        using_ai=Count("pk", filter=Q(uses_ai=True)),
        with_policy=Count("pk", filter=Q(has_ai_policy=True)),
        moved_up=Count("pk", filter=Exists(lower_before)),
    )


def businesses_checked(counts: dict) -> int | None:
    return publish_count(counts["organisations"]).value


def businesses_using_ai_share(counts: dict) -> int | None:
    return share(counts["using_ai"], counts["organisations"])


def businesses_ai_policy_share(counts: dict) -> int | None:
    return share(counts["with_policy"], counts["organisations"])


def businesses_moved_up_stage(counts: dict) -> int | None:
    return publish_count(counts["moved_up"]).value


def business_metrics() -> dict:
    """{metric key: callable(as_of)}, the four sharing one query per moment measured."""
    measured: dict[datetime, dict] = {}

    def from_counts(metric):
        def measure(as_of: datetime):
            if as_of not in measured:
                measured[as_of] = check_counts(as_of)
            return metric(measured[as_of])

        return measure

    return {
        "businesses_checked": from_counts(businesses_checked),
        "businesses_using_ai_share": from_counts(businesses_using_ai_share),
        "businesses_ai_policy_share": from_counts(businesses_ai_policy_share),
        "businesses_moved_up_stage": from_counts(businesses_moved_up_stage),
    }
