"""The skills check on a shared tablet at an event, and on paper, in a real browser: after
one person finishes, or walks away, the next sees nothing of them; every page passes axe,
in English and in Urdu. A screenshot of the kiosk result and a PDF of the paper sheet go to
test-results/ for a person to look at."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from events.factories import EventIndexPageFactory, EventPageFactory
from portal.accounts.factories import PASSWORD, StaffFactory
from portal.i18n import path_in_language
from tests.mfa import current_code, enrol_totp

from .conftest import assert_accessible, assert_page_basics

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RESULTS = Path(__file__).resolve().parents[2] / "test-results"


@pytest.fixture
def event(home_page):
    index = EventIndexPageFactory(parent=home_page)
    return EventPageFactory(parent=index, title="AI at Wigmore library", slug="ai-at-wigmore-library")


@pytest.fixture
def organiser(event):
    person = StaffFactory()
    enrol_totp(person)
    event.owner = person
    event.save(update_fields=["owner"])
    return person


def sign_in(page, person, url: str) -> None:
    """Sign in with a password and a code, then go on to `url`."""
    page.goto(f"/accounts/login/?next={url}")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(current_code(person))
    page.get_by_role("button", name="Continue").click()


def answer_every_area(page, check=None) -> None:
    """From the kiosk's start to its result, answering the second option everywhere."""
    page.locator("main form button[type=submit]").first.click()
    for _number in range(6):
        expect(page.locator("fieldset.govuk-fieldset")).to_have_count(2)
        if check and _number == 0:
            check(page)
        for fieldset in page.locator("fieldset.govuk-fieldset").all():
            fieldset.locator("input[type=radio]").nth(1).check()
        page.locator("main button[type=submit]:not([name=back])").click()
    expect(page).to_have_url(re.compile(r"/kiosk/result/"))


def assert_shows_nothing_of_the_last_person(page, result_url: str) -> None:
    for _step in ("back", "reload", "result url"):
        if _step == "back":
            page.go_back()
        elif _step == "reload":
            page.reload()
        else:
            response = page.goto(result_url)
            assert response.status == 404
        page.wait_for_load_state()
        expect(page.locator("main")).not_to_contain_text("Your AI skills level")
        expect(page.locator("main")).not_to_contain_text("Email me my result")
        assert page.locator("input[type=radio]:checked").count() == 0


def test_the_next_person_sees_nothing_of_the_last(page, event, organiser, settings):
    settings.KIOSK_IDLE_SECONDS = 120
    kiosk = f"/events/{event.slug}/kiosk/"
    sign_in(page, organiser, kiosk)
    page.get_by_role("button", name="Start the kiosk on this device").click()
    expect(page.get_by_text("You have been signed out of this device")).to_be_visible()
    expect(page.get_by_role("link", name="Sign out")).to_have_count(0)
    assert_page_basics(page)
    assert_accessible(page)

    # Person 1 takes the check, sees a result and finishes.
    answer_every_area(page, check=assert_accessible)
    result_1 = page.url
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your AI skills level")
    assert_page_basics(page)
    assert_accessible(page)
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=RESULTS / "kiosk-result.png", full_page=True)
    page.get_by_role("button", name="Finish").click()
    expect(page.get_by_text("Your answers have been cleared from this screen")).to_be_visible()
    assert_shows_nothing_of_the_last_person(page, result_1)

    # Person 2 reaches a result and walks away: the screen goes back to the start by itself.
    settings.KIOSK_IDLE_SECONDS = 3
    page.goto(kiosk)
    answer_every_area(page)
    result_2 = page.url
    assert result_2 != result_1
    page.get_by_label("Email address").fill("person-2@example.org")
    page.wait_for_url(re.compile(r"/kiosk/$"), timeout=10_000)
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    assert_shows_nothing_of_the_last_person(page, result_2)


def test_without_javascript_an_idle_kiosk_page_refreshes_to_the_start(browser, live_server, event, organiser, settings):
    settings.KIOSK_IDLE_SECONDS = 2
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        kiosk = f"/events/{event.slug}/kiosk/"
        sign_in(page, organiser, kiosk)
        page.get_by_role("button", name="Start the kiosk on this device").click()
        page.locator("main form button[type=submit]").first.click()
        expect(page).to_have_url(re.compile(r"/kiosk/area/1/$"))
        page.locator("fieldset.govuk-fieldset").first.locator("input[type=radio]").nth(1).check()
        page.wait_for_url(re.compile(r"/kiosk/$"), timeout=10_000)
        page.goto(f"{kiosk}area/1/")
        expect(page).to_have_url(re.compile(r"/kiosk/$"))
    finally:
        context.close()


@pytest.mark.parametrize("code", ["en-gb", "ur"])
def test_kiosk_pages_are_accessible(page, event, organiser, code):
    kiosk = path_in_language(f"/events/{event.slug}/kiosk/", code)
    sign_in(page, organiser, kiosk)
    page.locator("main form button[type=submit]").click()
    assert page.locator("html").get_attribute("dir") == ("rtl" if code == "ur" else "ltr")
    assert_page_basics(page)
    assert_accessible(page)
    answer_every_area(page, check=assert_accessible)
    assert_page_basics(page)
    assert_accessible(page)
    page.locator("form:has(input[type=email]) button[type=submit]").click()  # the words are translated
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("code", ["en-gb", "ur"])
def test_paper_pages_are_accessible_and_the_sheet_prints_on_one_sheet(page, event, organiser, code):
    entry = path_in_language(f"/events/{event.slug}/paper/enter/", code)
    sign_in(page, organiser, entry)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.locator(".govuk-error-message").count() == 12
    assert_page_basics(page)
    assert_accessible(page)
    page.goto(path_in_language(f"/events/{event.slug}/paper/", code))
    assert_page_basics(page)
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.locator(".portal-header")).to_be_hidden()
    expect(page.locator(".portal-footer")).to_be_hidden()
    RESULTS.mkdir(exist_ok=True)
    pdf = page.pdf(format="A4", print_background=True)
    (RESULTS / f"paper-sheet-{code}.pdf").write_bytes(pdf)
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 pixels an inch
    page.screenshot(path=RESULTS / f"paper-sheet-{code}.png", full_page=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    # Twelve questions at large type take both sides of one A4 sheet.
    assert pages <= 2, f"the sheet prints on {pages} pages"
