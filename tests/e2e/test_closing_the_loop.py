"""The chain for one person in a real browser, in English and in Urdu (right to left): a
focused re-check after a workshop, its result with carried-over areas and a one-step
booking, the progress page with the workshop between results, and the next step on /me/.
Every page passes axe and has one h1. Screenshots of the result and the progress page go to
test-results/screenshots/ for a person to compare."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from events.models import Registration
from portal.accounts.factories import PASSWORD, UserFactory
from portal.i18n import path_in_language
from skills.factories import AssessmentFactory
from skills.models import Area
from tests.events.test_workshops import areas, compared  # noqa: F401 (fixtures)

from .conftest import assert_accessible, assert_page_basics
from .test_languages_accessible import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def checked(page) -> None:
    assert_page_basics(page)
    assert_accessible(page)


@pytest.mark.parametrize("code", ["en-gb", "ur"])
def test_a_person_rechecks_after_a_workshop_books_the_next_and_sees_what_changed(page, home_page, code):
    person = UserFactory(language=code)
    now = timezone.now()
    AssessmentFactory(user=person, levels=[1, 1, 1, 0, 1, 1], completed_at=now - datetime.timedelta(days=30))
    safe = Area.objects.get(slug="staying-safe")
    events = EventIndexPageFactory(parent=home_page)
    past = EventPageFactory(parent=events, title="Spotting scams", start=now - datetime.timedelta(days=9))
    past.areas.set([safe])
    past.save()
    RegistrationFactory(event=past, user=person, checked_in_at=past.start)
    upcoming = EventPageFactory(parent=events, title="Safer online", level=1, booking_closes=None)
    upcoming.areas.set([safe])
    upcoming.save()

    page.goto(path_in_language("/accounts/login/", code))
    page.locator("input[type=email]").fill(person.email)
    page.locator("input[type=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").first.click()
    page.wait_for_load_state()

    # The link in the follow-up email.
    page.goto(path_in_language("/skills/assessment/focused/?areas=staying-safe", code))
    assert page.locator("html").get_attribute("dir") == ("rtl" if code == "ur" else "ltr")
    checked(page)
    page.locator("main form button[type=submit]").click()
    checked(page)
    for fieldset in page.locator("fieldset.govuk-fieldset").all():
        fieldset.locator("input[type=radio]").first.check()  # the most confident answer, the first option
    page.locator("main button[type=submit]:not([name=back])").last.click()
    expect(page).to_have_url(re.compile(r"/focused/check/"))
    checked(page)
    page.locator("main button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/skills/results/"))
    checked(page)
    assert page.locator(".govuk-tag--grey").count() >= 5  # the carried-over areas
    result = page.url

    # Book the next workshop in one step, with an access need, and come back to the result.
    form = page.locator("form.skills-book-form")
    expect(form).to_have_count(1)
    form.locator("textarea").fill("A seat near the door")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(result)
    checked(page)
    assert Registration.objects.get(event=upcoming, user=person).access_needs == "A seat near the door"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"recheck-result-{code}.png", full_page=True)

    page.goto(path_in_language("/skills/progress/", code))
    checked(page)
    expect(page.locator("main")).to_contain_text("Spotting scams")
    page.screenshot(path=SCREENSHOTS / f"progress-{code}.png", full_page=True)
    page.goto(path_in_language("/me/", code))
    checked(page)


@pytest.mark.usefixtures("home_page", "compared")
@pytest.mark.parametrize("code", ["en-gb", "ur"])
def test_the_workshops_section_with_figures_is_accessible(page, code):
    page.goto(path_in_language("/skills/dashboard/", code))
    checked(page)
    section = page.locator("#workshops ~ *")
    expect(page.locator("#workshops")).to_be_visible()
    expect(section.locator("table").first).to_contain_text("67%")
