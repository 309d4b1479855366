"""Allauth's forms with the portal's wording (loaded lazily through ACCOUNT_FORMS)."""

from allauth.account.forms import AddEmailForm, LoginForm, SignupForm
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm


class PortalLoginForm(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Email address"
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = ""
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["login"].error_messages["required"] = "Enter your email address."
        self.fields["password"].error_messages["required"] = "Enter your password."


class PortalSignupForm(SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["email"].label = "Email address"
        fields["email"].help_text = "We will send you a link to confirm it."
        fields["email"].error_messages["required"] = "Enter your email address."
        fields["password1"].label = "Create a password"
        fields["password1"].help_text = "At least 10 characters. Three or four random words work well."
        fields["password1"].error_messages["required"] = "Create a password."
        fields["password2"].label = "Type the password again"
        fields["password2"].error_messages["required"] = "Type the password again."
        for name in ("email", "password1", "password2"):
            fields[name].widget.attrs.pop("placeholder", None)


class PortalAddEmailForm(AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "Email address"
        email.help_text = "We will send a link to confirm it before you can use it."
        email.error_messages["required"] = "Enter the email address to add."
        email.widget.attrs.pop("placeholder", None)


def use_security_code_wording(field) -> None:
    field.label = "Security code"
    field.help_text = "The 6-digit code your authenticator app shows now."
    field.error_messages["required"] = "Enter the 6-digit code from your authenticator app."
    field.widget.attrs.pop("placeholder", None)
    field.widget.attrs.update({"inputmode": "numeric", "autocomplete": "one-time-code"})


class PortalAuthenticateForm(AuthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_security_code_wording(self.fields["code"])
        self.fields["code"].help_text = "The 6-digit code your authenticator app shows now, or a recovery code."
        self.fields["code"].widget.attrs["inputmode"] = "text"


class PortalReauthenticateForm(ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_security_code_wording(self.fields["code"])


class PortalActivateTOTPForm(ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_security_code_wording(self.fields["code"])
