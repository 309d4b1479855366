"""What every public form shares: error messages that say what to do, naming the field."""

from django import forms
from django.forms.utils import pretty_name
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class PlainMessagesMixin:
    """Replaces Django's default wording ("This field is required.", "Ensure this value has at
    most 1000 characters (it has 1379).") so an error summary of several errors still says
    which field each one is about.

    `required_messages` maps a field name to what to do when it is left empty; fields not
    named get "Enter …" or "Select …" from their label. Length limits read
    "<Label> must be 1,000 characters or fewer".
    """

    required_messages: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Translators: what labels of optional fields end with, such as "Access needs (optional)".
        optional = " " + _("(optional)")
        for name, field in self.fields.items():
            label = str(field.label or pretty_name(name)).removesuffix(optional)
            chooses = isinstance(field.widget, (forms.RadioSelect, forms.Select, forms.CheckboxSelectMultiple))
            # The label starts the sentence in the form, so it loses its capital here.
            field_name = f"{label[:1].lower()}{label[1:]}"
            if chooses:
                # Translators: the message when a choice is left empty, such as "Select a skill area".
                default = _("Select %(field)s") % {"field": field_name}
            else:
                # Translators: the message when a field is left empty, such as "Enter your name".
                default = _("Enter %(field)s") % {"field": field_name}
            field.error_messages["required"] = self.required_messages.get(name, default)
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = ngettext(
                    "%(field)s must be %(limit)s character or fewer",
                    "%(field)s must be %(limit)s characters or fewer",
                    field.max_length,
                ) % {"field": label, "limit": number_format(field.max_length, force_grouping=True)}
