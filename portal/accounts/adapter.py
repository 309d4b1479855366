import time

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse

from portal.emails import queue_email


class AccountAdapter(DefaultAccountAdapter):
    """Allauth, speaking for the portal: emails go through the task queue after commit."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        queue_email(self.render_mail(template_prefix, email, ctx), kind=template_prefix)

    def get_signup_redirect_url(self, request) -> str:
        return reverse("me")

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A person who proved who they are minutes ago (by signing in or re-authenticating)
        is not asked for their password again, e.g. when staff set up MFA on first visit
        to the admin."""
        request = allauth_context.request
        if request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            if records and time.time() - records[-1]["at"] < app_settings.REAUTHENTICATION_TIMEOUT:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)
