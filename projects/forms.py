"""Front-end forms for submitting challenges and projects, and for taking part."""

from operator import attrgetter

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from portal.forms import PlainMessagesMixin
from skills.models import Area

from .invitations import parse_addresses
from .models import ChallengePage, PersonalData, ProjectPage, Stage, Theme
from .sanitise import clean_rich_text
from .uploads import check_image


class Messages(dict):
    """Messages marked with `gettext_lazy`, handed out as text in the language being read."""

    def __getitem__(self, key):
        return str(super().__getitem__(key))

    def get(self, key, default=None):
        value = super().get(key)
        return default if value is None else str(value)


RICH_TEXT_HINT = gettext_lazy("Leave a blank line between paragraphs. You can use simple HTML lists and links.")


class RichTextFormField(forms.CharField):
    """A textarea whose text is stored as safe rich text (paragraphs, lists and links)."""

    widget = forms.Textarea

    def clean(self, value):
        value = super().clean(value)
        return clean_rich_text(value) if value else value


class AreasField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Area.objects.all(),
            widget=forms.CheckboxSelectMultiple,
            label=gettext_lazy("Skill areas"),
            **kwargs,
        )


class ChallengeForm(PlainMessagesMixin, forms.Form):
    required_messages = Messages(
        {
            "title": gettext_lazy("Enter a title for the challenge"),
            "introduction": gettext_lazy("Enter a summary of the challenge"),
            "problem": gettext_lazy("Describe the problem in plain words"),
            "theme": gettext_lazy("Select the social theme"),
            "beneficiaries": gettext_lazy("Say who benefits"),
            "success": gettext_lazy("Say what success looks like"),
            "data_available": gettext_lazy("Say what data exists, or write “None yet”"),
            "personal_data": gettext_lazy("Select whether the data includes personal data"),
            "results_ownership": gettext_lazy("Say who owns the results"),
            "timescale": gettext_lazy("Enter a timescale, for example “Six weeks from February”"),
        }
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=120,
        help_text=gettext_lazy("A short name, for example “Forecast food bank demand”."),
    )
    introduction = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=300,
        help_text=gettext_lazy("One or two sentences shown in the list of challenges."),
    )
    problem = RichTextFormField(
        label=gettext_lazy("The problem in plain words"),
        max_length=5000,
        help_text=format_lazy("{} {}", gettext_lazy("What is hard today?"), RICH_TEXT_HINT),
    )
    theme = forms.ChoiceField(label=gettext_lazy("Social theme"), choices=Theme.choices, widget=forms.RadioSelect)
    beneficiaries = forms.CharField(
        label=gettext_lazy("Who benefits"),
        max_length=1000,
        widget=forms.Textarea,
        help_text=gettext_lazy("Who will be better off if it works?"),
    )
    success = forms.CharField(
        label=gettext_lazy("What success looks like"),
        max_length=1000,
        widget=forms.Textarea,
        help_text=gettext_lazy("How will you know it worked? For example “We throw away half as much bread”."),
    )
    data_available = forms.CharField(
        label=gettext_lazy("What data exists"),
        max_length=1000,
        widget=forms.Textarea,
        help_text=gettext_lazy(
            "For example “Two years of weekly sales in a spreadsheet”. Write “None yet” if there is none."
        ),
    )
    personal_data = forms.ChoiceField(
        label=gettext_lazy("Does the data include personal data?"),
        choices=PersonalData.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Names, addresses, health or anything else about identifiable people."),
    )
    ethics_concerns = forms.CharField(
        label=gettext_lazy("Ethics concerns (optional)"),
        max_length=1000,
        widget=forms.Textarea,
        required=False,
        help_text=gettext_lazy("Could anyone be treated unfairly or harmed? Say so here."),
    )
    results_ownership = forms.CharField(
        label=gettext_lazy("Who owns the results"),
        max_length=500,
        help_text=gettext_lazy("For example “Shared: the team may publish the code, we own our data”."),
    )
    areas = AreasField(required=False, help_text=gettext_lazy("Select all the skills a team will need."))
    timescale = forms.CharField(
        label=gettext_lazy("Timescale"),
        max_length=120,
        help_text=gettext_lazy("For example “Six weeks from February”."),
    )

    page_fields = [
        "title", "introduction", "problem", "theme", "beneficiaries", "success", "data_available",
        "personal_data", "ethics_concerns", "results_ownership", "timescale",
    ]  # fmt: skip

    @classmethod
    def initial_from(cls, page: ChallengePage) -> dict:
        return {**{name: getattr(page, name) for name in cls.page_fields}, "areas": list(page.areas.all())}


