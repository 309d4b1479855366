"""The portal in Urdu (right to left) and Bengali, in a real browser: every page type passes
axe, says its language and direction, and fits a small phone's screen; the whole quick skills
check can be taken in the language. Screenshots of the Urdu assessment, result and an event
page at 320 and 1280 pixels go to test-results/screenshots/, beside the English ones, for a
person to compare."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from events.factories import EventIndexPageFactory, EventPageFactory
from home.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from portal.i18n import path_in_language
from projects.factories import ChallengeIndexPageFactory, ProjectIndexPageFactory

from .conftest import assert_accessible, assert_page_basics

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
PAGE_TYPES = [
    "/",
    "/about/",
    "/news/",
    "/news/drop-ins-begin/",
    "/events/",
    "/events/ai-basics-at-wigmore-library/",
    "/challenges/",
    "/projects/",
    "/skills/",
    "/skills/framework/",
    "/skills/assessment/",
    "/skills/dashboard/",
    "/search/?q=AI",
    "/accounts/login/",
    "/accounts/signup/",
    "/no-such-page/",
]


@pytest.fixture
def content(home_page):
    StandardPageFactory(parent=home_page, title="About the AI Club", slug="about")
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="Drop-ins begin", slug="drop-ins-begin")
    events = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=events, title="AI basics at Wigmore library")
    ChallengeIndexPageFactory(parent=home_page)
    ProjectIndexPageFactory(parent=home_page)


def take_quick_check(page, code: str) -> None:
    """The quick check from its start to the result, answering the second option everywhere,
    with axe on every screen."""
    page.goto(path_in_language("/skills/assessment/quick/", code))
    page.locator("main button[type=submit]:not([name=back])").last.click()
    for _number in range(6):
        expect(page.locator("fieldset.govuk-fieldset")).to_have_count(2)
        assert_page_basics(page)
        assert_accessible(page)
        for fieldset in page.locator("fieldset.govuk-fieldset").all():
            fieldset.locator("input[type=radio]").nth(1).check()
        page.locator("main button[type=submit]:not([name=back])").last.click()
    assert "/check/" in page.url
    assert_accessible(page)
    page.locator("main button[type=submit]:not([name=back])").last.click()
    expect(page).to_have_url(re.compile(r"/skills/results/"))


@pytest.mark.parametrize("code", ["ur", "bn"])
def test_every_page_type_is_accessible_in_urdu_and_bengali(page, content, code):
    direction = "rtl" if code == "ur" else "ltr"
    for path in PAGE_TYPES:
        page.goto(path_in_language(path, code))
        assert_page_basics(page)
        assert page.locator("html").get_attribute("lang") == code
        assert page.locator("html").get_attribute("dir") == direction
        assert_accessible(page)
    take_quick_check(page, code)
    assert_page_basics(page)
    assert_accessible(page)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_urdu_pages_mirror_and_fit_a_small_screen(page, content):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for code in ["en-gb", "ur"]:
        take_quick_check(page, code)
        results = page.url
        for width in [320, 1280]:
            page.set_viewport_size({"width": width, "height": 900})
            for name, url in [
                ("assessment", path_in_language("/skills/assessment/quick/area-1/", code)),
                ("results", results),
                ("event", path_in_language("/events/ai-basics-at-wigmore-library/", code)),
            ]:
                page.goto(url)
                assert fits(page), f"{url} is wider than {width}px"
                page.screenshot(path=SCREENSHOTS / f"{name}-{code}-{width}.png", full_page=True)
    # The layout mirrors: in Urdu the brand sits on the right and the radios to the right of their labels.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/ur/skills/assessment/quick/area-1/")
    brand = page.locator(".portal-header__brand").bounding_box()
    assert brand["x"] > 640
    radio = page.locator(".govuk-radios__input").first.bounding_box()
    label = page.locator(".govuk-radios__label").first.bounding_box()
    assert radio["x"] > label["x"]
