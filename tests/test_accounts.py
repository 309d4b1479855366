"""Sign-up, sign-in, MFA for staff, and the person's own pages: profile, data, deletion."""

import json
import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from portal.accounts.factories import PASSWORD, MembershipFactory, StaffFactory, UserFactory
from portal.accounts.models import Membership, Organisation, Profile, Role, User, Ward

from .mfa import current_code, enrol_totp

pytestmark = pytest.mark.django_db

SIGNUP = {
    "display_name": "Amira",
    "email": "amira@example.org",
    "password1": "a-long-and-unusual-password",
    "password2": "a-long-and-unusual-password",
    "role": "resident",
}


def confirmation_link(message) -> str:
    return re.search(r"http://testserver(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def test_signup_sends_verification_email_then_person_can_sign_in(client, home_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="amira@example.org")
    assert user.profile.display_name == "Amira"
    assert set(user.groups.values_list("name", flat=True)) == {"Residents"}

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Luton AI Club: Confirm your email address"
    assert "text/html" in [mimetype for _, mimetype in message.alternatives]

    # Not verified yet: signing in leads back to the verification page.
    client.logout()
    response = client.post(reverse("account_login"), {"login": "amira@example.org", "password": SIGNUP["password1"]})
    assert response["Location"] == reverse("account_email_verification_sent")

    link = confirmation_link(mail.outbox[-1])
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="amira@example.org").verified

    client.logout()
    response = client.post(reverse("account_login"), {"login": "amira@example.org", "password": SIGNUP["password1"]})
    assert response.status_code == 302
    assert client.get(reverse("me")).status_code == 200


def test_signup_as_organisation_needs_its_name(client, home_page):
    response = client.post(reverse("account_signup"), {**SIGNUP, "role": "organisation"})
    assert response.status_code == 200
    assert "Enter the name of your organisation." in response.content.decode()
    assert "Error: Create an account" in response.content.decode()
    assert not User.objects.exists()


def test_signup_as_organisation_asks_to_join_it(client, home_page):
    client.post(
        reverse("account_signup"), {**SIGNUP, "role": "organisation", "organisation_name": " Luton  Food Bank "}
    )
    user = User.objects.get(email="amira@example.org")
    membership = Membership.objects.get(user=user)
    assert membership.organisation.name == "Luton Food Bank"
    assert not membership.organisation.is_confirmed and not membership.is_confirmed
    assert set(user.groups.values_list("name", flat=True)) == {"Residents", "Organisation members"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"display_name": ""}, "Enter your name."),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"password2": "something-else-entirely"}, "You must type the same password each time."),
        ({"email": ""}, "Enter your email address."),
        ({"password1": "short", "password2": "short"}, "This password is too short."),
        ({"role": "wizard"}, "Select a valid choice."),
    ],
)
def test_signup_rejects_bad_input_with_a_message(client, home_page, change, message):
    response = client.post(reverse("account_signup"), {**SIGNUP, **change})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="govuk-error-summary"' in html
    assert not User.objects.exists()


