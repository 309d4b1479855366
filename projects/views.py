"""Submitting challenges and projects, and matching teams, from the public site."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import invitations
from .forms import ChallengeForm, CompleteChallengeForm, InterestForm, ProjectForm, SelectTeamForm
from .matching import (
    can_complete,
    complete_challenge,
    manages_challenge,
    projects_that_may_answer,
    register_interest,
    select_team,
    withdraw_interest,
)
from .models import ChallengeIndexPage, ChallengePage, ChallengeStatus, Interest, ProjectIndexPage, ProjectPage
from .submission import (
    CHALLENGE_DRAFT_SESSION_KEY,
    IN_REVIEW,
    PUBLISHED_NOW,
    can_submit_challenge,
    can_submit_project,
    editable_draft,
    is_in_review,
    is_submitter,
    submit_challenge,
    submit_project,
)


def forbidden(request, title: str, explanation: str):
    return render(request, "projects/forbidden.html", {"title": title, "explanation": explanation}, status=403)


def submission_to_edit(user, model, page_id: int):
    """The person's own submission; someone else's is not found, whatever its state."""
    page = get_object_or_404(model, pk=page_id)
    if not is_submitter(user, page):
        raise Http404
    if page.live:
        raise PermissionDenied(PUBLISHED_NOW)
    return page


def add_model_errors(form, error: ValidationError) -> None:
    """Show errors the page itself found beside the fields they are about; the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def submission_form(request, page_id, *, model, form_class, submit, index_model, new_title):
    """Post a new submission, or edit one's own draft, through `form_class`."""
    if not index_model.objects.exists():
        raise Http404(_("This part of the site is not set up yet."))
    page = submission_to_edit(request.user, model, page_id) if page_id is not None else None
    if page and is_in_review(page):  # approval publishes the latest revision: it must stay what was sent
        context = {"title": _("“%(title)s” is being reviewed") % {"title": page.title}, "explanation": IN_REVIEW}
        return render(request, "projects/in_review.html", context, status=403 if request.method == "POST" else 200)
    draft = editable_draft(page) if page else None
    initial = form_class.initial_from(draft) if draft else None
    # A new challenge may start from what another part of the site handed over (the
    # business AI check's opportunities), kept until it is sent.
    handed_over = form_class is ChallengeForm and page is None
    if handed_over and request.method == "GET":
        initial = request.session.get(CHALLENGE_DRAFT_SESSION_KEY)
    options = {"page": draft} if form_class is ProjectForm else {}
    form = form_class(request.POST or None, request.FILES or None, initial=initial, **options)
    if request.method == "POST" and form.is_valid():
        try:
            saved = submit(form, request.user, draft)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            if handed_over:
                request.session.pop(CHALLENGE_DRAFT_SESSION_KEY, None)
            messages.success(
                request, _("Thank you. “%(title)s” is with our editors for review.") % {"title": saved.title}
            )
            if invited := getattr(form, "invited_emails", None):
                messages.success(request, invited_message(invited))
            return redirect("me")
    title = _("Edit “%(title)s”") % {"title": page.title} if page else new_title
    context = {"form": form, "title": title, "page": page}
    if isinstance(page, ProjectPage):
        context["invitations"] = page.invitations.pending().order_by("email")
    return render(request, "projects/submit.html", context)


def invited_message(addresses: list[str]) -> str:
    """The same words whether or not an address has an account."""
    return ngettext(
        # Translators: “addresses” is a list of email addresses separated by commas.
        "We’ve emailed an invitation to %(addresses)s. They join the team when they accept it.",
        "We’ve emailed an invitation to %(addresses)s. They join the team when they accept it.",
        len(addresses),
    ) % {"addresses": ", ".join(addresses)}


@login_required
def challenge_submit(request, page_id=None):
    if page_id is None and not can_submit_challenge(request.user):
        return forbidden(
            request,
            _("Only businesses and organisations can post challenges"),
            _(
                # Translators: “Business or organisation” is the name of a role on the profile page (translated
                # separately).
                "Post a challenge by choosing “Business or organisation” as your role on your profile page and "
                "naming your organisation. Our editors confirm organisations before they are named publicly."
            ),
        )
    return submission_form(
        request, page_id, model=ChallengePage, form_class=ChallengeForm, submit=submit_challenge,
        index_model=ChallengeIndexPage, new_title=_("Post a challenge"),
    )  # fmt: skip


