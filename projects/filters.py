"""GET forms that filter the challenge and project listings."""

from django import forms
from django.utils.translation import gettext_lazy, pgettext_lazy

from skills.models import Area

from .models import ChallengePage, ChallengeStatus, Stage, Theme

# Translators: the first choice of each filter on the challenge and project listings: no filtering.
ANY = pgettext_lazy("filter choice that matches everything", "Any")


def with_any(choices, label: str = ANY) -> list[tuple[str, str]]:
    return [("", label), *choices]


class FilterForm(forms.Form):
    lookups: dict[str, str] = {}  # form field: the queryset lookup it filters on

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select"

    def filter(self, queryset):
        """`queryset` narrowed to the valid choices; invalid choices are ignored."""
        if not self.is_bound or not self.is_valid():
            return queryset
        for field, lookup in self.lookups.items():
            if value := self.cleaned_data[field]:
                queryset = queryset.filter(**{lookup: value})
        return queryset


class ChallengeFilterForm(FilterForm):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=with_any(ChallengeStatus.choices), required=False)
    theme = forms.ChoiceField(label=gettext_lazy("Theme"), choices=with_any(Theme.choices), required=False)
    area = forms.ModelChoiceField(
        queryset=Area.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=ANY,
        label=gettext_lazy("Skill area"),
    )
    lookups = {"status": "status", "theme": "theme", "area": "areas"}


class ProjectFilterForm(FilterForm):
    area = forms.ModelChoiceField(
        queryset=Area.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=ANY,
        label=gettext_lazy("Skill area"),
    )
    stage = forms.ChoiceField(label=gettext_lazy("Stage"), choices=with_any(Stage.choices), required=False)
    challenge = forms.ModelChoiceField(
        label=gettext_lazy("Challenge"),
        queryset=ChallengePage.objects.none(),
        required=False,
        empty_label=ANY,
    )
    lookups = {"area": "areas", "stage": "stage", "challenge": "challenge"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = ChallengePage.objects.visible().order_by("title")
