"""Roles are Django groups, so Wagtail's group permissions and page privacy apply to them."""

from django.contrib.auth.models import Group
from django.db import transaction

from .models import Membership, Organisation, Role

RESIDENTS = "Residents"
STUDENTS = "Students"
ORGANISATION_MEMBERS = "Organisation members"
EDITORS = "Editors"
MODERATORS = "Moderators"
ANALYSTS = "Analysts"

# Groups a person joins by choosing a role; staff groups are granted only by an administrator.
SELF_CHOSEN_GROUPS = {
    Role.RESIDENT: [RESIDENTS],
    Role.STUDENT: [RESIDENTS, STUDENTS],
    Role.ORGANISATION: [RESIDENTS, ORGANISATION_MEMBERS],
}


def find_or_create_organisation(name: str) -> Organisation:
    """The organisation with this name (any letter case), created unconfirmed if new."""
    name = " ".join(name.split())
    organisation = Organisation.objects.filter(name__iexact=name).first()
    return organisation or Organisation.objects.create(name=name)


@transaction.atomic
def set_role(user, role: str, organisation_name: str = "") -> None:
    """Record the person's role, move them into its groups and, for organisation members,
    ask to join the named organisation (an editor confirms it). A person speaks for one
    organisation at most: leaving the role, or naming another, ends the other memberships."""
    profile = user.profile
    profile.role = role
    profile.save(update_fields=["role", "updated_at"])

    chosen = {name for names in SELF_CHOSEN_GROUPS.values() for name in names}
    wanted = set(SELF_CHOSEN_GROUPS[Role(role)])
    user.groups.remove(*Group.objects.filter(name__in=chosen - wanted))
    user.groups.add(*Group.objects.filter(name__in=wanted))

    if role == Role.ORGANISATION and organisation_name:
        organisation = find_or_create_organisation(organisation_name)
        Membership.objects.get_or_create(user=user, organisation=organisation)
        Membership.objects.filter(user=user).exclude(organisation=organisation).delete()
    elif role != Role.ORGANISATION:
        Membership.objects.filter(user=user).delete()


def is_confirmed_member(user) -> bool:
    """True when the person belongs to at least one organisation an editor has confirmed."""
    return Membership.objects.filter(user=user, is_confirmed=True, organisation__is_confirmed=True).exists()
