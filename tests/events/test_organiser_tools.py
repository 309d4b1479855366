import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from events.csv_export import safe_csv_cell
from events.factories import EventPageFactory, RegistrationFactory
from events.models import Registration
from events.permissions import ACCESS_NEEDS_GROUP
from portal.accounts.factories import StaffFactory, UserFactory
from tests.mfa import sign_in_with_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client, event):
    """The editor who set up the event, so its owner in the admin."""
    editor = StaffFactory()
    event.owner = editor
    event.save(update_fields=["owner"])
    sign_in_with_code(client, editor)
    return editor


URLS = ["/events/{slug}/attendees/", "/events/{slug}/attendees.csv"]


@pytest.mark.parametrize("url", URLS)
def test_anonymous_people_are_sent_to_sign_in(client, event, url):
    response = client.get(url.format(slug=event.slug))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", URLS)
def test_residents_get_404(client, event, url):
    sign_in_with_code(client, UserFactory())
    assert client.get(url.format(slug=event.slug)).status_code == 404


@pytest.mark.parametrize("url", URLS)
def test_organisers_without_permission_on_this_event_get_404(client, event, event_index, url):
    other_index_group = Group.objects.create(name="Other organisers")
    elsewhere = EventPageFactory(parent=event_index)
    GroupPagePermission.objects.create(group=other_index_group, page=elsewhere, permission_type="change")
    other_organiser = StaffFactory(groups=["Other organisers"])
    sign_in_with_code(client, other_organiser)
    assert client.get(url.format(slug=event.slug)).status_code == 404
    assert client.get(url.format(slug=elsewhere.slug)).status_code == 200


def test_organisers_must_use_a_second_factor(client, event):
    client.force_login(StaffFactory())
    response = client.get(f"/events/{event.slug}/attendees/")
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_attendee_list_shows_people_access_needs_and_counts(client, event, organiser, django_assert_max_num_queries):
    RegistrationFactory(event=event, access_needs="Needs a hearing loop")
    RegistrationFactory(event=event, checked_in_at="2026-01-01T10:00Z")
    for _ in range(3):
        RegistrationFactory(event=event, status="waitlisted")
    RegistrationFactory(event=event, status="cancelled", access_needs="Cancelled person's needs")
    client.get("/events/")  # as on a running site, the site-wide caches are warm
    with django_assert_max_num_queries(16):
        response = client.get(f"/events/{event.slug}/attendees/")
    assert response.status_code == 200
    assert "Needs a hearing loop" in response.text
    assert "Cancelled person" not in response.text
    assert response.context["checked_in"] == 1
    assert len(response.context["confirmed"]) == 2
    assert len(response.context["waitlisted"]) == 3


def test_the_access_needs_group_exists():
    assert Group.objects.filter(name=ACCESS_NEEDS_GROUP).exists()


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(
    "role, sees_details",
    [("moderator", False), ("organiser", True), ("access needs group", True), ("superuser", True)],
)
def test_only_organisers_and_the_access_needs_group_see_emails_and_access_needs(client, event, url, role, sees_details):
    attendee = UserFactory(email="amira@example.org", first_name="Amira")
    RegistrationFactory(event=event, user=attendee, access_needs="Needs a hearing loop")
    RegistrationFactory(event=event, status="waitlisted", access_needs="A quiet room")
    groups = ["Moderators", ACCESS_NEEDS_GROUP] if role == "access needs group" else ["Moderators"]
    person = StaffFactory(groups=groups, is_superuser=role == "superuser")
    if role == "organiser":
        event.owner = person
        event.save(update_fields=["owner"])
    sign_in_with_code(client, person)
    response = client.get(url.format(slug=event.slug))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Amira" in content
    assert ("amira@example.org" in content) is sees_details
    assert ("Needs a hearing loop" in content) is sees_details
    assert ("A quiet room" in content) is sees_details
    assert ("You cannot see people's email addresses or access needs" in content) is (
        not sees_details and url.endswith("/")
    )


def test_the_csv_leaves_out_emails_and_access_needs_for_others(client, event):
    RegistrationFactory(event=event, user=UserFactory(email="amira@example.org"), access_needs="Quiet room")
    sign_in_with_code(client, StaffFactory(groups=["Moderators"]))
    rows = list(csv.reader(io.StringIO(client.get(f"/events/{event.slug}/attendees.csv").content.decode())))
    assert rows[0] == ["Name", "Status", "Booked at", "Checked in at"]
    assert len(rows[1]) == 4


def test_check_in_and_undo(client, event, organiser):
    registration = RegistrationFactory(event=event)
    url = f"/events/{event.slug}/attendees/{registration.pk}/check-in/"
    assert client.get(url).status_code == 405
    client.post(url)
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    client.post(url, {"undo": "1"})
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_check_in_needs_sign_in_and_permission_on_this_event(client, event, event_index):
    registration = RegistrationFactory(event=event)
    url = f"/events/{event.slug}/attendees/{registration.pk}/check-in/"
    assert client.post(url)["Location"].startswith("/accounts/login/")
    other_index_group = Group.objects.create(name="Other organisers")
    elsewhere = EventPageFactory(parent=event_index)
    GroupPagePermission.objects.create(group=other_index_group, page=elsewhere, permission_type="change")
    sign_in_with_code(client, StaffFactory(groups=["Other organisers"]))
    assert client.post(url).status_code == 404
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_cannot_check_in_someone_from_another_event(client, event, event_index, organiser):
    elsewhere = RegistrationFactory(event=EventPageFactory(parent=event_index))
    assert client.post(f"/events/{event.slug}/attendees/{elsewhere.pk}/check-in/").status_code == 404


def test_residents_cannot_check_in(client, event):
    registration = RegistrationFactory(event=event)
    sign_in_with_code(client, registration.user)
    assert client.post(f"/events/{event.slug}/attendees/{registration.pk}/check-in/").status_code == 404
    assert Registration.objects.get(pk=registration.pk).checked_in_at is None


@pytest.mark.parametrize("value", ["=SUM(A1)", "+1", "-1", "@cmd", "\tx"])
def test_csv_cells_that_look_like_formulas_are_escaped(value):
    assert safe_csv_cell(value) == "'" + value


def test_csv_export(client, event, organiser):
    person = UserFactory(email="amira@example.org")
    person.profile.display_name = "=HYPERLINK(evil)"
    person.profile.save()
    RegistrationFactory(event=event, user=person, access_needs="@quiet room")
    response = client.get(f"/events/{event.slug}/attendees.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Name", "Email", "Status"]
    assert rows[1][0] == "'=HYPERLINK(evil)"
    assert rows[1][1] == "amira@example.org"
    assert rows[1][5] == "'@quiet room"


def test_admin_page_header_links_to_attendees(client, event, organiser):
    response = client.get(f"/admin/pages/{event.pk}/edit/")
    assert f"/events/{event.slug}/attendees/" in response.text
    assert Page.objects.get(pk=event.pk)


def test_admin_forms_for_events_and_venues_load(client, event_index, organiser):
    assert client.get(f"/admin/pages/add/events/eventpage/{event_index.pk}/").status_code == 200
    venues = client.get("/admin/snippets/events/venue/")
    assert venues.status_code == 200
    assert client.get("/admin/snippets/events/venue/add/").status_code == 200


def test_page_tree_rules():
    from events.models import EventIndexPage, EventPage
    from home.models import HomePage

    assert EventIndexPage.allowed_parent_page_models() == [HomePage]
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]
    assert EventIndexPage.allowed_subpage_models() == [EventPage]
