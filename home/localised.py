"""Pages in the reader's language, or in English when nobody has translated them yet.

Editors translate pages with wagtail-localize, each language in its own tree. A page with
no translation is never a 404: /pl/about/ shows the English "About" page with the Polish
interface around it and a one-line notice, and links to English pages keep the reader in
the language they are reading.
"""

from functools import cache
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from wagtail.models import Locale, Site
from wagtail.url_routing import RouteResult

from portal.i18n import html_lang, offered_languages, path_in_language


@cache
def locale_language(locale_id: int) -> str:
    return Locale.objects.values_list("language_code", flat=True).get(pk=locale_id)


@cache
def language_locale(language: str) -> int | None:
    return Locale.objects.filter(language_code=language).values_list("pk", flat=True).first()


@receiver(post_save, sender=Locale)
@receiver(post_delete, sender=Locale)
def forget_locale_languages(**kwargs):
    locale_language.cache_clear()
    language_locale.cache_clear()


def reading_another_language(page) -> bool:
    """True when the reader's language has no translation of `page`, so it is shown as written."""
    return locale_language(page.locale_id) != translation.get_language()


class ReadersLanguageMixin:
    """Links to a page not translated into the reader's language keep the reader's prefix:
    an English page read in Urdu is at /ur/… (served in English by `serve` below)."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or locale_language(self.locale_id) != settings.LANGUAGE_CODE:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, path_in_language(page_path, translation.get_language())

    def get_sitemap_urls(self, request=None):
        """The page once in each language offered, each entry naming all of them (and English
        as the default) as alternates, as search engines expect."""
        entries = super().get_sitemap_urls(request)
        languages = offered_languages()
        if len(languages) < 2:
            return entries
        in_languages = []
        for entry in entries:
            root_url, path = split_url(entry["location"])
            alternates = [
                {"lang_code": html_lang(code), "location": root_url + path_in_language(path, code)}
                for code in languages
            ]
            alternates.append({"lang_code": "x-default", "location": root_url + path})
            in_languages += [
                {**entry, "location": alternate["location"], "alternates": alternates} for alternate in alternates[:-1]
            ]
        return in_languages


def split_url(url: str) -> tuple[str, str]:
    """ "https://example.org/about/" as ("https://example.org", "/about/")."""
    parsed = urlsplit(url)
    return f"{parsed.scheme}://{parsed.netloc}", urlunsplit(("", "", parsed.path, parsed.query, ""))


def route(root, request, parts):
    try:
        return root.specific.route(request, parts)
    except Http404:
        return None


def live_translation(page, locale_id: int):
    """The published translation of `page` into a locale, in one query, or None."""
    return type(page).objects.filter(translation_key=page.translation_key, locale_id=locale_id, live=True).first()


def same_address(translation, page) -> bool:
    """True when a translation keeps the page's slugs, so it lives at the same address under
    its language's prefix (each tree's first segment is its own home page's slug)."""
    return translation.url_path.split("/")[2:] == page.url_path.split("/")[2:]


def served_by(result: RouteResult, page) -> RouteResult:
    """The same route served by `page`, a translation of the page found: a routable page's
    sub-page view is the translation's own method."""
    if result.args and getattr(result.args[0], "__self__", None) is result.page:
        view, args, kwargs = result.args
        return RouteResult(page, args=(getattr(page, view.__name__), args, kwargs))
    return RouteResult(page, args=result.args, kwargs=result.kwargs)


def serve(request, path):
    """Wagtail's page view: the page at the address, served by its translation into the
    reader's language where there is one (or sending the reader to a translation that lives
    at another address), and as written in English where there is none."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    parts = [part for part in path.split("/") if part]
    english = site.root_page
    locale_id = language_locale(translation.get_language())
    found = route(english, request, parts)
    if locale_id not in (None, english.locale_id):
        if found is None:
            # A translation at an address of its own (/pl/o-nas/ for /about/).
            translated_root = english.get_translation_or_none(locale_id)
            found = translated_root and route(translated_root, request, parts)
        elif (translated := live_translation(found.page, locale_id)) is not None:
            if same_address(translated, found.page):
                found = served_by(found, translated)
            elif not found.args:
                return redirect(translated.url)
    from wagtail import views as wagtail_views  # needs the models loaded

    # Wagtail's view (its hooks, privacy and serving) takes the route found here.
    request._wagtail_route_for_request = found
    return wagtail_views.serve(request, path)
