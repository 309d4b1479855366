import json

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from portal.i18n import path_in_language

from .forms import DeleteAccountForm, ProfileForm
from .personal_data import delete_account, export_personal_data, me_sections


@never_cache
@login_required
def me(request):
    """The signed-in person's own page: bookings, results and submissions."""
    return render(request, "account/me.html", {"sections": me_sections(request)})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user.profile)
    if request.method == "POST" and form.is_valid():
        profile = form.save()
        # Shown in the language just chosen, which the page then continues in.
        with translation.override(profile.language):
            messages.success(request, _("Your details have been saved."))
            return redirect(path_in_language(reverse("account_profile"), profile.language))
    return render(request, "account/profile.html", {"form": form})


@never_cache
@login_required
def data_export(request):
    """Download everything the portal holds about me, as JSON."""
    data = export_personal_data(request.user)
    filename = f"luton-ai-club-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(json.dumps(data, indent=2, default=str), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        delete_account(request.user)  # all or nothing; the person stays signed in if it fails
        logout(request)
        return redirect("account_deleted")
    return render(request, "account/delete.html", {"form": form})


def deleted(request):
    return render(request, "account/deleted.html")


def account_export(user) -> tuple[str, dict]:
    """The accounts app's part of the personal data export."""
    profile = user.profile
    return "account", {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "profile": {
            "name": profile.display_name,
            "ward": profile.ward.name if profile.ward else None,
            "role": profile.get_role_display(),
            "email_event_reminders": profile.email_event_reminders,
        },
        "organisations": [
            {"name": m.organisation.name, "membership_confirmed": m.is_confirmed, "since": m.created_at}
            for m in user.memberships.select_related("organisation")
        ],
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "two_factor_methods": [
            {"type": a.get_type_display(), "created_at": a.created_at, "last_used_at": a.last_used_at}
            for a in user.authenticator_set.all()
        ],
    }
