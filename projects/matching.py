"""Matching student teams with challenges: interest, selection, withdrawal, completion."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from portal.accounts.models import Role
from portal.cache import invalidate_page_cache
from portal.emails import send_templated_email

from .forms import InterestForm
from .models import ChallengePage, ChallengeStatus, Interest, InterestStatus, ProjectPage


def is_student(user) -> bool:
    return user.is_authenticated and user.profile.role == Role.STUDENT


def manages_challenge(user, challenge: ChallengePage) -> bool:
    """The submitter or a confirmed member of the challenge's organisation."""
    if not user.is_authenticated:
        return False
    if challenge.owner_id == user.pk:
        return True
    return bool(
        challenge.organisation_id and challenge.organisation.memberships.filter(user=user, is_confirmed=True).exists()
    )


def can_complete(user, challenge: ChallengePage) -> bool:
    """The organisation, or an editor who may publish this challenge."""
    return manages_challenge(user, challenge) or challenge.permissions_for_user(user).can_publish()


def projects_that_may_answer(challenge: ChallengePage):
    """Live projects that already answer this challenge, or that the picked team made and
    that answer no other challenge: the ones completing it may link."""
    picked = challenge.interests.filter(status=InterestStatus.SELECTED).values("student")
    return (
        ProjectPage.objects.live()
        .public()
        .filter(Q(challenge=challenge) | Q(challenge__isnull=True, team_members__in=picked))
        .distinct()
        .order_by("title")
    )


def interest_context(challenge: ChallengePage, user) -> dict:
    """What the challenge page shows this person about interest and the matched team."""
    context = {"can_register_interest": False, "my_interest": None, "selected_interest": None, "manages": False}
    if not user.is_authenticated:
        return context
    interests = list(challenge.interests.select_related("student__profile"))
    mine = next((interest for interest in interests if interest.student_id == user.pk), None)
    selected = next((interest for interest in interests if interest.status == InterestStatus.SELECTED), None)
    manages = manages_challenge(user, challenge)
    context["manages"] = manages
    context["my_interest"] = mine
    context["can_register_interest"] = (
        is_student(user) and challenge.status == ChallengeStatus.OPEN and (not mine or mine.status == "withdrawn")
    )
    if context["can_register_interest"]:
        context["interest_form"] = InterestForm()
    # Contact details are shared only between the organisation and the team it picked.
    if selected and (manages or selected.student_id == user.pk):
        context["selected_interest"] = selected
        context["challenge_contact"] = challenge.owner
    if manages:
        context["interests"] = [i for i in interests if i.status != InterestStatus.WITHDRAWN]
    return context


@transaction.atomic
def register_interest(challenge: ChallengePage, student, note: str) -> Interest:
    if not is_student(student):
        raise PermissionDenied("Only students can take on challenges.")
    challenge = ChallengePage.objects.select_for_update().get(pk=challenge.pk)
    if challenge.status != ChallengeStatus.OPEN or not challenge.live:
        raise ValidationError("This challenge is not open for interest.")
    interest, _ = Interest.objects.update_or_create(
        challenge=challenge, student=student, defaults={"note": note, "status": InterestStatus.INTERESTED}
    )
    if challenge.owner:
        send_templated_email(
            "projects_interest_registered",
            challenge.owner.email,
            {"challenge": challenge, "interest": interest, "recipient": challenge.owner},
        )
    return interest


@transaction.atomic
def withdraw_interest(interest: Interest) -> None:
    """The student steps back; if they had been picked, the challenge opens again."""
    challenge = ChallengePage.objects.select_for_update().get(pk=interest.challenge_id)
    was_selected = interest.status == InterestStatus.SELECTED
    interest.status = InterestStatus.WITHDRAWN
    interest.save(update_fields=["status", "updated_at"])
    if was_selected and challenge.status == ChallengeStatus.IN_PROGRESS:
        set_status(challenge, ChallengeStatus.OPEN)


@transaction.atomic
def select_team(challenge: ChallengePage, interest: Interest, user) -> None:
    """The organisation picks one team: the others are told no, both sides get each other's
    contact details, and the challenge moves to in progress."""
    if not manages_challenge(user, challenge):
        raise PermissionDenied("Only the organisation that posted this challenge can pick a team.")
    challenge = ChallengePage.objects.select_for_update().get(pk=challenge.pk)
    if challenge.status != ChallengeStatus.OPEN:
        raise ValidationError("A team can be picked only while the challenge is open.")
    if interest.challenge_id != challenge.pk or interest.status != InterestStatus.INTERESTED:
        raise ValidationError("That team is no longer interested in this challenge.")
    challenge.interests.filter(status=InterestStatus.INTERESTED).exclude(pk=interest.pk).update(
        status=InterestStatus.NOT_SELECTED
    )
    interest.status = InterestStatus.SELECTED
    interest.save(update_fields=["status", "updated_at"])
    set_status(challenge, ChallengeStatus.IN_PROGRESS)
    context = {"challenge": challenge, "interest": interest, "organisation_contact": challenge.owner}
    send_templated_email("projects_team_selected", interest.student.email, {**context, "for_student": True})
    if challenge.owner:
        send_templated_email("projects_team_selected", challenge.owner.email, {**context, "for_student": False})


@transaction.atomic
def complete_challenge(challenge: ChallengePage, outcome_html: str, project: ProjectPage | None, user) -> None:
    """Mark the challenge completed with its outcome, linking the project that answered it.

    The project stays the team's page: only its link to the challenge changes, on the live
    page and on its latest revision, so nothing the team has not published is published
    and a draft they are working on keeps their changes."""
    if not can_complete(user, challenge):
        raise PermissionDenied("Only the organisation or an editor can complete this challenge.")
    challenge = ChallengePage.objects.select_for_update().get(pk=challenge.pk)
    if challenge.status != ChallengeStatus.IN_PROGRESS:
        raise ValidationError("A challenge can be completed only while a team is working on it.")
    if project and not projects_that_may_answer(challenge).filter(pk=project.pk).exists():
        raise ValidationError("That project cannot be linked to this challenge.")
    challenge.outcome = outcome_html
    set_status(challenge, ChallengeStatus.COMPLETED)
    if project and project.challenge_id != challenge.pk:
        ProjectPage.objects.filter(pk=project.pk).update(challenge=challenge)
        if revision := project.latest_revision:
            revision.content["challenge"] = challenge.pk
            revision.save(update_fields=["content"])


def set_status(challenge: ChallengePage, status: str) -> None:
    """Change the status on the live page and its latest revision, so a later publish keeps it."""
    challenge.status = status
    revision = challenge.save_revision(user=None, log_action=False)
    if challenge.live:
        revision.publish()
    invalidate_page_cache()
