from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.i18n import path_without_language

ADMIN_PREFIX = "/admin/"
STRONG_FACTORS = ["totp", "webauthn"]
# What would let someone holding only the password take over the second factor or the account.
SECOND_FACTOR_MANAGEMENT_PREFIXES = ("/accounts/2fa/", "/accounts/password/change/", "/accounts/email/")
SECOND_FACTOR_ENTRY_PATHS = ("/accounts/2fa/authenticate/", "/accounts/2fa/reauthenticate/")


def signed_in_with_mfa(request) -> bool:
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def second_factor_redirect(request, purpose: str | None = None):
    """A redirect to set up, or to use, two-factor authentication before `purpose` (words
    that complete both messages below, in the reader's language; "use the admin" unless
    told); None when this session has already used a strong second factor."""
    # Translators: completes "Set up two-factor authentication before you …" and
    # "Enter a code from your authenticator app to …".
    purpose = purpose or _("use the admin")
    next_query = urlencode({"next": request.get_full_path()})
    if not is_mfa_enabled(request.user, types=STRONG_FACTORS):
        messages.info(request, _("Set up two-factor authentication before you %(purpose)s.") % {"purpose": purpose})
        return redirect(f"{reverse('mfa_activate_totp')}?{next_query}")
    if not signed_in_with_mfa(request):
        messages.info(request, _("Enter a code from your authenticator app to %(purpose)s.") % {"purpose": purpose})
        return redirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
    return None


def manages_second_factor(request) -> bool:
    """True when a person who has an authenticator app asks to change it, their password or
    their email addresses: the pages that would let a stolen password take the account over."""
    path = path_without_language(request.path)
    return (
        path.startswith(SECOND_FACTOR_MANAGEMENT_PREFIXES)
        and not path.startswith(SECOND_FACTOR_ENTRY_PATHS)
        and request.user.is_authenticated
        and is_mfa_enabled(request.user, types=STRONG_FACTORS)
    )


class AdminRequiresMFAMiddleware:
    """Staff may use the Wagtail admin only with two-factor authentication set up and used
    in this session; anyone else is left to Wagtail's own permission checks. People with an
    authenticator app change it (or their password and addresses) only after using it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = None
        if request.path.startswith(ADMIN_PREFIX):
            if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
                response = second_factor_redirect(request)
        elif manages_second_factor(request):
            # Translators: completes "Set up two-factor authentication before you …" and
            # "Enter a code from your authenticator app to …".
            response = second_factor_redirect(request, _("change your security settings"))
        return response or self.get_response(request)
