"""A business owner takes the AI adoption check signed out, signs up, sees the result and
turns an opportunity into a challenge that an editor approves; every business page passes
axe in English and in Urdu (right to left)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from business.models import BusinessCheck, BusinessPage
from portal.accounts.factories import MembershipFactory, StaffFactory
from portal.i18n import path_in_language
from projects.factories import ChallengeIndexPageFactory, ProjectIndexPageFactory
from projects.models import ChallengePage
from tests.business.factories import BusinessCheckFactory
from tests.mfa import enrol_totp

from .conftest import assert_accessible, assert_page_basics
from .test_projects_journey import new_tab, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def answer_every_screen(page) -> None:
    """Each screen of the check, answering the second option of every question."""
    for number in range(1, 7):
        expect(page).to_have_title(re.compile(rf"\b{number}\b.*\b6\b"))
        assert_page_basics(page)
        for fieldset in page.locator("main fieldset.govuk-fieldset").all():
            fieldset.locator("input").nth(1).check()
        page.locator("main button[type=submit]:not([name=back])").click()


def test_a_business_owner_from_the_check_to_an_approved_challenge(page, browser, live_server, home_page):
    ChallengeIndexPageFactory(parent=home_page)
    ProjectIndexPageFactory(parent=home_page)
    editor = StaffFactory(groups=["Moderators"])
    enrol_totp(editor)

    page.goto("/business/check/")
    assert_page_basics(page)
    assert_accessible(page)
    page.get_by_label("What does your organisation mainly do?").select_option("I")
    page.get_by_label("0 to 9 staff").check()
    page.get_by_role("button", name="Continue").click()
    # Nothing chosen: the error summary and a message beside each question.
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    answer_every_screen(page)

    expect(page).to_have_title(re.compile("Check your answers"))
    assert_accessible(page)
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_title(re.compile("Your AI adoption result"))
    assert_page_basics(page)
    assert_accessible(page)
    expect(page.get_by_role("img", name="Your stage in each topic")).to_be_visible()
    expect(page.get_by_role("heading", name="Your next steps")).to_be_visible()

    page.locator("#main-content").get_by_role("link", name="Create an account").click()
    page.get_by_label("Your name").fill("Nadia")
    page.get_by_label("Email address").fill("nadia@example.org")
    page.get_by_label("Create a password").fill("a-long-and-unusual-password")
    page.get_by_label("Type the password again").fill("a-long-and-unusual-password")
    page.get_by_label("For a business or organisation: post challenges").check()
    page.get_by_label("Organisation name").fill("Stockwood Bakery")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    link = re.search(r"(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_title(re.compile("Your AI adoption result"))
    expect(page.get_by_text("Keep this result")).to_have_count(0)
    assert BusinessCheck.objects.get().user.email == "nadia@example.org"

    page.get_by_role("button", name="Turn this into a challenge for students").click()
    expect(page.get_by_text("We started this challenge from your answers")).to_be_visible()
    assert_accessible(page)
    problem = page.get_by_label("The problem in plain words").input_value()
    assert "Which parts of your work could AI help with?" in problem
    page.get_by_label("Title").fill("Answer online orders faster")
    page.get_by_label("Summary").fill("A small bakery wants help replying to orders.")
    page.get_by_label("Local economy").check()
    page.get_by_label("Who benefits").fill("Our customers")
    page.get_by_label("What success looks like").fill("Every order answered the same day")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Who owns the results").fill("Shared")
    page.get_by_label("Timescale").fill("Six weeks")
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("is with our editors for review")).to_be_visible()
    challenge = ChallengePage.objects.get()
    assert "Which parts of your work could AI help with?" in challenge.problem

    admin = new_tab(browser, live_server)
    sign_in(admin, editor, code=True)
    admin.goto(f"/admin/pages/{challenge.pk}/edit/")
    admin.get_by_role("button", name="More actions").click()
    admin.get_by_role("button", name="Approve and Publish").click()
    expect(admin.get_by_role("heading", name="Exploring: Challenges")).to_be_visible()
    challenge.refresh_from_db()
    assert challenge.live
    admin.context.close()


@pytest.mark.parametrize("code", ["en", "ur"])
def test_every_business_page_is_accessible(page, home_page, code):
    home_page.add_child(instance=BusinessPage(title="AI for Luton businesses", slug="business", introduction="Help."))
    member = MembershipFactory().user
    check = BusinessCheckFactory(
        user=member, organisation=member.memberships.get().organisation, stages=[1, 2, 0, 1, 2, 1]
    )
    sign_in(page, member)
    paths = ["/business/", "/business/check/", "/business/check/step-1/", check_path(check), "/business/progress/",
             "/business/team/", "/skills/dashboard/"]  # fmt: skip
    page.goto(in_language("/business/check/", code))
    page.locator("main button[type=submit]").click()
    for path in paths:
        page.goto(in_language(path, code))
        assert_page_basics(page)
        assert page.locator("html").get_attribute("dir") == ("rtl" if code == "ur" else "ltr")
        assert_accessible(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        page.set_viewport_size({"width": 320, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        page.set_viewport_size({"width": 1280, "height": 900})
        assert width <= 1280


def in_language(path: str, code: str) -> str:
    return path if code == "en" else path_in_language(path, code)


def check_path(check) -> str:
    return f"/business/results/{check.uuid}/"
