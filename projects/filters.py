"""GET forms that filter the challenge and project listings."""

from django import forms

from skills.models import Area

from .models import ChallengePage, ChallengeStatus, Stage, Theme


def with_any(choices, label: str = "Any") -> list[tuple[str, str]]:
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
    status = forms.ChoiceField(choices=with_any(ChallengeStatus.choices), required=False)
    theme = forms.ChoiceField(choices=with_any(Theme.choices), required=False)
    area = forms.ModelChoiceField(
        queryset=Area.objects.all(), to_field_name="slug", required=False, empty_label="Any", label="Skill area"
    )
    lookups = {"status": "status", "theme": "theme", "area": "areas"}


class ProjectFilterForm(FilterForm):
    area = forms.ModelChoiceField(
        queryset=Area.objects.all(), to_field_name="slug", required=False, empty_label="Any", label="Skill area"
    )
    stage = forms.ChoiceField(choices=with_any(Stage.choices), required=False)
    challenge = forms.ModelChoiceField(queryset=ChallengePage.objects.none(), required=False, empty_label="Any")
    lookups = {"area": "areas", "stage": "stage", "challenge": "challenge"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = ChallengePage.objects.visible().order_by("title")
