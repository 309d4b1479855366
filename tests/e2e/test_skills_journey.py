"""Checking your AI skills as a resident would, in a real browser, with axe on every screen."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from .conftest import assert_accessible, assert_page_basics

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def answer_screen(page, confidence: str, knowledge_index: int) -> None:
    """Pick `confidence` for every statement and the n-th answer of every knowledge question."""
    for fieldset in page.locator("fieldset.govuk-fieldset").all():
        option = fieldset.get_by_label(confidence, exact=True)
        if option.count():
            option.check()
        else:
            fieldset.locator("input[type=radio]").nth(knowledge_index).check()


def answer_screen_with_keyboard(page) -> None:
    """Arrow keys move between radios in a group; Tab moves to the next group."""
    first = page.locator("fieldset.govuk-fieldset input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")
    for _ in range(page.locator("fieldset.govuk-fieldset").count() - 1):
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Continue"
    page.keyboard.press("Enter")


def test_resident_checks_their_skills_keeps_the_result_and_sees_progress(page, home_page):
    page.goto("/skills/")
    assert_page_basics(page)
    assert_accessible(page)
    page.get_by_role("button", name="Start the assessment").click()

    expect(page).to_have_title(re.compile("about you"))
    assert_page_basics(page)
    assert_accessible(page)
    page.get_by_label("Which Luton ward do you live in?").select_option(label="Poets")
    page.get_by_label("25 to 34").check()
    page.get_by_role("button", name="Continue").click()

    # A missing answer shows the error summary and an inline error.
    expect(page).to_have_title(re.compile(r"area 1 of 6"))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)

    # First screen with the keyboard only.
    answer_screen_with_keyboard(page)
    for number in range(2, 7):
        expect(page).to_have_title(re.compile(rf"area {number} of 6"))
        expect(page.get_by_text(f"Area {number} of 6")).to_be_visible()
        assert_page_basics(page)
        assert_accessible(page)
        answer_screen(page, "I can do this on my own", knowledge_index=4)  # "I'm not sure"
        if number == 3:
            # Back and forward again keeps the answers.
            page.get_by_role("button", name="Back").click()
            expect(page).to_have_title(re.compile(r"area 2 of 6"))
            expect(page.locator("input[type=radio]:checked")).to_have_count(4)
            page.get_by_role("button", name="Continue").click()
            expect(page).to_have_title(re.compile(r"area 3 of 6"))
            answer_screen(page, "I can do this on my own", knowledge_index=4)
        page.get_by_role("button", name="Continue").click()

    expect(page).to_have_title(re.compile("Check your answers"))
    assert_page_basics(page)
    assert_accessible(page)
    page.get_by_role("button", name="See my result").click()

    expect(page).to_have_title(re.compile("Your AI skills result"))
    assert_page_basics(page)
    assert_accessible(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your AI skills level:")
    expect(page.get_by_role("img", name="Your level in each area")).to_be_visible()
    result_path = page.url.split(page.url.split("/skills/")[0])[1]

    page.locator("#main-content").get_by_role("link", name="Create an account").click()
    page.get_by_label("Your name").fill("Amira")
    page.get_by_label("Email address").fill("amira@example.org")
    page.get_by_label("Create a password").fill("a-long-and-unusual-password")
    page.get_by_label("Type the password again").fill("a-long-and-unusual-password")
    page.get_by_label("As a resident").check()
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    link = re.search(r"(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    # Confirming signs Amira in and takes her back to the result she came from, now hers.
    expect(page).to_have_title(re.compile("Your AI skills result"))
    expect(page.get_by_text("Keep this result")).to_have_count(0)

    page.goto("/skills/progress/")
    assert_page_basics(page)
    assert_accessible(page)
    page.locator(f"a[href='{result_path}']").click()
    expect(page).to_have_title(re.compile("Your AI skills result"))


def test_framework_page_is_accessible(page, home_page):
    page.goto("/skills/framework/")
    assert_page_basics(page)
    assert_accessible(page)
    expect(page.get_by_role("heading", name="Staying safe")).to_be_visible()


def test_quick_version_in_a_few_screens(page, home_page):
    page.goto("/skills/assessment/quick/")
    assert_page_basics(page)
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    for number in range(1, 7):
        expect(page).to_have_title(re.compile(rf"area {number} of 6"))
        expect(page.locator("fieldset.govuk-fieldset")).to_have_count(2)
        answer_screen(page, "I could show someone else how", knowledge_index=4)
        page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile("Check your answers"))
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_title(re.compile("Your AI skills result"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Explorer")
    assert_accessible(page)
