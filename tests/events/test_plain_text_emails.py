"""Templated email (portal/emails.py), seen through an event email: plain text stays as
written, the HTML part is escaped."""

import pytest
from django.core import mail

from events.emails import send_booking_email
from events.factories import EventPageFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_text_parts_are_not_html_escaped_but_the_html_part_is(event_index, django_capture_on_commit_callbacks):
    event = EventPageFactory(parent=event_index, title="Fish & Chips: <AI> for O'Neill's")
    event.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        send_booking_email(RegistrationFactory(event=event), "confirmed")
    message = mail.outbox[-1]
    assert message.subject == "Your place is booked: Fish & Chips: <AI> for O'Neill's"
    assert "Your place at Fish & Chips: <AI> for O'Neill's is confirmed." in message.body
    html = message.alternatives[0][0]
    assert "Fish &amp; Chips: &lt;AI&gt;" in html and "<AI>" not in html
