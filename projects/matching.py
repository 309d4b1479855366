"""Matching student teams with challenges: interest, selection, withdrawal, completion."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from portal.accounts.models import Membership, Organisation, Role
from portal.cache import invalidate_page_cache
from portal.emails import send_templated_email

from .forms import InterestForm
from .models import ChallengePage, ChallengeStatus, Interest, InterestStatus, ProjectPage


def is_student(user) -> bool:
    return user.is_authenticated and user.profile.role == Role.STUDENT


def manages_challenge(user, challenge: ChallengePage) -> bool:
    """Someone who speaks for the challenge's organisation now: a current, confirmed member of it.
    A challenge no organisation is named on yet is managed by its poster while they still post
    for an organisation. Having posted it is not enough: people who leave stop managing it."""
    if not user or not user.is_authenticated:
        return False
    if challenge.organisation_id:
        return speaks_for(user).filter(organisation_id=challenge.organisation_id).exists()
    return challenge.owner_id == user.pk and user.profile.role == Role.ORGANISATION


def speaks_for(user):
    """The person's current, confirmed memberships: the organisations they speak for now."""
    return Membership.objects.filter(user=user, is_confirmed=True)


def load_organisation_and_manages(challenge: ChallengePage, user) -> bool:
    """`manages_challenge` for the challenge page, which shows the organisation anyway: the
    organisation is loaded onto the page with the answer, in one query instead of two."""
    if not challenge.organisation_id or not user.is_authenticated:
        return manages_challenge(user, challenge)
    organisation = (
        Organisation.objects.annotate(viewer_speaks_for=Exists(speaks_for(user).filter(organisation=OuterRef("pk"))))
        .filter(pk=challenge.organisation_id)
        .first()
    )
    if organisation is None:  # deleted since the page was loaded
        return False
    challenge.organisation = organisation
    return organisation.viewer_speaks_for


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
    manages = load_organisation_and_manages(challenge, user)
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
        raise PermissionDenied(_("Only students can take on challenges."))
    challenge = ChallengePage.objects.select_for_update().get(pk=challenge.pk)
    if challenge.status != ChallengeStatus.OPEN or not challenge.live:
        raise ValidationError(_("This challenge is not open for interest."))
    interest, _created = Interest.objects.update_or_create(
        challenge=challenge, student=student, defaults={"note": note, "status": InterestStatus.INTERESTED}
    )
    if manages_challenge(challenge.owner, challenge):  # not someone who has left the organisation
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
        raise PermissionDenied(_("Only the organisation that posted this challenge can pick a team."))
    challenge = ChallengePage.objects.select_for_update().get(pk=challenge.pk)
    if challenge.status != ChallengeStatus.OPEN:
        raise ValidationError(_("A team can be picked only while the challenge is open."))
    if interest.challenge_id != challenge.pk or interest.status != InterestStatus.INTERESTED:
        raise ValidationError(_("That team is no longer interested in this challenge."))
    challenge.interests.filter(status=InterestStatus.INTERESTED).exclude(pk=interest.pk).update(
        status=InterestStatus.NOT_SELECTED
    )
    interest.status = InterestStatus.SELECTED
    interest.save(update_fields=["status", "updated_at"])
    set_status(challenge, ChallengeStatus.IN_PROGRESS)
    # The person who picked speaks for the organisation now; the poster may have left it since.
    context = {"challenge": challenge, "interest": interest, "organisation_contact": user}
    send_templated_email("projects_team_selected", interest.student.email, {**context, "for_student": True})
    send_templated_email("projects_team_selected", user.email, {**context, "for_student": False})


@transaction.atomic
def complete_challenge(challenge: ChallengePage, outcome_html: str, project: ProjectPage | None, user) -> None:
    """Mark the challenge completed with its outcome, linking the project that answered it.

    The project stays the team's page: only its link to the challenge changes, on the live
    page and on its latest revision, so nothing the team has not published is published
    and a draft they are working on keeps their changes."""
    if not can_complete(user, challenge):
        raise PermissionDenied(_("Only the organisation or an editor can complete this challenge."))
    challenge = ChallengePage.objects.select_for_update().get(pk=challenge.pk)
    if challenge.status != ChallengeStatus.IN_PROGRESS:
        raise ValidationError(_("A challenge can be completed only while a team is working on it."))
    if project and not projects_that_may_answer(challenge).filter(pk=project.pk).exists():
        raise ValidationError(_("That project cannot be linked to this challenge."))
    set_status(challenge, ChallengeStatus.COMPLETED, outcome=outcome_html)
    if project and project.challenge_id != challenge.pk:
        ProjectPage.objects.filter(pk=project.pk).update(challenge=challenge)
        if revision := project.latest_revision:
            revision.content["challenge"] = challenge.pk
            revision.save(update_fields=["content"])


def set_status(challenge: ChallengePage, status: str, **values) -> None:
    """Change the status (and any other `values`) on the live page and on its latest revision,
    so a later publish keeps it. An editor's pending draft stays the latest revision, with
    the change applied to it, instead of being replaced by a copy of the live page."""
    values["status"] = status
    draft = challenge.get_latest_revision_as_object() if challenge.has_unpublished_changes else None
    for page in [challenge, draft] if draft is not None else [challenge]:
        for name, value in values.items():
            setattr(page, name, value)
    if challenge.live:
        challenge.save_revision(user=None, log_action=False).publish()
    else:
        ChallengePage.objects.filter(pk=challenge.pk).update(**values)
    if draft is not None or not challenge.live:
        (draft or challenge).save_revision(user=None, log_action=False, clean=False)
    invalidate_page_cache()
