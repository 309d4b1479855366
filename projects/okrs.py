"""Figures the town dashboard shows for challenges and projects, as of a moment in time."""

from datetime import datetime

from django.db.models import Count, Q

from .models import ChallengePage, ChallengeStatus, ProjectPage, Stage


def challenge_counts(as_of: datetime) -> dict:
    """Of the challenges published by `as_of`, one query: how many are marked completed,
    and how many confirmed organisations posted at least one."""
    return (
        ChallengePage.objects.live()
        .filter(first_published_at__lte=as_of)
        .aggregate(
            completed=Count("pk", filter=Q(status=ChallengeStatus.COMPLETED)),
            businesses=Count("organisation", distinct=True, filter=Q(organisation__is_confirmed=True)),
        )
    )


def projects_in_use(as_of: datetime) -> int:
    """Published projects at the "in use" stage, first published by `as_of`."""
    return ProjectPage.objects.live().filter(stage=Stage.IN_USE, first_published_at__lte=as_of).count()


def project_metrics() -> dict:
    """{metric key: callable(as_of)}, the two challenge metrics sharing one query per moment."""
    measured: dict[datetime, dict] = {}

    def from_challenge_counts(key):
        def measure(as_of: datetime) -> int:
            if as_of not in measured:
                measured[as_of] = challenge_counts(as_of)
            return measured[as_of][key]

        return measure

    return {
        "challenges_completed": from_challenge_counts("completed"),
        "projects_in_use": projects_in_use,
        "businesses_with_challenge": from_challenge_counts("businesses"),
    }
