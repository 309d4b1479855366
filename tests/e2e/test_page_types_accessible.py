"""Every page type of the foundation passes axe with no violations and has the basics."""

import re

import pytest
from playwright.sync_api import expect

from home.factories import NewsIndexPageFactory, NewsPageFactory, PortalImageFactory, StandardPageFactory
from portal.accounts.factories import PASSWORD, UserFactory

from .conftest import assert_accessible, assert_page_basics

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUBLIC_PATHS = [
    "/",
    "/about/",
    "/news/",
    "/news/drop-ins-begin/",
    "/search/",
    "/search/?q=AI",
    "/search/?q=zzzz-nothing",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/no-such-page/",
]
SIGNED_IN_PATHS = [
    "/me/",
    "/accounts/profile/",
    "/accounts/delete/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
]


@pytest.fixture
def content(home_page):
    image = PortalImageFactory()
    StandardPageFactory(
        parent=home_page,
        title="About the AI Club",
        slug="about",
        body=[
            ("rich_text", "<h2>Our ambition</h2><p>Everyone in Luton with a level of AI skills.</p>"),
            ("image", {"image": image, "alt_text": "Residents at a library drop-in", "caption": "A drop-in"}),
            ("call_to_action", {"heading": "Come along", "text": "Free", "link": {"url": "/news/", "text": "News"}}),
            ("accordion", {"sections": [{"heading": "Is it free?", "content": "<p>Yes.</p>"}]}),
            ("quote", {"quote": "It helped me.", "attribution": "A resident"}),
        ],
    )
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="Drop-ins begin", slug="drop-ins-begin", image=image, image_alt_text="A library")
    NewsPageFactory(parent=news, title="AI in Luton")


def test_public_page_types_are_accessible(page, content):
    for path in PUBLIC_PATHS:
        page.goto(path)
        assert_page_basics(page)
        assert_accessible(page)


def test_signed_in_page_types_are_accessible(page, content):
    user = UserFactory()
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/me/")
    for path in SIGNED_IN_PATHS:
        page.goto(path)
        assert_page_basics(page)
        assert_accessible(page)


def test_failed_forms_show_an_accessible_error_summary(page, content):
    user = UserFactory()
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    page.goto("/accounts/profile/")
    page.get_by_label("Your name").fill("")
    page.get_by_role("button", name="Save your details").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    page.get_by_role("link", name="Enter your name.").click()
    assert page.evaluate("document.activeElement.id") == "id_display_name"
    assert_accessible(page)
