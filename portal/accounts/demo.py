"""Demo accounts, one per role, for trying the portal locally."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from .models import Membership, Organisation, Role, User
from .roles import EDITORS, set_role

DEMO_PASSWORD = "luton-demo-2026"
ADMIN_EMAIL = "admin@example.org"

DEMO_PEOPLE = [
    # email, name, role, organisation, staff groups
    ("resident@example.org", "Amira (demo resident)", Role.RESIDENT, "", []),
    ("student@example.org", "Tomasz (demo student)", Role.STUDENT, "", []),
    ("business@example.org", "Grace (demo business owner)", Role.ORGANISATION, "Bramingham Bakery (demo)", []),
    ("editor@example.org", "Priya (demo editor)", Role.RESIDENT, "", [EDITORS]),
]


def verified_user(email: str, name: str, **extra) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(email=email, defaults=extra)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.profile.display_name = name
        user.profile.save()
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user, created


def build(stdout) -> None:
    verified_user(ADMIN_EMAIL, "Demo administrator", is_staff=True, is_superuser=True)
    for email, name, role, organisation_name, staff_groups in DEMO_PEOPLE:
        user, created = verified_user(email, name)
        if created:
            set_role(user, role, organisation_name)
            user.groups.add(*Group.objects.filter(name__in=staff_groups))
        if organisation_name:
            Organisation.objects.filter(name=organisation_name).update(is_confirmed=True)
            Membership.objects.filter(user=user).update(is_confirmed=True)
    stdout.write(f"Demo accounts ready (password for each: {DEMO_PASSWORD}).")


SIGN_IN_HELP = f"""
Sign in at http://127.0.0.1:8000/accounts/login/
  Administrator: {ADMIN_EMAIL}
  Also: resident@example.org, student@example.org, business@example.org, editor@example.org
  Password for every demo account: {DEMO_PASSWORD}
The admin (http://127.0.0.1:8000/admin/) asks staff to set up two-factor authentication
first, then for a code from it. In local development (DJANGO_DEBUG on) the code 000000 is accepted; anywhere else
use an authenticator app.
"""
