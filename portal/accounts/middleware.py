from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

ADMIN_PREFIX = "/admin/"
STRONG_FACTORS = ["totp", "webauthn"]


def signed_in_with_mfa(request) -> bool:
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def second_factor_redirect(request, purpose: str = "use the admin"):
    """A redirect to set up, or to use, two-factor authentication before `purpose`; None when
    this session has already used a strong second factor."""
    next_query = urlencode({"next": request.get_full_path()})
    if not is_mfa_enabled(request.user, types=STRONG_FACTORS):
        messages.info(request, f"Set up two-factor authentication before you {purpose}.")
        return redirect(f"{reverse('mfa_activate_totp')}?{next_query}")
    if not signed_in_with_mfa(request):
        messages.info(request, f"Enter a code from your authenticator app to {purpose}.")
        return redirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
    return None


class AdminRequiresMFAMiddleware:
    """Staff may use the Wagtail admin only with two-factor authentication set up and used
    in this session. Anyone else is left to Wagtail's own permission checks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith(ADMIN_PREFIX)
            and user.is_authenticated
            and user.has_perm("wagtailadmin.access_admin")
            and (response := second_factor_redirect(request))
        ):
            return response
        return self.get_response(request)
