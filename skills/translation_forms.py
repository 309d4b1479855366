"""Editing translations in the Wagtail admin: a "Translations" panel on each English object's
own screen, with the English beside every text and a warning where it has changed since.

Each translation is one inline form: its language, then each translated text with the
English it stands for as help. Texts that belong to parts of the object (each answer of a
question, each level of an area) are edited together, one input per part.
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel


def english_help(english: str, is_out_of_date: bool) -> str:
    """The help under a translated text: the English it stands for, and whether it changed."""
    if not english.strip():
        return _("There is no English for this, so there is nothing to translate.")
    if is_out_of_date:
        return _(
            "Out of date: the English has changed since this was translated. The English now reads: “%(english)s”"
        ) % {"english": english}
    # Translators: under a translated text, the English text it translates.
    return _("In English: “%(english)s”") % {"english": english}


class TextsWidget(forms.Widget):
    """One input per part, each with its label and help: the value is {key: text}."""

    def __init__(self, entries=(), multiline=False, attrs=None):
        super().__init__(attrs)
        self.entries = list(entries)  # (key, label, help text)
        self.multiline = multiline

    def value_from_datadict(self, data, files, name):
        return {key: data.get(f"{name}-{key}", "") for key, _label, _help in self.entries}

    def value_omitted_from_data(self, data, files, name):
        return all(f"{name}-{key}" not in data for key, _label, _help in self.entries)

    def render(self, name, value, attrs=None, renderer=None):
        value = value if isinstance(value, dict) else {}
        base_id = (attrs or {}).get("id") or f"id_{name}"
        parts = []
        for key, label, help_text in self.entries:
            input_id = f"{base_id}-{key}"
            widget = forms.Textarea(attrs={"rows": 3}) if self.multiline else forms.TextInput()
            field = widget.render(
                f"{name}-{key}",
                value.get(key, ""),
                {"id": input_id, "aria-describedby": f"{input_id}-help"},
                renderer,
            )
            parts.append((input_id, label, input_id, help_text, field))
        return format_html(
            '<div class="skills-translation-parts" id="{}">{}</div>',
            base_id,
            format_html_join(
                "",
                '<div class="w-field__wrapper"><label class="w-field__label" for="{}">{}</label>'
                '<div class="w-field__help" id="{}-help">{}</div><div class="w-field__input">{}</div></div>',
                parts,
            ),
        )


class TextsField(forms.Field):
    """The translations of a group of parts, e.g. every answer of a question: {key: text},
    blank texts left out."""

    def __init__(self, entries=(), multiline=False, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(widget=TextsWidget(entries, multiline), **kwargs)
        self.keys = [key for key, _label, _help in entries]

    def prepare_value(self, value):
        return value if isinstance(value, dict) else {}

    def to_python(self, value):
        value = value if isinstance(value, dict) else {}
        return {key: str(value[key]).strip() for key in self.keys if str(value.get(key) or "").strip()}

    def has_changed(self, initial, data):
        return self.to_python(self.prepare_value(initial)) != self.to_python(data)


class TranslationForm(WagtailAdminModelForm):
    """One translation: each text shows the English it stands for, and says when that
    English has changed since it was translated."""

    still_right = forms.BooleanField(
        label=gettext_lazy("Still right for the English as it is now"),
        required=False,
        help_text=gettext_lazy("Tick this when the translation still fits the changed English, to mark it up to date."),
    )

    def __init__(self, *args, original=None, **kwargs):
        super().__init__(*args, **kwargs)
        translation = self.instance
        if original is not None:
            parent = next(field for field in translation._meta.fields if isinstance(field, ParentalKey))
            setattr(translation, parent.name, original)
        stale = set(translation.out_of_date()) if translation.pk else set()
        for field in translation.translated_fields:
            if field in self.fields:
                self.fields[field].help_text = english_help(translation.english(field), (field, None) in stale)
        for group in translation.translated_groups:
            if group not in self.fields:
                continue
            entries = [
                (key, label, english_help(english, (group, key) in stale))
                for key, label, english in translation.group_entries(group)
            ]
            if not entries:
                del self.fields[group]
                continue
            self.fields[group] = TextsField(
                entries,
                multiline=group != "options",  # answers are short; what a level looks like is not
                label=self.fields[group].label,
            )
        if not stale:
            self.fields.pop("still_right", None)

    def save(self, commit=True):
        if self.cleaned_data.get("still_right"):
            self.instance.mark_up_to_date()
        return super().save(commit)


class TranslationFormSet(BaseChildFormSet):
    """Gives each translation form the English object, so a new translation shows its English too."""

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "original": self.instance}


class TranslationsPanel(InlinePanel):
    """The "Translations" panel: one inline form per language (see TranslationForm)."""

    def __init__(self, relation_name="translations", **kwargs):
        kwargs.setdefault("heading", gettext_lazy("Translations"))
        kwargs.setdefault("label", gettext_lazy("Translation"))
        kwargs.setdefault(
            "help_text",
            gettext_lazy(
                "One translation per language. Leave a text blank to show the English; "
                "changes to questions reach the assessment when the question bank is next published."
            ),
        )
        super().__init__(relation_name, **kwargs)

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name].update(form=TranslationForm, formset=TranslationFormSet)
        return options
