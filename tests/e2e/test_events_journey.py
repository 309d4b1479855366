"""Finding, booking and cancelling an event as a resident would, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration
from portal.accounts.factories import PASSWORD, UserFactory

from .conftest import assert_accessible, assert_page_basics

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_find_book_see_on_me_and_cancel(page, home_page):
    index = EventIndexPageFactory(parent=home_page)
    EventPageFactory(parent=index, title="Spot the scam", slug="spot-the-scam", capacity=5)
    EventPageFactory(parent=index, title="Hackathon", capacity=1)
    person = UserFactory(first_name="Amira")

    page.goto("/events/")
    assert_page_basics(page)
    assert_accessible(page)
    page.get_by_role("link", name="Spot the scam").click()
    expect(page).to_have_title(re.compile("^Spot the scam"))
    assert_page_basics(page)
    assert_accessible(page)

    page.get_by_role("button", name="Book a place").click()
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Book a place").wait_for()
    assert_page_basics(page)
    assert_accessible(page)

    page.get_by_label("Access needs (optional)").fill("A seat near the front, please")
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.get_by_text("Your place is booked")).to_be_visible()
    assert Registration.objects.get(user=person).status == "confirmed"

    page.goto("/me/")
    expect(page.get_by_role("link", name="Spot the scam")).to_be_visible()
    page.get_by_role("button", name="Cancel booking for Spot the scam").click()
    page.get_by_role("heading", name="Cancel your booking?").wait_for()
    assert_page_basics(page)
    assert_accessible(page)
    page.get_by_role("button", name="Yes, cancel it").click()
    expect(page.get_by_text("Your booking has been cancelled")).to_be_visible()
    assert Registration.objects.get(user=person).status == "cancelled"
