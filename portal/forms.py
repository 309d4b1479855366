"""What every public form shares: error messages that say what to do, naming the field."""

from django import forms
from django.forms.utils import pretty_name


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
        for name, field in self.fields.items():
            label = str(field.label or pretty_name(name)).removesuffix(" (optional)")
            chooses = isinstance(field.widget, (forms.RadioSelect, forms.Select, forms.CheckboxSelectMultiple))
            default = f"{'Select' if chooses else 'Enter'} {label[:1].lower()}{label[1:]}"
            field.error_messages["required"] = self.required_messages.get(name, default)
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = f"{label} must be {field.max_length:,} characters or fewer"
