"""Allauth's forms with the portal's wording (loaded lazily through ACCOUNT_FORMS)."""

from allauth.account.forms import AddEmailForm, LoginForm, SignupForm
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm
from django.utils.translation import gettext as _


class PortalLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email address")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = ""
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["login"].error_messages["required"] = _("Enter your email address.")
        self.fields["password"].error_messages["required"] = _("Enter your password.")


class PortalSignupForm(SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["email"].label = _("Email address")
        fields["email"].help_text = _("We will send you a link to confirm it.")
        fields["email"].error_messages["required"] = _("Enter your email address.")
        fields["password1"].label = _("Create a password")
        fields["password1"].help_text = _("At least 10 characters. Three or four random words work well.")
        fields["password1"].error_messages["required"] = _("Create a password.")
        fields["password2"].label = _("Type the password again")
        fields["password2"].error_messages["required"] = _("Type the password again.")
        for name in ("email", "password1", "password2"):
            fields[name].widget.attrs.pop("placeholder", None)


class PortalAddEmailForm(AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = _("Email address")
        email.help_text = _("We will send a link to confirm it before you can use it.")
        email.error_messages["required"] = _("Enter the email address to add.")
        email.widget.attrs.pop("placeholder", None)


def use_security_code_wording(field) -> None:
    field.label = _("Security code")
    field.help_text = _("The 6-digit code your authenticator app shows now.")
    field.error_messages["required"] = _("Enter the 6-digit code from your authenticator app.")
    field.widget.attrs.pop("placeholder", None)
    field.widget.attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code"})


class PortalAuthenticateForm(AuthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_security_code_wording(self.fields["code"])
        self.fields["code"].help_text = _("The 6-digit code your authenticator app shows now, or a recovery code.")
        self.fields["code"].widget.attrs["inputmode"] = "text"


class PortalReauthenticateForm(ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_security_code_wording(self.fields["code"])


class PortalActivateTOTPForm(ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_security_code_wording(self.fields["code"])
