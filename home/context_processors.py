"""The site's header and footer links, resolved once and kept in the shared cache.

Every page shows them, so reading the settings and the pages they link to on each request
would cost two queries per page. The cached copy is retired with the page cache whenever
editors save the settings or publish pages (`portal.cache`), and expires after ten minutes.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from portal.cache import page_cache_generation

from .models import SiteSettings

CHROME_SECONDS = 600


def _links(stream, fields: tuple[str, ...]) -> list[dict]:
    """Each link's fields (block fields or StructValue properties) as plain, cacheable values."""
    return [
        {"value": {field: item.value[field] if field in item.value else getattr(item.value, field) for field in fields}}
        for item in stream
    ]


def site_chrome_for(request) -> dict:
    key = f"site-chrome:{page_cache_generation()}:{translation.get_language()}"
    chrome = cache.get(key)
    if chrome is None:
        site_settings = SiteSettings.load(request_or_site=request)
        chrome = {
            "contact_email": site_settings.contact_email,
            "main_navigation": _links(site_settings.main_navigation, ("href", "label")),
            "footer_links": _links(site_settings.footer_links, ("href", "label")),
            "social_links": _links(site_settings.social_links, ("url", "label")),
        }
        cache.set(key, chrome, CHROME_SECONDS)
    return chrome


def site_chrome(request) -> dict:
    """`site_chrome`: contact email and the navigation, footer and social links as plain data.

    Also what listing templates need to cache the part of the page that is the same for
    everyone, signed in or not: `{% cache fragment_cache_seconds name cache_generation
    request.get_full_path %}` is retired with the page cache and expires with it."""
    return {
        "site_chrome": SimpleLazyObject(lambda: site_chrome_for(request)),
        "fragment_cache_seconds": settings.PAGE_CACHE_SECONDS,
        "cache_generation": SimpleLazyObject(page_cache_generation),
    }