@login_required
def project_submit(request, page_id=None):
    if page_id is None and not can_submit_project(request.user):
        return forbidden(
            request,
            _("Only students can add projects"),
            _(
                # Translators: “Student” is the name of a role on the profile page (translated separately).
                "Student teams add their projects to the showcase. If you are a student, choose “Student” as your "
                "role on your profile page. Organisations can post a challenge for a team to take on instead."
            ),
        )
    return submission_form(
        request, page_id, model=ProjectPage, form_class=ProjectForm, submit=submit_project,
        index_model=ProjectIndexPage, new_title=_("Add your project"),
    )  # fmt: skip


def live_challenge(page_id: int) -> ChallengePage:
    return get_object_or_404(ChallengePage.objects.live().public(), pk=page_id)


@login_required
@require_POST
def challenge_interest(request, page_id):
    challenge = live_challenge(page_id)
    form = InterestForm(request.POST)
    if not form.is_valid():  # the challenge page again, with the note kept and the error at it
        context = {**challenge.get_context(request), "interest_form": form}
        return TemplateResponse(request, challenge.get_template(request), context)
    try:
        register_interest(challenge, request.user, form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your interest is registered. We will email you when the organisation decides."))
    return redirect(challenge.url)


@login_required
@require_POST
def interest_withdraw(request, pk):
    interest = get_object_or_404(Interest, pk=pk, student=request.user)
    withdraw_interest(interest)
    messages.success(request, _("You have withdrawn your interest."))
    return redirect("me")


@login_required
@require_POST
def challenge_select_team(request, page_id):
    challenge = live_challenge(page_id)
    if not manages_challenge(request.user, challenge):
        raise PermissionDenied(_("Only the organisation that posted this challenge can pick a team."))
    form = SelectTeamForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pick a team from the list of interested teams."))
    else:
        interest = get_object_or_404(Interest, pk=form.cleaned_data["interest"], challenge=challenge)
        try:
            select_team(challenge, interest, request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("You have picked a team. We have emailed you both each other's details."))
    return redirect(challenge.url)


@login_required
def challenge_complete(request, page_id):
    challenge = live_challenge(page_id)
    if not can_complete(request.user, challenge):
        raise PermissionDenied(_("Only the organisation or an editor can complete this challenge."))
    if challenge.status != ChallengeStatus.IN_PROGRESS:
        messages.error(request, _("A challenge can be completed only while a team is working on it."))
        return redirect(challenge.url)
    form = CompleteChallengeForm(request.POST or None, projects=projects_that_may_answer(challenge))
    if request.method == "POST" and form.is_valid():
        try:
            complete_challenge(challenge, form.cleaned_data["outcome"], form.cleaned_data["project"], request.user)
        except ValidationError as error:  # completed by someone else a moment ago
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The challenge is marked completed. Thank you for sharing the outcome."))
        return redirect(challenge.url)
    return render(request, "projects/complete.html", {"form": form, "challenge": challenge})


def invitation(request, token):
    """The invited person accepts or declines; signing in (or up) first brings them back here."""
    found = invitations.find(token)
    if found is None:
        raise Http404(_("This invitation link is not complete or is not one of ours."))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    refusal = invitations.refusal(found, request.user)
    if request.method == "POST" and not refusal:
        answer = request.POST.get("answer")
        if answer in ("accept", "decline"):
            try:
                getattr(invitations, answer)(found, request.user)
            except ValidationError as error:  # answered a moment ago in another tab
                refusal = error.messages[0]
            else:
                if answer == "accept":
                    message = _("You are now in the team for “%(title)s”.")
                else:
                    message = _("You have declined the invitation to “%(title)s”.")
                messages.success(request, message % {"title": found.project.title})
                return redirect("me")
    context = {"invitation": found, "refusal": refusal}
    return render(request, "projects/invitation.html", context, status=403 if refusal else 200)
