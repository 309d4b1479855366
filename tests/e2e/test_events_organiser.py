"""An organiser checks people in at the door, without JavaScript tricks, in a real browser."""

import pytest
from playwright.sync_api import expect

from events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from events.models import Registration
from portal.accounts.factories import PASSWORD, StaffFactory, UserFactory
from tests.mfa import current_code, enrol_totp

from .conftest import assert_accessible, assert_page_basics

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_organiser_signs_in_with_a_code_and_checks_someone_in(page, home_page):
    index = EventIndexPageFactory(parent=home_page)
    organiser = StaffFactory()
    enrol_totp(organiser)
    # The organiser set the event up, so they may see access needs.
    event = EventPageFactory(parent=index, title="Spot the scam", slug="spot-the-scam", capacity=1, owner=organiser)
    attendee = UserFactory(first_name="Amira", last_name="Khan")
    booking = RegistrationFactory(event=event, user=attendee, access_needs="Hearing loop, please")
    RegistrationFactory(event=event, status="waitlisted")

    page.goto(f"/events/{event.slug}/attendees/")
    page.get_by_label("Email address").fill(organiser.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(current_code(organiser))
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("heading", name="Who is coming").wait_for()
    assert_page_basics(page)
    assert_accessible(page)
    expect(page.get_by_text("Hearing loop, please")).to_be_visible()
    page.get_by_role("button", name=f"Check in {attendee.display_name}").click()
    expect(page.get_by_text("checked in.")).to_be_visible()
    assert Registration.objects.get(pk=booking.pk).checked_in_at is not None
    assert_accessible(page)
