"""The portal's languages: English at the URLs of the URL contract, every other language
under its own prefix (/pl/events/, /ur/skills/assessment/). These helpers move a path from
one language to another and tell the templates which languages exist.
"""

from django.conf import settings
from django.utils import translation


def language_prefix(language: str) -> str:
    """ "/pl" for Polish; "" for the site's own language, whose URLs carry no prefix."""
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def path_language(path: str) -> str:
    """The language a path is in: its prefix's, or the site's own when it has none."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def path_without_language(path: str) -> str:
    """The path as the URL contract writes it: "/pl/events/" becomes "/events/"."""
    prefix = language_prefix(path_language(path))
    if prefix and (path == prefix or path.startswith(f"{prefix}/")):
        return path[len(prefix) :] or "/"
    return path


def path_in_language(path: str, language: str) -> str:
    """The same page in another language: "/events/" in Urdu is "/ur/events/"."""
    return language_prefix(language) + path_without_language(path)


def html_lang(language: str) -> str:
    """The language as HTML's lang attribute writes it: "en-gb" is "en-GB"."""
    base, _, region = language.partition("-")
    return f"{base}-{region.upper()}" if region else base


def offered_languages() -> list[str]:
    """The languages the switcher, the hreflang links and the sitemap offer, in order."""
    return [code for code, _name in settings.LANGUAGES if code in settings.OFFERED_LANGUAGES]


def language_choices(request) -> list[dict]:
    """Every language with the current page's address in it: `path` (query kept) for the
    switcher, `alternate` (absolute, no query) for hreflang; the one being read is current."""
    current = translation.get_language()
    query = request.GET.urlencode()
    choices = []
    names = dict(settings.LANGUAGES)
    for code in offered_languages():
        name = names[code]
        path = path_in_language(request.path, code)
        choices.append(
            {
                "code": code,
                "lang": html_lang(code),
                "name": name,
                "path": f"{path}?{query}" if query else path,
                "alternate": request.build_absolute_uri(path),
                "current": code == current,
            }
        )
    return choices


def languages(request) -> dict:
    """Context processor: the languages offered, for the switcher and the hreflang alternates
    (none while English is the only one)."""
    choices = language_choices(request)
    return {"languages": choices if len(choices) > 1 else []}
