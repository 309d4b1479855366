"""Pages in the reader's language, or in English when nobody has translated them yet.

Editors translate pages with wagtail-localize, each language in its own tree. A page with
no translation is never a 404: /pl/about/ shows the English "About" page with the Polish
interface around it and a one-line notice, and links to English pages keep the reader in
the language they are reading.
"""

from functools import cache

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import redirect
from django.utils import translation
from wagtail.models import Locale, Site

from portal.i18n import path_in_language


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


def route(root, request, parts):
    try:
        return root.specific.route(request, parts)
    except Http404:
        return None


def serve(request, path):
    """Wagtail's page view, routed through the reader's language's tree when there is one,
    and falling back to the English page (or sending the reader to its translation, where
    that lives at another address) when the reader's language has none."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    parts = [part for part in path.split("/") if part]
    english = site.root_page
    locale_id = language_locale(translation.get_language())
    found = None
    if locale_id not in (None, english.locale_id):
        translated_root = english.get_translation_or_none(locale_id)
        found = translated_root and route(translated_root, request, parts)
        if found is None:
            found = route(english, request, parts)
            translated = found and found[0].get_translation_or_none(locale_id)
            if translated is not None and translated.live and not found[1]:
                return redirect(translated.url)
    else:
        found = route(english, request, parts)
    from wagtail import views as wagtail_views  # needs the models loaded

    # Wagtail's view (its hooks, privacy and serving) takes the route found here.
    request._wagtail_route_for_request = found
    return wagtail_views.serve(request, path)
