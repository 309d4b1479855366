from django.contrib.auth.signals import user_logged_in

from .journey import claim_results


def claim_on_sign_in(sender, request, user, **kwargs):
    """Signing up or signing in keeps the checks taken earlier in the same browser session."""
    if request is not None and hasattr(request, "session"):
        claim_results(request.session, user)


def connect() -> None:
    user_logged_in.connect(claim_on_sign_in, dispatch_uid="business-claim-results")
