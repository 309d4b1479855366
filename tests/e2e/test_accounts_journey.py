"""Signing up and signing in as a person would, in a real browser."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from portal.accounts.factories import PASSWORD, UserFactory

from .conftest import assert_accessible, assert_page_basics

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_sign_up_confirm_email_and_sign_in(page, home_page):
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    assert_page_basics(page)

    # A first attempt with mistakes shows the error summary and inline errors.
    page.get_by_label("Your name").fill("Amira")
    page.get_by_label("Email address").fill("amira@example")
    page.get_by_role("button", name="Create account").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert "Enter a valid email address." in summary.inner_text()
    assert_accessible(page)

    page.get_by_label("Email address").fill("amira@example.org")
    page.get_by_label("Create a password").fill("a-long-and-unusual-password")
    page.get_by_label("Type the password again").fill("a-long-and-unusual-password")
    page.get_by_label("As a resident").check()
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    assert_accessible(page)

    link = re.search(r"(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_role("heading", name="Hello, Amira").wait_for()
    assert_accessible(page)

    page.goto("/accounts/logout/")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill("amira@example.org")
    page.get_by_label("Password", exact=True).fill("a-long-and-unusual-password")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Hello, Amira").wait_for()


def test_sign_in_with_keyboard_only(page, home_page):
    user = UserFactory(first_name="Tomasz")
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.get_by_label("Email address").focus()
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Hello, Tomasz").wait_for()
