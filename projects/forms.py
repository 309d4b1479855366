"""Front-end forms for submitting challenges and projects, and for taking part."""

from operator import attrgetter

from django import forms
from django.contrib.auth import get_user_model

from portal.forms import PlainMessagesMixin
from skills.models import Area

from .invitations import parse_addresses
from .models import ChallengePage, PersonalData, ProjectPage, Stage, Theme
from .sanitise import clean_rich_text
from .uploads import check_image

RICH_TEXT_HINT = "Leave a blank line between paragraphs. You can use simple HTML lists and links."


class RichTextFormField(forms.CharField):
    """A textarea whose text is stored as safe rich text (paragraphs, lists and links)."""

    widget = forms.Textarea

    def clean(self, value):
        value = super().clean(value)
        return clean_rich_text(value) if value else value


class AreasField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Area.objects.all(), widget=forms.CheckboxSelectMultiple, label="Skill areas", **kwargs
        )


class ChallengeForm(PlainMessagesMixin, forms.Form):
    required_messages = {
        "title": "Enter a title for the challenge",
        "introduction": "Enter a summary of the challenge",
        "problem": "Describe the problem in plain words",
        "theme": "Select the social theme",
        "beneficiaries": "Say who benefits",
        "success": "Say what success looks like",
        "data_available": "Say what data exists, or write “None yet”",
        "personal_data": "Select whether the data includes personal data",
        "results_ownership": "Say who owns the results",
        "timescale": "Enter a timescale, for example “Six weeks from February”",
    }
    title = forms.CharField(max_length=120, help_text="A short name, for example “Forecast food bank demand”.")
    introduction = forms.CharField(
        label="Summary", max_length=300, help_text="One or two sentences shown in the list of challenges."
    )
    problem = RichTextFormField(
        label="The problem in plain words", max_length=5000, help_text="What is hard today? " + RICH_TEXT_HINT
    )
    theme = forms.ChoiceField(label="Social theme", choices=Theme.choices, widget=forms.RadioSelect)
    beneficiaries = forms.CharField(
        label="Who benefits", max_length=1000, widget=forms.Textarea, help_text="Who will be better off if it works?"
    )
    success = forms.CharField(
        label="What success looks like",
        max_length=1000,
        widget=forms.Textarea,
        help_text="How will you know it worked? For example “We throw away half as much bread”.",
    )
    data_available = forms.CharField(
        label="What data exists",
        max_length=1000,
        widget=forms.Textarea,
        help_text="For example “Two years of weekly sales in a spreadsheet”. Write “None yet” if there is none.",
    )
    personal_data = forms.ChoiceField(
        label="Does the data include personal data?",
        choices=PersonalData.choices,
        widget=forms.RadioSelect,
        help_text="Names, addresses, health or anything else about identifiable people.",
    )
    ethics_concerns = forms.CharField(
        label="Ethics concerns (optional)",
        max_length=1000,
        widget=forms.Textarea,
        required=False,
        help_text="Could anyone be treated unfairly or harmed? Say so here.",
    )
    results_ownership = forms.CharField(
        label="Who owns the results",
        max_length=500,
        help_text="For example “Shared: the team may publish the code, we own our data”.",
    )
    areas = AreasField(required=False, help_text="Select all the skills a team will need.")
    timescale = forms.CharField(max_length=120, help_text="For example “Six weeks from February”.")

    page_fields = [
        "title", "introduction", "problem", "theme", "beneficiaries", "success", "data_available",
        "personal_data", "ethics_concerns", "results_ownership", "timescale",
    ]  # fmt: skip

    @classmethod
    def initial_from(cls, page: ChallengePage) -> dict:
        return {**{name: getattr(page, name) for name in cls.page_fields}, "areas": list(page.areas.all())}


class ProjectForm(PlainMessagesMixin, forms.Form):
    required_messages = {
        "title": "Enter a title for the project",
        "introduction": "Enter a summary of the project",
        "description": "Describe what the project does",
        "stage": "Select the stage the project has reached",
        "data_used": "Say what data the project uses, or write “None”",
        "risks": "Describe the known risks and limitations",
        "human_control": "Say how people stay in control",
    }
    title = forms.CharField(max_length=120)
    introduction = forms.CharField(label="Summary", max_length=300, help_text="One or two sentences for the showcase.")
    description = RichTextFormField(label="What it does", max_length=5000, help_text=RICH_TEXT_HINT)
    invite_emails = forms.CharField(
        label="Invite team members (optional)",
        required=False,
        max_length=1000,
        help_text="Enter email addresses separated by commas. We email each person an invitation to join the "
        "team; they join when they accept it. You are included automatically.",
    )
    remove_members = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Remove from the team (optional)",
    )
    team_names = forms.CharField(
        label="Other team members (optional)",
        max_length=300,
        required=False,
        help_text="Names of team members without an account, separated by commas.",
    )
    challenge = forms.ModelChoiceField(
        queryset=ChallengePage.objects.none(),
        required=False,
        label="The challenge it answers (optional)",
        empty_label="None",
    )
    areas = AreasField(
        required=False,
        help_text="The skills your team used. Each team member earns Creator level in them once it is published.",
    )
    stage = forms.ChoiceField(choices=Stage.choices, widget=forms.RadioSelect)
    outcome = forms.CharField(
        label="Outcome for the organisation (optional)", max_length=2000, widget=forms.Textarea, required=False
    )
    code_url = forms.URLField(
        label="Code link (optional)",
        required=False,
        assume_scheme="https",
        max_length=ProjectPage._meta.get_field("code_url").max_length,
    )
    demo_url = forms.URLField(
        label="Demo link (optional)",
        required=False,
        assume_scheme="https",
        max_length=ProjectPage._meta.get_field("demo_url").max_length,
    )
    data_used = forms.CharField(label="Data used", max_length=1000, widget=forms.Textarea)
    risks = forms.CharField(label="Known risks and limitations", max_length=1000, widget=forms.Textarea)
    human_control = forms.CharField(label="How people stay in control", max_length=1000, widget=forms.Textarea)
    image = forms.FileField(
        label="Add an image (optional)",
        required=False,
        help_text="A JPEG, PNG or WebP image up to 10 MB. Location and camera details are removed.",
    )
    image_alt_text = forms.CharField(
        label="Describe the image",
        max_length=250,
        required=False,
        help_text="For someone who cannot see it, for example “The forecast screen on a tablet”.",
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
            self.add_error("image_alt_text", "Describe the image for people who cannot see it.")
        if cleaned.get("image") and self.errors:  # browsers cannot send a file back with the form
            self.add_error("image", "Choose the image again: it is not kept while something else needs fixing")
        return cleaned


class InterestForm(forms.Form):
    note = forms.CharField(
        label="About your team",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Who is in your team, the skills you bring and when you could start. The organisation sees "
        "this; your contact details are shared only if they pick your team.",
        error_messages={
            "required": "Tell the organisation about your team",
            "max_length": "About your team must be 1,000 characters or fewer",
        },
    )


class SelectTeamForm(forms.Form):
    interest = forms.IntegerField(widget=forms.HiddenInput)


class CompleteChallengeForm(PlainMessagesMixin, forms.Form):
    required_messages = {"outcome": "Say what happened"}
    outcome = RichTextFormField(label="Outcome", max_length=5000, help_text="What happened? " + RICH_TEXT_HINT)
    project = forms.ModelChoiceField(
        queryset=ProjectPage.objects.none(),
        required=False,
        label="The project that answered it (optional)",
        empty_label="None",
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
