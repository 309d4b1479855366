from django import forms
from django.utils.translation import gettext_lazy

from portal.forms import PlainMessagesMixin
from skills.models import Area

from .models import Audience, SuitedLevel


class EventFilterForm(forms.Form):
    """The listing's filters, also used by the calendar feed's query parameters."""

    area = forms.ModelChoiceField(
        Area.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("Any area"),
        label=gettext_lazy("Skill area"),
    )
    level = forms.TypedChoiceField(
        choices=[("", gettext_lazy("Any level")), *SuitedLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
        label=gettext_lazy("Level"),
    )
    audience = forms.ChoiceField(
        choices=[("", gettext_lazy("Anyone")), *Audience.choices], required=False, label=gettext_lazy("Who it is for")
    )

    def filters(self) -> dict:
        """Keyword arguments for `EventQuerySet.filtered`; invalid values are ignored."""
        if not self.is_bound or not self.is_valid():
            return {}
        area = self.cleaned_data["area"]
        return {
            "area": area.slug if area else "",
            "level": self.cleaned_data["level"],
            "audience": self.cleaned_data["audience"],
        }


class BookingForm(PlainMessagesMixin, forms.Form):
    access_needs = forms.CharField(
        label=gettext_lazy("Access needs (optional)"),
        help_text=gettext_lazy(
            "Tell the organisers anything that would help you take part, such as step-free access, "
            "a hearing loop or a quiet space. Only the organisers see this, and we delete it 30 days after the event."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=1000,
    )
