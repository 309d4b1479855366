from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class PublishBankForm(forms.Form):
    notes = forms.CharField(
        label=gettext_lazy("What changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("A line for the record, for example “Reworded the scam call question”."),
    )


class ContextForm(forms.Form):
    """The optional questions that let the town dashboard show figures by ward, age and work."""

    ward = forms.ModelChoiceField(
        label=gettext_lazy("Which Luton ward do you live in?"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Prefer not to say"),
        help_text=gettext_lazy("If you are not sure, choose “Prefer not to say”."),
    )
    age_band = forms.ChoiceField(label=gettext_lazy("How old are you?"), required=False, widget=forms.RadioSelect)
    status = forms.ChoiceField(
        label=gettext_lazy("Which of these describes you best?"), required=False, widget=forms.RadioSelect
    )

    def __init__(self, *args, employer=None, **kwargs):
        from portal.accounts.models import Ward

        from .models import AgeBand, Status

        super().__init__(*args, **kwargs)
        self.employer = employer
        if employer is not None:
            self.fields["count_for_employer"] = forms.BooleanField(
                label=_("Count my result in %(organisation)s’s anonymous team profile") % {"organisation": employer},
                help_text=_(
                    "Your employer sees only totals for their staff, never your name or your answers, and nothing "
                    "until at least 5 people have taken part."
                ),
                required=False,
            )
        self.fields["ward"].queryset = Ward.objects.all()
        self.fields["age_band"].choices = [*AgeBand.choices, ("", _("Prefer not to say"))]
        self.fields["status"].choices = [*Status.choices, ("", _("Prefer not to say"))]
        invalid = _("Choose one of the options, or “Prefer not to say”.")
        for name in self.fields:
            self.fields[name].error_messages["invalid_choice"] = invalid

    def to_session(self) -> dict:
        ward = self.cleaned_data["ward"]
        return {
            "ward": ward.pk if ward else None,
            "age_band": self.cleaned_data["age_band"],
            "status": self.cleaned_data["status"],
            "employer": self.employer.pk if self.employer and self.cleaned_data.get("count_for_employer") else None,
        }


class AreaAnswersForm(forms.Form):
    """One radio question per statement or knowledge question in an area, from the bank."""

    def __init__(self, questions: list[dict], *args, **kwargs):
        from .bank import CONFIDENCE, answer_text
        from .models import CONFIDENCE_SCALE

        super().__init__(*args, **kwargs)
        for question in questions:
            if question["kind"] == CONFIDENCE:
                choices = [(str(value), label) for value, label in CONFIDENCE_SCALE]
                # Translators: the statement is one the editors wrote, such as “I can spot a fake voice”.
                required = _("Select how much “%(statement)s” is true for you.") % {
                    "statement": question["text"].rstrip(".")
                }
            else:
                choices = [(option["id"], answer_text(option)) for option in question["options"]]
                # The question's own "?" is taken off and given back, so there is always one.
                required = _("Select an answer to “%(question)s?”, or “I'm not sure”.") % {
                    "question": question["text"].rstrip("?")
                }
            self.fields[field_name(question)] = forms.ChoiceField(
                label=question["text"],
                help_text=question["hint"],
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": required,
                    "invalid_choice": _("That answer is not one of the options. Choose one of the answers shown."),
                },
            )
        self.questions = questions

    def answers(self) -> dict[str, str]:
        return {str(question["id"]): self.cleaned_data[field_name(question)] for question in self.questions}

    def valid_answers_so_far(self) -> dict[str, str]:
        """Answers that are valid on their own, kept when someone goes back without finishing."""
        kept = {}
        for question in self.questions:
            name = field_name(question)
            value = self.data.get(name)
            if value and value in dict(self.fields[name].choices):
                kept[str(question["id"])] = value
        return kept


def field_name(question: dict) -> str:
    return f"question_{question['id']}"