def test_signup_with_a_taken_email_does_not_reveal_the_account(client, home_page, django_capture_on_commit_callbacks):
    UserFactory(email="amira@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), SIGNUP)
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.count() == 1
    assert mail.outbox[-1].subject == "Luton AI Club: You already have an account"


def test_password_reset_does_not_reveal_which_emails_have_accounts(
    client, home_page, django_capture_on_commit_callbacks
):
    UserFactory(email="known@example.org")
    responses = []
    for email in ["known@example.org", "unknown@example.org"]:
        with django_capture_on_commit_callbacks(execute=True):
            responses.append(client.post(reverse("account_reset_password"), {"email": email}))
    assert [r.status_code for r in responses] == [302, 302]
    assert responses[0]["Location"] == responses[1]["Location"]
    assert [m.to for m in mail.outbox] == [["known@example.org"], ["unknown@example.org"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert "/accounts/password/reset/key/" not in mail.outbox[1].body


def test_repeated_bad_passwords_are_rate_limited(client, user):
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password"})
        assert "Too many failed login attempts" not in response.content.decode()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_without_mfa_cannot_use_the_admin(client):
    editor = StaffFactory()
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_staff_with_mfa_not_used_this_session_must_enter_a_code(client):
    editor = StaffFactory()
    enrol_totp(editor)
    client.force_login(editor)
    response = client.get("/admin/pages/")
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_staff_signed_in_with_password_and_code_can_use_the_admin(client):
    editor = StaffFactory()
    enrol_totp(editor)
    response = client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD, "next": "/admin/"})
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(editor)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_wagtail_login_form_is_not_a_way_around_mfa(client):
    editor = StaffFactory()
    enrol_totp(editor)
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2Fpages%2F"
    client.post("/admin/login/", {"username": editor.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_admin_login_refuses_open_redirects(client):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"


def test_people_without_admin_access_are_left_to_wagtail(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "2fa" not in response["Location"]


@pytest.mark.parametrize("url", ["/me/", "/accounts/profile/", "/accounts/data/", "/accounts/delete/"])
def test_personal_pages_need_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_me_shows_the_signed_in_person_only(client, user, other_user):
    client.force_login(user)
    html = client.get("/me/").content.decode()
    assert user.email in html
    assert other_user.email not in html


def test_profile_edit_saves_details(client, user):
    client.force_login(user)
    ward = Ward.objects.get(slug="poets")
    response = client.post(
        "/accounts/profile/",
        {"display_name": "Sam", "ward": ward.pk, "role": "student", "language": "en-gb", "email_event_reminders": ""},
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert (profile.display_name, profile.ward, profile.role, profile.email_event_reminders) == (
        "Sam",
        ward,
        Role.STUDENT,
        False,
    )
    assert set(user.groups.values_list("name", flat=True)) == {"Residents", "Students"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"display_name": "", "role": "resident"}, "Enter your name."),
        ({"display_name": "x" * 81, "role": "resident"}, "Name must be 80 characters or fewer."),
        ({"display_name": "Sam", "role": "organisation"}, "Enter the name of your organisation."),
        ({"display_name": "Sam", "role": "resident", "ward": "99999"}, "Select a ward from the list."),
        ({"display_name": "Sam"}, "Select how you will use the portal."),
        ({"display_name": "Sam", "role": "resident"}, "Select the language we should email you in."),
        ({"display_name": "Sam", "role": "resident", "language": "xx"}, "Select a language from the list."),
    ],
)
def test_profile_edit_rejects_bad_input_and_saves_nothing(client, user, data, message):
    client.force_login(user)
    before = Profile.objects.get(user=user)
    response = client.post("/accounts/profile/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'class="govuk-error-summary"' in html and "govuk-error-message" in html
    assert html.startswith("<!DOCTYPE html>") and "<title>Error: Your details" in html
    after = Profile.objects.get(user=user)
    assert (after.display_name, after.role, after.ward_id) == (before.display_name, before.role, before.ward_id)


def test_switching_to_organisation_member_joins_the_organisation(client, user):
    client.force_login(user)
    client.post(
        "/accounts/profile/",
        {"display_name": "Sam", "role": "organisation", "language": "en-gb", "organisation_name": "Dallow Deli"},
    )
    assert Organisation.objects.get(name="Dallow Deli").memberships.filter(user=user).exists()
    assert set(user.groups.values_list("name", flat=True)) == {"Residents", "Organisation members"}


def test_a_person_speaks_for_one_organisation_and_leaving_the_role_ends_it(client, user):
    client.force_login(user)
    profile = {"display_name": "Sam", "role": "organisation", "language": "en-gb"}
    client.post("/accounts/profile/", {**profile, "organisation_name": "Dallow Deli"})
    client.post("/accounts/profile/", {**profile, "organisation_name": "Biscot Bakery"})
    assert [m.organisation.name for m in Membership.objects.filter(user=user)] == ["Biscot Bakery"]
    client.post("/accounts/profile/", {**profile, "role": "student"})
    assert not Membership.objects.filter(user=user).exists()


def test_data_export_holds_my_data_and_no_one_elses(client, user, other_user):
    MembershipFactory(user=user, organisation__name="Saints Community Café")
    MembershipFactory(user=other_user, organisation__name="Someone Else's Shop")
    client.force_login(user)
    response = client.get("/accounts/data/")
    assert response["Content-Disposition"].startswith('attachment; filename="luton-ai-club-my-data-')
    data = json.loads(response.content)
    assert data["account"]["email"] == user.email
    assert data["account"]["organisations"][0]["name"] == "Saints Community Café"
    assert data["account"]["email_addresses"] == [{"email": user.email, "verified": True, "primary": True}]
    text = response.content.decode()
    assert other_user.email not in text and "Someone Else" not in text


def test_delete_with_the_wrong_password_keeps_the_account(client, user):
    client.force_login(user)
    response = client.post("/accounts/delete/", {"password": "not-it"})
    assert response.status_code == 200
    assert "The password is not right" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_removes_the_account_and_signs_out(client, user, other_user):
    MembershipFactory(user=user)
    client.force_login(user)
    response = client.post("/accounts/delete/", {"password": PASSWORD})
    assert response["Location"] == reverse("account_deleted")
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Profile.objects.filter(user_id=user.pk).exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()
    assert not Membership.objects.filter(user_id=user.pk).exists()
    assert User.objects.filter(pk=other_user.pk).exists()
    assert "_auth_user_id" not in client.session


def test_createsuperuser_noinput_from_environment(monkeypatch):
    from django.core.management import call_command

    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "chief@example.org")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-strong-admin-password")
    call_command("createsuperuser", interactive=False, verbosity=0)
    admin = User.objects.get(email="chief@example.org")
    assert admin.is_superuser and admin.check_password("a-strong-admin-password")
    assert Profile.objects.filter(user=admin).exists()


def test_role_groups_exist_with_admin_access_for_staff_only():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Residents", "Students", "Organisation members", "Editors", "Moderators", "Analysts"} <= names
    for name in ["Editors", "Moderators", "Analysts"]:
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()
    for name in ["Residents", "Students", "Organisation members"]:
        assert not Group.objects.get(name=name).permissions.exists()


def test_wards_are_the_twenty_since_2023_plus_outside_luton():
    assert Ward.objects.in_luton().count() == 20
    assert {"Poets", "Beech Hill", "Biscot"} <= set(Ward.objects.values_list("name", flat=True))
    assert not Ward.objects.filter(name__in=["Bury Park", "Wardown"]).exists()
    assert Ward.objects.last().name == "Outside Luton"


# Allauth announces the new authenticator after the transaction commits, as in production.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_set_up_mfa_right_after_signing_in_then_use_the_admin(client):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    editor = StaffFactory()
    client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    # Just signed in: no second password prompt before setting up the authenticator app.
    response = client.get(response["Location"])
    assert response.status_code == 200
    secret = response.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    # Setting up an authenticator is not signing in with it: the admin asks for a code first.
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    client.post(reverse("mfa_reauthenticate"), {"code": unused_recovery_code(editor)})
    assert client.get("/admin/").status_code == 200


def unused_recovery_code(user) -> str:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return RecoveryCodes(authenticator).get_unused_codes()[0]


def test_wagtail_frontend_login_form_signs_nobody_in(client, home_page):
    editor = StaffFactory()
    response = client.post("/_util/login/", {"username": editor.email, "password": PASSWORD, "next": "/"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    response = client.get("/_util/login/?next=/committee/")
    assert response["Location"] == reverse("account_login") + "?next=%2Fcommittee%2F"
    response = client.get("/_util/login/?next=https://evil.example/")
    assert response["Location"] == reverse("account_login") + "?next=%2F"


def test_private_pages_send_people_to_the_portal_sign_in(client, home_page):
    from wagtail.models import PageViewRestriction

    from home.factories import StandardPageFactory

    page = StandardPageFactory(parent=home_page, title="Committee notes", slug="committee")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/committee/"


@pytest.mark.parametrize(
    "url", ["/accounts/2fa/totp/deactivate/", "/accounts/2fa/recovery-codes/", "/accounts/password/change/"]
)
def test_a_password_alone_cannot_change_the_second_factor(client, url):
    editor = StaffFactory()
    enrol_totp(editor)
    client.force_login(editor)  # a session that never used the authenticator app
    response = client.get(url)
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    response = client.post(url, {"code": "123456"})
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert has_authenticator_app(editor)


def has_authenticator_app(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def test_the_second_factor_is_managed_after_using_it(client):
    editor = StaffFactory()
    enrol_totp(editor)
    client.post(reverse("account_login"), {"login": editor.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": current_code(editor)})
    assert client.get("/accounts/2fa/totp/deactivate/").status_code == 200


def test_email_addresses_page_speaks_plainly_and_offers_only_what_makes_sense(client, user):
    from allauth.account.models import EmailAddress

    client.force_login(user)
    html = client.get("/accounts/email/").text
    assert (
        "Your email addresses" in html
        and f"You sign in and get emails at <strong><bdi>{user.email}</bdi></strong>" in html
    )
    assert "Make Primary" not in html and "Remove it" not in html and "Send the confirmation" not in html
    assert "placeholder" not in html
    response = client.post("/accounts/email/", {"email": "", "action_add": ""})
    assert response.text.count("Enter the email address to add.") == 2  # in the summary and at the field
    EmailAddress.objects.create(user=user, email="second@example.com", verified=False, primary=False)
    html = client.get("/accounts/email/").text
    assert "Make it your main address" in html and "Remove it" in html and "Not confirmed yet" in html
    response = client.post("/accounts/email/", {"email": "second@example.com", "action_remove": ""})
    assert response.status_code == 302
    assert not EmailAddress.objects.filter(email="second@example.com").exists()
