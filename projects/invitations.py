"""Inviting people to a project's team by email: nobody joins a team without saying yes.

The submitter learns nothing about who has an account: every address gets the same email
and the same answer. The emailed link carries a random token (the database keeps only its
hash); it is accepted by whoever holds it while signed in with the invited address verified.
"""

import datetime
import hashlib
import secrets
import time

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from portal.cache import invalidate_page_cache
from portal.emails import send_templated_email

from .models import ProjectPage, TeamInvitation

INVITATION_DAYS = 14
INVITATIONS_PER_HOUR = 20
ENTER_ADDRESSES = gettext_lazy("Enter email addresses separated by commas")
TOO_MANY_INVITATIONS = ngettext_lazy(
    "You can invite up to %(limit)d person an hour. Invite fewer people, or try again in an hour.",
    "You can invite up to %(limit)d people an hour. Invite fewer people, or try again in an hour.",
    "limit",
)


def parse_addresses(text: str) -> list[str]:
    """The addresses in comma-separated `text`, in lower case, each once, in the order given.
    Raises ValidationError if any part is not an email address."""
    addresses = []
    for part in text.replace("\n", ",").split(","):
        address = part.strip().lower()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(ENTER_ADDRESSES, code="invalid") from None
        if address not in addresses:
            addresses.append(address)
    return addresses


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def reserve_invitations(user, count: int) -> None:
    """Count `count` more invitations against the person's allowance for this clock hour, in
    the cache every app server shares; raise ValidationError instead if it would go over."""
    key = f"projects:invitations:{user.pk}:{int(time.time() // 3600)}"
    cache.add(key, 0, timeout=3600)
    if cache.incr(key, count) > INVITATIONS_PER_HOUR:
        cache.decr(key, count)
        raise ValidationError(TOO_MANY_INVITATIONS % {"limit": INVITATIONS_PER_HOUR}, code="rate_limited")


def team_addresses(project: ProjectPage) -> set[str]:
    """Every address the team's members sign in with."""
    members = list(project.team_members.all())
    addresses = {member.email.lower() for member in members}
    known = EmailAddress.objects.filter(user__in=members).values_list("email", flat=True)
    addresses |= {email.lower() for email in known}
    return addresses


def invite(project: ProjectPage, addresses: list[str], inviter) -> list[str]:
    """Email an invitation to join `project`'s team to each address not in the team yet (a
    new one replaces any left unanswered). Returns the addresses invited; raises
    ValidationError when that would exceed the inviter's hourly allowance."""
    addresses = [address for address in addresses if address not in team_addresses(project)]
    if not addresses:
        return []
    reserve_invitations(inviter, len(addresses))
    TeamInvitation.objects.filter(
        project=project, email__in=addresses, accepted_at__isnull=True, declined_at__isnull=True
    ).delete()
    expires_at = timezone.now() + datetime.timedelta(days=INVITATION_DAYS)
    for address in addresses:
        token = secrets.token_urlsafe(32)
        invitation = TeamInvitation.objects.create(
            project=project, email=address, token_hash=hash_token(token), invited_by=inviter, expires_at=expires_at
        )
        send_templated_email(
            "projects_team_invitation",
            address,
            {
                "page": project,
                "inviter": inviter,
                "url": settings.WAGTAILADMIN_BASE_URL + reverse("projects:invitation", args=[token]),
                "expires_at": expires_at,
                "days": INVITATION_DAYS,
            },
            related=invitation,
        )
    return addresses


def find(token: str) -> TeamInvitation | None:
    return TeamInvitation.objects.select_related("project", "invited_by").filter(token_hash=hash_token(token)).first()


def holds_address(user, email: str) -> bool:
    """Whether `user` has proved they receive mail at `email`."""
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def refusal(invitation: TeamInvitation, user) -> str:
    """Why `user` cannot answer the invitation, in plain words; empty if they can."""
    if invitation.accepted_at:
        return _("This invitation has already been accepted.")
    if invitation.declined_at:
        return _("This invitation has already been declined.")
    if invitation.is_expired:
        return ngettext(
            "This invitation has expired: invitations last %(days)d day. "
            "Ask the person who invited you to send a new one.",
            "This invitation has expired: invitations last %(days)d days. "
            "Ask the person who invited you to send a new one.",
            INVITATION_DAYS,
        ) % {"days": INVITATION_DAYS}
    if not holds_address(user, invitation.email):
        return _(
            "This invitation was sent to %(invited)s, but you are signed in as %(signed_in)s. "
            "Sign out and sign in with the account for that address, or add and confirm that address "
            "on your account's email page, then open the link again."
        ) % {"invited": invitation.email, "signed_in": user.email}
    return ""


@transaction.atomic
def accept(invitation: TeamInvitation, user) -> None:
    """Add `user` to the project's team, on the page and on its latest revision (which is what
    the team edits and what a moderator's approval publishes), and tell them. Raises
    ValidationError if they cannot accept it."""
    from .signals import award_creator_levels

    invitation = TeamInvitation.objects.select_for_update().get(pk=invitation.pk)
    if reason := refusal(invitation, user):
        raise ValidationError(reason)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    project = ProjectPage.objects.select_for_update().get(pk=invitation.project_id)
    ProjectPage.team_members.through.objects.get_or_create(projectpage=project, user=user)
    if revision := project.latest_revision:
        members = revision.content.get("team_members") or []
        if user.pk not in members:
            revision.content["team_members"] = [*members, user.pk]
            revision.save(update_fields=["content"])
    if project.live:  # published already: the newcomer is a Creator in its areas like the rest
        award_creator_levels(project)
        invalidate_page_cache()
    send_templated_email("projects_team_added", user.email, {"page": project, "submitter": invitation.invited_by})


@transaction.atomic
def decline(invitation: TeamInvitation, user) -> None:
    """Record that the invited person said no. Raises ValidationError if they cannot answer it."""
    invitation = TeamInvitation.objects.select_for_update().get(pk=invitation.pk)
    if reason := refusal(invitation, user):
        raise ValidationError(reason)
    invitation.declined_at = timezone.now()
    invitation.save(update_fields=["declined_at"])


def received_by(user):
    """Invitations sent to the addresses the person has proved are theirs (an unconfirmed one
    could be anybody's)."""
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    received = TeamInvitation.objects.filter(email__in=[address.lower() for address in addresses])
    return received.select_related("project", "invited_by")
