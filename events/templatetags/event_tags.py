import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from ..booking import availability
from ..structured_data import event_json_ld

register = template.Library()

# The same escapes as Django's json_script, so the data cannot close the script element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def listing_availability(event):
    """Availability for an event from the listing, which annotates its booking counts."""
    return availability(event, event.confirmed_count, event.waitlisted_count)


@register.simple_tag
def json_ld(event, event_availability):
    data = json.dumps(event_json_ld(event, event_availability), cls=DjangoJSONEncoder)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(data.translate(JSON_SCRIPT_ESCAPES)))


@register.filter
def uk_time(value) -> str:
    """A time the GOV.UK way: 10am, 2:30pm, midday, midnight (UK time)."""
    local = timezone.localtime(value)
    if local.minute == 0 and local.hour in (0, 12):
        return _("midnight") if local.hour == 0 else _("midday")
    hour = local.hour % 12 or 12
    time = f"{hour}:{local.minute:02d}" if local.minute else str(hour)
    if local.hour < 12:
        # Translators: a time in the morning on the 12-hour clock, such as "10am" or "9:30am".
        return _("%(time)sam") % {"time": time}
    # Translators: a time in the afternoon or evening on the 12-hour clock, such as "2pm" or "6:30pm".
    return _("%(time)spm") % {"time": time}
