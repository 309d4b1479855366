"""Whole-page caching for anonymous visitors, shared by every app server through the cache.

A response is stored only when the request carried no session or messages cookie and the
response sets no cookie (so no CSRF token, no personal data). Any change to what public
pages show bumps a generation number, which retires every stored page at once; so does a
deploy that changes the static files, since a stored page names the old CSS and JavaScript.
"""

import hashlib

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .i18n import path_language, path_without_language

GENERATION_KEY = "pagecache:generation"
PRIVATE_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
NEVER_CACHED_PREFIXES = (
    "/admin/",
    "/accounts/",
    "/me/",
    "/healthz",
    "/django-tasks",
    "/skills/assessment",
    "/skills/results",
    "/skills/progress",
)


def page_cache_generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def _bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def invalidate_page_cache(**kwargs) -> None:
    """Retire every cached page and fragment, now and again when the transaction commits,
    so a copy rendered from the old data while it was still committing is retired too.
    Safe to use as a signal receiver."""
    _bump_generation()
    transaction.on_commit(_bump_generation)


def is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not any(name in request.COOKIES for name in PRIVATE_COOKIES)
        and not path_without_language(request.path).startswith(NEVER_CACHED_PREFIXES)
    )


def is_cacheable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def cache_key(request) -> str:
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    # The manifest's hash exists with hashed static file names (production) and changes with them.
    static_version = getattr(staticfiles_storage, "manifest_hash", "")
    # The URL names the language already; the key says it too, so no page can be served in another.
    language = path_language(request.path)
    return f"pagecache:{static_version}:{page_cache_generation()}:{language}:{request.method}:{url}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if is_cacheable_response(response):
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response


def connect_invalidation_signals() -> None:
    """Publishing, unpublishing, moving or deleting a page, or saving site settings,
    changes what anonymous visitors should see."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Page
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(invalidate_page_cache, dispatch_uid=f"pagecache-{signal!r}")
    post_delete.connect(invalidate_page_cache, sender=Page, dispatch_uid="pagecache-page-delete")

    def settings_saved(sender, created=False, **kwargs):
        # A settings row created on first read holds the defaults pages were rendered with.
        if not created and issubclass(sender, (BaseGenericSetting, BaseSiteSetting)):
            invalidate_page_cache()

    post_save.connect(settings_saved, weak=False, dispatch_uid="pagecache-settings")
