from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save

from portal.cache import invalidate_page_cache

from .journey import claim_results


def claim_on_sign_in(sender, request, user, **kwargs):
    """Signing up or signing in keeps the results taken earlier in the same browser session."""
    if request is not None and hasattr(request, "session"):
        claim_results(request.session, user)


def connect() -> None:
    from portal.accounts.models import Ward

    from .dashboard_figures import REFERENCE_KEY, forget_reference
    from .models import Area, AreaLevelDescription, AreaTranslation, Level, LevelTranslation

    user_logged_in.connect(claim_on_sign_in, dispatch_uid="skills-claim-results")
    # /skills/ and /skills/framework/ are cached for anonymous visitors and show these.
    for model in (Area, AreaLevelDescription, Level, AreaTranslation, LevelTranslation):
        post_save.connect(invalidate_page_cache, sender=model, dispatch_uid=f"pagecache-skills-{model.__name__}")
        post_delete.connect(invalidate_page_cache, sender=model, dispatch_uid=f"pagecache-skills-del-{model.__name__}")
    forget_reference(REFERENCE_KEY, (Ward, Area, Level))