class ProjectForm(PlainMessagesMixin, forms.Form):
    required_messages = Messages(
        {
            "title": gettext_lazy("Enter a title for the project"),
            "introduction": gettext_lazy("Enter a summary of the project"),
            "description": gettext_lazy("Describe what the project does"),
            "stage": gettext_lazy("Select the stage the project has reached"),
            "data_used": gettext_lazy("Say what data the project uses, or write “None”"),
            "risks": gettext_lazy("Describe the known risks and limitations"),
            "human_control": gettext_lazy("Say how people stay in control"),
        }
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=120)
    introduction = forms.CharField(
        label=gettext_lazy("Summary"), max_length=300, help_text=gettext_lazy("One or two sentences for the showcase.")
    )
    description = RichTextFormField(label=gettext_lazy("What it does"), max_length=5000, help_text=RICH_TEXT_HINT)
    invite_emails = forms.CharField(
        label=gettext_lazy("Invite team members (optional)"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy(
            "Enter email addresses separated by commas. We email each person an invitation to join the "
            "team; they join when they accept it. You are included automatically."
        ),
    )
    remove_members = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Remove from the team (optional)"),
    )
    team_names = forms.CharField(
        label=gettext_lazy("Other team members (optional)"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Names of team members without an account, separated by commas."),
    )
    challenge = forms.ModelChoiceField(
        queryset=ChallengePage.objects.none(),
        required=False,
        label=gettext_lazy("The challenge it answers (optional)"),
        empty_label=pgettext_lazy("no challenge chosen", "None"),
    )
    areas = AreasField(
        required=False,
        help_text=gettext_lazy(
            "The skills your team used. Each team member earns Creator level in them once it is published."
        ),
    )
    stage = forms.ChoiceField(label=gettext_lazy("Stage"), choices=Stage.choices, widget=forms.RadioSelect)
    outcome = forms.CharField(
        label=gettext_lazy("Outcome for the organisation (optional)"),
        max_length=2000,
        widget=forms.Textarea,
        required=False,
    )
    code_url = forms.URLField(
        label=gettext_lazy("Code link (optional)"),
        required=False,
        assume_scheme="https",
        max_length=ProjectPage._meta.get_field("code_url").max_length,
    )
    demo_url = forms.URLField(
        label=gettext_lazy("Demo link (optional)"),
        required=False,
        assume_scheme="https",
        max_length=ProjectPage._meta.get_field("demo_url").max_length,
    )
    data_used = forms.CharField(label=gettext_lazy("Data used"), max_length=1000, widget=forms.Textarea)
    risks = forms.CharField(label=gettext_lazy("Known risks and limitations"), max_length=1000, widget=forms.Textarea)
    human_control = forms.CharField(
        label=gettext_lazy("How people stay in control"), max_length=1000, widget=forms.Textarea
    )
    image = forms.FileField(
        label=gettext_lazy("Add an image (optional)"),
        required=False,
        help_text=gettext_lazy("A JPEG, PNG or WebP image up to 10 MB. Location and camera details are removed."),
    )
    image_alt_text = forms.CharField(
        label=gettext_lazy("Describe the image"),
        max_length=250,
        required=False,
        help_text=gettext_lazy("For someone who cannot see it, for example “The forecast screen on a tablet”."),
    )

    page_fields = [
        "title", "introduction", "description", "team_names", "challenge", "stage", "outcome",
        "code_url", "demo_url", "data_used", "risks", "human_control",
    ]  # fmt: skip

    def __init__(self, *args, page: ProjectPage | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form: `public()` queries view restrictions, so it cannot run at import.
        self.fields["challenge"].queryset = ChallengePage.objects.live().public().order_by("title")
        # Anyone in the team but the person who submitted it may be taken off; a new one has no team yet.
        removable = [member.pk for member in page.team_members.all() if member.pk != page.owner_id] if page else []
        if removable:
            self.fields["remove_members"].queryset = get_user_model().objects.filter(pk__in=removable)
            self.fields["remove_members"].label_from_instance = attrgetter("display_name")
        else:
            del self.fields["remove_members"]

    @classmethod
    def initial_from(cls, page: ProjectPage) -> dict:
        initial = {name: getattr(page, name) for name in cls.page_fields}
        initial["areas"] = list(page.areas.all())
        return initial

    def clean_invite_emails(self):
        return parse_addresses(self.cleaned_data["invite_emails"])

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image:
            check_image(image)
        return image

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("image_alt_text"):
            self.add_error("image_alt_text", _("Describe the image for people who cannot see it."))
        if cleaned.get("image") and self.errors:  # browsers cannot send a file back with the form
            self.add_error("image", _("Choose the image again: it is not kept while something else needs fixing"))
        return cleaned


class InterestForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("About your team"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Who is in your team, the skills you bring and when you could start. The organisation sees "
            "this; your contact details are shared only if they pick your team."
        ),
        error_messages={
            "required": gettext_lazy("Tell the organisation about your team"),
            "max_length": gettext_lazy("About your team must be 1,000 characters or fewer"),
        },
    )


class SelectTeamForm(forms.Form):
    interest = forms.IntegerField(widget=forms.HiddenInput)


class CompleteChallengeForm(PlainMessagesMixin, forms.Form):
    required_messages = Messages({"outcome": gettext_lazy("Say what happened")})
    outcome = RichTextFormField(
        label=gettext_lazy("Outcome"),
        max_length=5000,
        help_text=format_lazy("{} {}", gettext_lazy("What happened?"), RICH_TEXT_HINT),
    )
    project = forms.ModelChoiceField(
        queryset=ProjectPage.objects.none(),
        required=False,
        label=gettext_lazy("The project that answered it (optional)"),
        empty_label=pgettext_lazy("no project chosen", "None"),
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
