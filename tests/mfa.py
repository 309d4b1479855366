"""Two-factor authentication helpers for tests: enrol a person and compute their codes."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt
from django.urls import reverse


def enrol_totp(user) -> str:
    """Give `user` an authenticator app; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(user, offset: int = 0) -> str:
    """The code the person's authenticator app shows now (or `offset` 30-second steps away).

    Near the end of a 30-second step it waits for the next one, so the code is still the
    current one when the request that uses it arrives (the portal allows no clock drift).
    """
    left_in_step = 30 - time.time() % 30
    if left_in_step < 2:
        time.sleep(left_in_step)
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def sign_in_with_code(client, user) -> None:
    """Sign `user` in with their password and an authenticator code, enrolling them first."""
    from portal.accounts.factories import PASSWORD

    enrol_totp(user)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(user)})
    assert response.status_code == 302, "the second step of signing in failed"
