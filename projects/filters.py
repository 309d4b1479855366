"""GET forms that filter the challenge and project listings."""

from django import forms

from skills.models import Area

from .models import ChallengePage, ChallengeStatus, Stage, Theme


def with_any(choices, label: str = "Any") -> list[tuple[str, str]]:
    return [("", label), *choices]


class FilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select"


class ChallengeFilterForm(FilterForm):
    status = forms.ChoiceField(choices=with_any(ChallengeStatus.choices), required=False)
    theme = forms.ChoiceField(choices=with_any(Theme.choices), required=False)
    area = forms.ModelChoiceField(
        queryset=Area.objects.all(), to_field_name="slug", required=False, empty_label="Any", label="Skill area"
    )

    def filter(self, challenges):
        """`challenges` narrowed to the valid choices; invalid choices are ignored."""
        if not self.is_bound or not self.is_valid():
            return challenges
        data = self.cleaned_data
        if data["status"]:
            challenges = challenges.filter(status=data["status"])
        if data["theme"]:
            challenges = challenges.filter(theme=data["theme"])
        if data["area"]:
            challenges = challenges.filter(areas=data["area"])
        return challenges


class ProjectFilterForm(FilterForm):
    area = forms.ModelChoiceField(
        queryset=Area.objects.all(), to_field_name="slug", required=False, empty_label="Any", label="Skill area"
    )
    stage = forms.ChoiceField(choices=with_any(Stage.choices), required=False)
    challenge = forms.ModelChoiceField(queryset=ChallengePage.objects.none(), required=False, empty_label="Any")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = ChallengePage.objects.visible().order_by("title")

    def filter(self, projects):
        if not self.is_bound or not self.is_valid():
            return projects
        data = self.cleaned_data
        if data["area"]:
            projects = projects.filter(areas=data["area"])
        if data["stage"]:
            projects = projects.filter(stage=data["stage"])
        if data["challenge"]:
            projects = projects.filter(challenge=data["challenge"])
        return projects
