from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.accounts.models import Organisation, Sector, SizeBand, Ward

from .scoring import MULTIPLE


class ContextForm(forms.Form):
    """Optional questions about the organisation, for the town's business figures."""

    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Which organisation is this check for?"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=gettext_lazy("None of these"),
        help_text=gettext_lazy("Its other confirmed members will be able to see the result and your progress."),
    )
    sector = forms.ChoiceField(
        label=gettext_lazy("What does your organisation mainly do?"),
        required=False,
        help_text=gettext_lazy("The sections of the UK Standard Industrial Classification."),
    )
    size_band = forms.ChoiceField(
        label=gettext_lazy("How many staff does it have?"), required=False, widget=forms.RadioSelect
    )
    ward = forms.ModelChoiceField(
        label=gettext_lazy("Which Luton ward is its main site in?"),
        queryset=Ward.objects.all(),
        required=False,
        empty_label=gettext_lazy("Prefer not to say"),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None and organisations.exists():
            self.fields["organisation"].queryset = organisations
        else:
            del self.fields["organisation"]
        self.fields["sector"].choices = [("", _("Prefer not to say")), *Sector.choices]
        self.fields["size_band"].choices = [*SizeBand.choices, ("", _("Prefer not to say"))]
        invalid = _("Choose one of the options, or “Prefer not to say”.")
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = invalid

    def to_session(self) -> dict:
        data = self.cleaned_data
        organisation, ward = data.get("organisation"), data["ward"]
        return {
            "organisation": organisation.pk if organisation else None,
            "sector": data["sector"],
            "size_band": data["size_band"],
            "ward": ward.pk if ward else None,
        }


def field_name(question: dict) -> str:
    return f"question_{question['id']}"


class DimensionAnswersForm(forms.Form):
    """The questions of one dimension, from the published bank."""

    def __init__(self, questions: list[dict], *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            choices = [(option["id"], option["text"]) for option in question["options"]]
            text = {"question": question["text"].rstrip("?")}
            invalid = _("That answer is not one of the options. Choose from the answers shown.")
            if question["kind"] == MULTIPLE:
                field = forms.MultipleChoiceField(
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={
                        # Translators: the question's own "?" is taken off and given back.
                        "required": _("Select at least one answer to “%(question)s?”") % text,
                        "invalid_choice": invalid,
                    },
                )
            else:
                field = forms.ChoiceField(
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": _("Select an answer to “%(question)s?”") % text,
                        "invalid_choice": invalid,
                    },
                )
            field.choices = choices
            field.label = question["text"]
            field.help_text = question["hint"]
            self.fields[field_name(question)] = field
        self.questions = questions

    def answers(self) -> dict:
        answers = {}
        for question in self.questions:
            value = self.cleaned_data[field_name(question)]
            answers[str(question["id"])] = list(dict.fromkeys(value)) if question["kind"] == MULTIPLE else value
        return answers

    def valid_answers_so_far(self) -> dict:
        """Answers valid on their own, kept when someone goes back without finishing."""
        kept = {}
        for question in self.questions:
            name = field_name(question)
            offered = dict(self.fields[name].choices)
            if question["kind"] == MULTIPLE:
                values = [value for value in self.data.getlist(name) if value in offered]
                if values:
                    kept[str(question["id"])] = list(dict.fromkeys(values))
            elif (value := self.data.get(name)) in offered:
                kept[str(question["id"])] = value
        return kept
