"""How published figures read on the page."""

from datetime import datetime

from django import template

register = template.Library()


@register.filter
def count(cell: dict) -> str:
    """A protected count: "1,235", "fewer than 10", or "hidden" (secondary suppression)."""
    if cell["suppressed"]:
        return "fewer than 10" if cell["reason"] == "fewer than 10 people" else "hidden"
    return f"{cell['value']:,}"


@register.filter
def percent(value: float | None) -> str:
    return "not shown" if value is None else f"{value:g}%"


@register.filter
def points(value: float | None) -> str:
    if value is None:
        return "not shown"
    return f"{value:+g} points" if value else "level with the town"


@register.filter
def score(value: float | None) -> str:
    """An OKR score 0.0–1.0, or "not available" when its metric has no value."""
    return "not available" if value is None else f"{value:.1f}" if value in (0, 1) else f"{value:.2f}"


@register.filter
def measured(value: float | None, unit: str = "") -> str:
    if value is None:
        return "not available"
    number = f"{value:,.1f}".removesuffix(".0")
    if unit == "%":
        return f"{number}%"
    if value == 1:
        unit = SINGULAR.get(unit, unit.removesuffix("s"))
    return f"{number} {unit}".strip()


SINGULAR = {"people": "person", "businesses": "business"}


@register.filter
def when(iso: str) -> str:
    """An ISO 8601 time as people read it: "25 November 2026 at 08:39"."""
    moment = datetime.fromisoformat(iso)
    return f"{moment.day} {moment:%B %Y} at {moment:%H:%M}"
