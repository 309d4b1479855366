"""How published figures read on the page."""

from datetime import datetime

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from portal.i18n import html_lang
from skills.dashboard import PRIMARY

register = template.Library()


@register.filter
def count(cell: dict) -> str:
    """A protected count: "1,235", "fewer than 10", or "hidden" (secondary suppression)."""
    if cell["suppressed"]:
        return _("fewer than 10") if cell.get("kind") == PRIMARY else _("hidden")
    return f"{cell['value']:,}"


@register.filter
def percent(value: float | None) -> str:
    return _("not shown") if value is None else f"{value:g}%"


@register.filter
def points(value: float | None) -> str:
    if value is None:
        return _("not shown")
    if not value:
        return _("level with the town")
    # Translators: a ward's rate minus the town rate, such as "+4 points" or "-12 points".
    return ngettext("%(points)s point", "%(points)s points", round(abs(value))) % {"points": f"{value:+g}"}


@register.filter
def score(value: float | None) -> str:
    """An OKR score 0.0–1.0, or "not available" when its metric has no value."""
    return _("not available") if value is None else f"{value:.1f}" if value in (0, 1) else f"{value:.2f}"


@register.filter
def measured(value: float | None, unit: str = "") -> str:
    if value is None:
        return _("not available")
    number = f"{value:,.1f}".removesuffix(".0")
    if unit == "%":
        return f"{number}%"
    if value == 1:
        unit = SINGULAR.get(unit, unit.removesuffix("s"))
    return f"{number} {unit}".strip()


# Units are what editors typed for each key result, in English.
SINGULAR = {"people": "person", "businesses": "business"}


@register.filter
def when(iso: str) -> str:
    """An ISO 8601 time as people read it: "25 November 2026 at 08:39"."""
    moment = datetime.fromisoformat(iso)
    # Django's date formats name the month in the reader's language ("E" is the form used
    # after a day, e.g. Polish "25 listopada"); in English they match "%-d %B %Y" and "%H:%M".
    return _("%(date)s at %(time)s") % {"date": format_date(moment, "j E Y"), "time": format_date(moment, "H:i")}


@register.simple_tag
def language_attributes(code: str):
    """lang and dir for words in another language, such as a language's name in itself."""
    try:
        direction = "rtl" if get_language_info(code)["bidi"] else "ltr"
    except KeyError:
        direction = "auto"
    return format_html('lang="{}" dir="{}"', html_lang(code), direction)
