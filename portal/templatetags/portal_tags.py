"""Template tags every template can use without {% load %} (registered as builtins)."""

from django import forms, template
from django.utils import translation
from django.utils.html import format_html, format_html_join

from portal.i18n import html_lang, path_in_language

register = template.Library()

TEXT_INPUT_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


def field_kind(field: forms.BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):  # a subclass of RadioSelect: ask first
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "input"


def first_input_id(field: forms.BoundField) -> str:
    """The id the error summary links to: the field itself, or its first option."""
    if field_kind(field) in ("radios", "checkboxes"):
        subwidgets = list(field.subwidgets)
        return subwidgets[0].id_for_label if subwidgets else field.auto_id
    return field.auto_id


@register.inclusion_tag("components/form_field.html")
def form_field(field: forms.BoundField, label_class: str = "", width: str = ""):
    """One form field the GOV.UK way: label, hint, inline error, then the control.

    `label_class` e.g. "govuk-label--m"; `width` e.g. "20" for govuk-input--width-20.
    """
    kind = field_kind(field)
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    context = {
        "field": field,
        "kind": kind,
        "label_class": label_class,
        "described_by": " ".join(described_by),
    }
    if kind == "input":
        widget_type = field.widget_type
        css = TEXT_INPUT_CLASSES.get(widget_type, "govuk-input")
        if field.errors:
            css += f" {css}--error"
        if width:
            css += f" govuk-input--width-{width}"
        attrs = {"class": " ".join(filter(None, [css, field.field.widget.attrs.get("class", "")]))}
        if described_by:
            attrs["aria-describedby"] = context["described_by"]
        context["control"] = field.as_widget(attrs=attrs)
    return context


@register.inclusion_tag("components/error_summary.html")
def error_summary(*forms_with_errors):
    """The GOV.UK error summary for one or more forms: each message links to its field."""
    items = []
    for form in forms_with_errors:
        if not form or not form.errors:
            continue
        for error in form.non_field_errors():
            items.append({"message": error, "href": ""})
        for field in form:
            for error in field.errors:
                items.append({"message": error, "href": f"#{first_input_id(field)}"})
    return {"items": items}


@register.simple_tag
def hidden_fields(form):
    return format_html_join("", "{}", ((field,) for field in form.hidden_fields()))


@register.simple_tag
def navigation(links: list[dict], path: str) -> list[dict]:
    """Each navigation link with its aria-current: "page" on the page itself, "true" anywhere
    inside its section, "" elsewhere. Only the most specific section is current, so
    /skills/dashboard/ marks "Town dashboard" and not "Check your AI skills" as well; the home
    link is never a section."""
    hrefs = [in_language(link["value"]["href"]) for link in links]
    section = max((href for href in hrefs if href and href != "/" and path.startswith(href)), key=len, default="")
    return [
        {
            "href": href,
            "label": link["value"]["label"],
            "current": "page" if href == path else "true" if href == section else "",
        }
        for href, link in zip(hrefs, links, strict=True)
    ]


@register.filter
def unconfirmed(addresses) -> list:
    """The email addresses (allauth EmailAddress objects) not confirmed yet."""
    return [address for address in addresses if not address.verified]


@register.filter
def in_language(href: str) -> str:
    """A link within the portal ("/skills/") in the language being read ("/ur/skills/");
    other links unchanged."""
    if href and href.startswith("/") and not href.startswith("//"):
        return path_in_language(href, translation.get_language())
    return href


@register.simple_tag
def html_attributes():
    """lang and dir for an <html> element in the language being read."""
    direction = "rtl" if translation.get_language_bidi() else "ltr"
    return format_html('lang="{}" dir="{}"', html_lang(translation.get_language()), direction)


@register.filter
def bdi(value) -> str:
    """Text someone typed (a name, a title, an email address) set apart inside a sentence,
    so an English title in an Urdu sentence keeps its own direction."""
    return format_html("<bdi>{}</bdi>", value)
