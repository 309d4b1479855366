"""The quick skills check on paper: the printed sheet and the organiser's entry of it.

Both are drawn from `PaperEntryForm`, so the sheet asks exactly the questions, in the order
and words, that the entry page asks for.
"""

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from skills.bank import CONFIDENCE, answer_text
from skills.forms import field_name
from skills.journey import Journey, complete
from skills.models import CONFIDENCE_SCALE, AgeBand, Assessment, AssessmentKind, FrameworkVersion

from .models import EventCheck, EventPage


def quick_check_areas(version: FrameworkVersion) -> list[tuple[dict, list[dict]]]:
    """The quick check's areas, each with its questions, in the reader's language and in the
    order the quick check asks them."""
    return Journey(kind=AssessmentKind.QUICK, version=version).areas


def question_choices(question: dict) -> list[tuple[str, str]]:
    """The answers a question offers, as (value, words): the confidence scale for a statement,
    its options (ending with "I'm not sure") for a knowledge question."""
    if question["kind"] == CONFIDENCE:
        return [(str(value), str(label)) for value, label in CONFIDENCE_SCALE]
    return [(option["id"], answer_text(option)) for option in question["options"]]


class PaperEntryForm(forms.Form):
    """Every quick-check question as one required radio question, numbered as on the sheet,
    then the participant's optional ward and age band. Nothing that identifies them."""

    def __init__(self, version: FrameworkVersion, *args, **kwargs):
        from portal.accounts.models import Ward

        super().__init__(*args, **kwargs)
        self.version = version
        self.areas = []
        number = 0
        asked = quick_check_areas(version)
        for area, questions in asked:
            names = []
            for question in questions:
                number += 1
                text = question["text"]
                if question["kind"] == CONFIDENCE:
                    # Translators: an organiser is typing in a paper sheet; the statement is one the editors wrote.
                    required = _("Select the answer ticked for “%(statement)s”.") % {"statement": text.rstrip(".")}
                else:
                    # Translators: an organiser is typing in a paper sheet. The question's own "?" is given back.
                    required = _("Select the answer ticked for “%(question)s?”, or “I'm not sure” if none is.") % {
                        "question": text.rstrip("?")
                    }
                name = field_name(question)
                self.fields[name] = forms.ChoiceField(
                    # Translators: a question's number on the paper sheet, then its words: “3. I can spot a fake voice”.
                    label=_("%(number)s. %(question)s") % {"number": number, "question": text},
                    choices=question_choices(question),
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": required,
                        "invalid_choice": _("That answer is not one of the options. Choose one of the answers shown."),
                    },
                )
                names.append(name)
            self.areas.append((area, names))
        self.questions = [question for _area, questions in asked for question in questions]
        self.fields["ward"] = forms.ModelChoiceField(
            label=gettext_lazy("Which Luton ward do they live in?"),
            queryset=Ward.objects.all(),
            required=False,
            empty_label=gettext_lazy("Not given"),
        )
        self.fields["age_band"] = forms.ChoiceField(
            label=gettext_lazy("How old are they?"),
            choices=[*AgeBand.choices, ("", gettext_lazy("Not given"))],
            required=False,
            widget=forms.RadioSelect,
        )
        invalid = _("Choose one of the options, or “Not given”.")
        self.fields["ward"].error_messages["invalid_choice"] = invalid
        self.fields["age_band"].error_messages["invalid_choice"] = invalid

    def area_fields(self) -> list[tuple[dict, list[forms.BoundField]]]:
        """For the templates: each area with its questions' bound fields."""
        return [(area, [self[name] for name in names]) for area, names in self.areas]

    def journey(self) -> Journey:
        ward = self.cleaned_data["ward"]
        return Journey(
            kind=AssessmentKind.QUICK,
            version=self.version,
            context={"ward": ward.pk if ward else None, "age_band": self.cleaned_data["age_band"]},
            answers={str(question["id"]): self.cleaned_data[field_name(question)] for question in self.questions},
        )


def save_paper_check(form: PaperEntryForm, event: EventPage, organiser) -> Assessment:
    """Save a valid entry as an assessment with no user, attributed to the event and to the
    organiser who typed it in, all or nothing."""
    with transaction.atomic():
        assessment, _result = complete(form.journey(), user=None)
        EventCheck.objects.create(
            event=event, assessment=assessment, method=EventCheck.Method.PAPER, entered_by=organiser
        )
    return assessment
