"""Figures the town dashboard shows for challenges and projects, as of a moment in time."""

from datetime import datetime

from .models import ChallengePage, ChallengeStatus, ProjectPage, Stage


def challenges_completed(as_of: datetime) -> int:
    """Published challenges marked completed, first published by `as_of`."""
    return ChallengePage.objects.live().filter(status=ChallengeStatus.COMPLETED, first_published_at__lte=as_of).count()


def projects_in_use(as_of: datetime) -> int:
    """Published projects at the "in use" stage, first published by `as_of`."""
    return ProjectPage.objects.live().filter(stage=Stage.IN_USE, first_published_at__lte=as_of).count()


def businesses_with_challenge(as_of: datetime) -> int:
    """Confirmed organisations with at least one published challenge by `as_of`."""
    return (
        ChallengePage.objects.live()
        .filter(first_published_at__lte=as_of, organisation__is_confirmed=True)
        .values("organisation")
        .distinct()
        .count()
    )
