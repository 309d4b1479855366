from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse

from portal.emails import queue_email


class AccountAdapter(DefaultAccountAdapter):
    """Allauth, speaking for the portal: emails go through the task queue after commit."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        queue_email(self.render_mail(template_prefix, email, ctx))

    def get_signup_redirect_url(self, request) -> str:
        return reverse("me")
