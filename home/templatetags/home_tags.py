"""Template tags for pages shown in a language other than the reader's (registered as builtins)."""

from django import template
from django.utils import translation
from django.utils.html import format_html

from home.localised import locale_language, reading_another_language
from portal.i18n import html_lang

register = template.Library()


def untranslated(page) -> bool:
    return getattr(page, "locale_id", None) is not None and reading_another_language(page)


@register.simple_tag
def content_language(page) -> str:
    """lang and dir for the element that holds the page's own words, when nobody has
    translated the page into the reader's language and it is shown as written."""
    if not untranslated(page):
        return ""
    language = locale_language(page.locale_id)
    direction = "rtl" if translation.get_language_info(language)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', html_lang(language), direction)


@register.inclusion_tag("includes/translation_notice.html")
def translation_notice(page) -> dict:
    """The one-line notice that a page is shown in English because it is not translated yet."""
    return {"show": untranslated(page)}
