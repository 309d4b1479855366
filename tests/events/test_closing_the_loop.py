"""From a result to a workshop and back: booking in one step from a result, the next step
on /me/, and the events attended between results on /skills/progress/."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.factories import EventPageFactory, RegistrationFactory
from events.models import Registration
from skills.factories import AssessmentFactory
from skills.models import Area, Assessment, FrameworkVersion
from tests.skills.journeys import take_assessment, take_focused_recheck

pytestmark = pytest.mark.django_db

LEVELS = [1, 1, 1, 0, 1, 1]  # staying safe, the fourth area, is the one to work on


@pytest.fixture
def bank():
    return FrameworkVersion.objects.get(number=1).bank


def weakest_area() -> Area:
    return list(Area.objects.order_by("sort_order"))[3]


@pytest.fixture
def workshop(event_index):
    event = EventPageFactory(parent=event_index, title="Spotting scams", level=0, booking_closes=None)
    event.areas.set([weakest_area()])
    event.save()
    return event


def result_url(assessment) -> str:
    return reverse("skills_results", args=[assessment.uuid])


def test_a_signed_in_person_books_from_the_result_in_one_step(client, user, workshop, mailoutbox):
    assessment = AssessmentFactory(user=user, levels=LEVELS)
    client.force_login(user)
    page = client.get(result_url(assessment)).text
    assert f'action="/events/{workshop.slug}/register/"' in page
    assert "Access needs (optional)" in page
    response = client.post(
        f"/events/{workshop.slug}/register/", {"access_needs": "A quiet seat", "next": result_url(assessment)}
    )
    assert response.status_code == 302 and response.url == result_url(assessment)
    registration = Registration.objects.get(event=workshop, user=user)
    assert (registration.status, registration.access_needs) == ("confirmed", "A quiet seat")
    page = client.get(result_url(assessment)).text
    assert "Your place is booked" in page
    assert f'action="/events/{workshop.slug}/register/"' not in page and "Booked" in page


def test_booking_never_goes_back_to_another_site(client, user, workshop):
    client.force_login(user)
    response = client.post(f"/events/{workshop.slug}/register/", {"next": "https://evil.example/"})
    assert response.url == workshop.url


def test_signed_out_results_link_to_the_event_without_a_booking_form(client, bank, workshop):
    take_assessment(client, bank, confidence="0", knowledge="not-sure")
    page = client.get(result_url(Assessment.objects.latest("pk"))).text
    assert "Spotting scams" in page and 'name="access_needs"' not in page


def test_me_shows_the_next_step_from_the_latest_result(client, user, workshop):
    AssessmentFactory(user=user, levels=[3] * 6, completed_at=timezone.now() - datetime.timedelta(days=60))
    AssessmentFactory(user=user, levels=LEVELS)
    client.force_login(user)
    page = client.get("/me/").text
    assert "Your next step" in page
    assert f'Book <a class="govuk-link" href="{workshop.url}">Spotting scams</a> to work on Staying safe' in page


def test_me_has_no_next_step_once_it_is_booked_and_nothing_else_suits(client, user, workshop):
    AssessmentFactory(user=user, levels=LEVELS)
    RegistrationFactory(event=workshop, user=user)
    client.force_login(user)
    assert "Your next step" not in client.get("/me/").text


def test_progress_shows_the_events_attended_between_results(client, user, other_user, event_index):
    now = timezone.now()
    first = AssessmentFactory(user=user, levels=[1] * 6, completed_at=now - datetime.timedelta(days=40))
    second = AssessmentFactory(user=user, levels=[1, 1, 1, 2, 1, 1], completed_at=now - datetime.timedelta(days=2))
    came = EventPageFactory(parent=event_index, title="AI basics", start=now - datetime.timedelta(days=20))
    missed = EventPageFactory(parent=event_index, title="Booked but missed", start=now - datetime.timedelta(days=19))
    before = EventPageFactory(parent=event_index, title="Before any result", start=now - datetime.timedelta(days=50))
    RegistrationFactory(event=came, user=user, checked_in_at=came.start)
    RegistrationFactory(event=missed, user=user)
    RegistrationFactory(event=before, user=user, checked_in_at=before.start)
    RegistrationFactory(event=missed, user=other_user, checked_in_at=missed.start)
    client.force_login(user)
    page = client.get(reverse("skills_progress")).text
    assert f"{second.completed_at:%-d %B %Y}, since {first.completed_at:%-d %B %Y}" in page
    assert f'Attended <a class="govuk-link" href="{came.url}"><em>AI basics</em></a>' in page
    assert "Booked but missed" not in page and "Before any result" not in page
    assert "Staying safe: up from level 1 to 2" in page


def test_progress_marks_carried_over_levels(client, user, bank):
    AssessmentFactory(user=user, levels=[1] * 6, completed_at=timezone.now() - datetime.timedelta(days=30))
    client.force_login(user)
    take_focused_recheck(client, bank, ["staying-safe"])
    page = client.get(reverse("skills_progress")).text
    assert page.count("(carried over)") == 5
    assert "(re-check)" in page
    assert "Staying safe: up from level 1 to 3" in page
    assert "No workshops attended in between." in page
