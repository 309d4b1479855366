from django import forms
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Profile, Role, Ward
from .roles import set_role

ORGANISATION_HINT = gettext_lazy(
    "The business, charity or group you will post challenges for. An organiser checks it "
    "before its name appears on the site."
)


class RoleFieldsMixin(forms.Form):
    """Role plus the organisation a member belongs to, shared by sign-up and profile forms."""

    role = forms.ChoiceField(
        label=gettext_lazy("How will you use the portal?"),
        choices=[
            (Role.RESIDENT, gettext_lazy("As a resident: check my AI skills and book workshops")),
            (Role.STUDENT, gettext_lazy("As a student: take on challenges and show my projects")),
            (Role.ORGANISATION, gettext_lazy("For a business or organisation: post challenges")),
        ],
        widget=forms.RadioSelect,
        initial=Role.RESIDENT,
        error_messages={"required": gettext_lazy("Select how you will use the portal.")},
    )
    organisation_name = forms.CharField(
        label=gettext_lazy("Organisation name"),
        max_length=120,
        required=False,
        help_text=ORGANISATION_HINT,
    )

    def clean_organisation_name(self):
        return " ".join(self.cleaned_data.get("organisation_name", "").split())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.ORGANISATION and not cleaned.get("organisation_name"):
            self.add_error("organisation_name", _("Enter the name of your organisation."))
        return cleaned


class SignupDetailsForm(RoleFieldsMixin, forms.Form):
    """Extra sign-up fields (allauth's ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=80,
        help_text=gettext_lazy("How we address you in emails. You can use a first name only."),
        error_messages={
            "required": gettext_lazy("Enter your name."),
            "max_length": gettext_lazy("Name must be 80 characters or fewer."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["display_name", "email", "password1", "password2", "role", "organisation_name"]

    def signup(self, request, user):
        user.profile.display_name = self.cleaned_data["display_name"]
        user.profile.language = translation.get_language()  # the language they signed up in
        user.profile.save(update_fields=["display_name", "language", "updated_at"])
        set_role(user, self.cleaned_data["role"], self.cleaned_data.get("organisation_name", ""))


class ProfileForm(RoleFieldsMixin, forms.ModelForm):
    display_name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=80,
        help_text=gettext_lazy("How we address you in emails and on your account pages."),
        error_messages={
            "required": gettext_lazy("Enter your name."),
            "max_length": gettext_lazy("Name must be 80 characters or fewer."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    ward = forms.ModelChoiceField(
        queryset=Ward.objects.all(),
        required=False,
        empty_label=gettext_lazy("I'd rather not say"),
        label=gettext_lazy("Where do you live?"),
        help_text=gettext_lazy("Optional. Used only in anonymous, rounded figures on the town dashboard."),
        error_messages={"invalid_choice": gettext_lazy("Select a ward from the list.")},
    )

    class Meta:
        model = Profile
        fields = ["display_name", "ward", "role", "language", "email_event_reminders", "email_follow_ups"]
        labels = {
            "email_event_reminders": gettext_lazy("Email me a reminder the day before an event I have booked"),
            "email_follow_ups": gettext_lazy(
                "Email me a week after an event I attended, with a short re-check of the skills it covered"
            ),
            "language": gettext_lazy("Which language should we email you in?"),
        }
        help_texts = {"email_event_reminders": "", "email_follow_ups": "", "language": ""}
        widgets = {"language": forms.RadioSelect}
        error_messages = {
            "language": {
                "required": gettext_lazy("Select the language we should email you in."),
                "invalid_choice": gettext_lazy("Select a language from the list."),
            }
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        membership = self.instance.user.memberships.select_related("organisation").first()
        if membership and not self.is_bound:
            self.initial["organisation_name"] = membership.organisation.name

    def save(self, commit=True):
        with transaction.atomic():  # the details and the role together, or neither
            profile = super().save(commit=commit)
            if commit:
                set_role(profile.user, self.cleaned_data["role"], self.cleaned_data.get("organisation_name", ""))
        return profile


class DeleteAccountForm(forms.Form):
    """Asks for the password once more before the account goes for good."""

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        help_text=gettext_lazy("We ask for it so nobody else can delete your account."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": gettext_lazy("Enter your password.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right. Check it and try again."))
        return password
