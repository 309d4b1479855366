"""The quick skills check on a kiosk at an event: who may start it, that it signs the
organiser out, and that each person's run is saved anonymously and then forgotten."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from events import kiosk
from events.factories import EventPageFactory
from events.models import EventCheck
from portal.accounts.factories import StaffFactory, UserFactory
from portal.outbox.models import OutgoingMessage
from skills.bank import questions_by_area
from skills.journey import session_key
from skills.models import Assessment, FrameworkVersion
from tests.mfa import sign_in_with_code
from tests.skills.journeys import area_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank():
    return FrameworkVersion.objects.get(number=1).bank


@pytest.fixture
def organiser(client, event):
    editor = StaffFactory()
    event.owner = editor
    event.save(update_fields=["owner"])
    sign_in_with_code(client, editor)
    return editor


def kiosk_url(event, step="", *args):
    if not step:
        return reverse("event_kiosk", args=[event.slug])
    return reverse(f"event_kiosk_{step}", args=[event.slug, *args])


@pytest.fixture
def running(client, event, organiser):
    """A device running the kiosk, started by the organiser."""
    response = client.post(kiosk_url(event))
    assert response.status_code == 302
    return organiser


def take_kiosk_check(client, event, bank, context=None):
    """Answer every kiosk screen; returns the last response (a redirect to the result)."""
    client.post(kiosk_url(event), context or {})
    response = None
    for number, (_area, questions) in enumerate(questions_by_area(bank, quick=True), start=1):
        response = client.post(kiosk_url(event, "area", number), area_answers(questions))
    return response


def test_anonymous_visitors_see_that_the_kiosk_is_not_running(client, event):
    response = client.get(kiosk_url(event))
    assert response.status_code == 404
    assert "The kiosk is not running on this device" in response.text
    assert f"/accounts/login/?next=/events/{event.slug}/kiosk/" in response.text


def test_anonymous_visitors_cannot_start_it(client, event):
    response = client.post(kiosk_url(event))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert kiosk.KIOSK_SESSION_KEY not in client.session


def test_residents_get_404(client, event):
    sign_in_with_code(client, UserFactory())
    assert client.get(kiosk_url(event)).status_code == 404
    assert client.post(kiosk_url(event)).status_code == 404
    assert kiosk.KIOSK_SESSION_KEY not in client.session


def test_organisers_without_permission_on_this_event_get_404(client, event, event_index):
    Group.objects.create(name="Other organisers")
    elsewhere = EventPageFactory(parent=event_index)
    GroupPagePermission.objects.create(
        group=Group.objects.get(name="Other organisers"), page=elsewhere, permission_type="change"
    )
    sign_in_with_code(client, StaffFactory(groups=["Other organisers"]))
    assert client.post(kiosk_url(event)).status_code == 404
    assert client.get(kiosk_url(elsewhere)).status_code == 200


def test_organisers_must_use_a_second_factor(client, event):
    editor = StaffFactory()
    event.owner = editor
    event.save(update_fields=["owner"])
    client.force_login(editor)
    response = client.post(kiosk_url(event))
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert kiosk.KIOSK_SESSION_KEY not in client.session


def test_the_organiser_sees_what_starting_does(client, event, organiser, django_assert_max_num_queries):
    client.get("/events/")  # as on a running site, the site-wide caches are warm
    with django_assert_max_num_queries(16 + 2):
        response = client.get(kiosk_url(event))
    assert response.status_code == 200
    assert "Start the kiosk on this device" in response.text
    assert "You are signed out of this device" in response.text


def test_starting_signs_the_organiser_out_and_runs_the_kiosk(client, event, organiser):
    response = client.post(kiosk_url(event), follow=True)
    assert not response.context["user"].is_authenticated
    assert "_auth_user_id" not in client.session
    marker = client.session[kiosk.KIOSK_SESSION_KEY]
    assert marker["event"] == event.pk
    assert marker["started_by"] == organiser.pk
    assert response.status_code == 200
    assert "Before you start" in response.text
    assert "The kiosk is running. You have been signed out of this device" in response.text
    assert client.get("/me/").status_code == 302


def test_the_kiosk_runs_only_for_its_event(client, event, event_index, running):
    other = EventPageFactory(parent=event_index)
    assert client.get(kiosk_url(other)).status_code == 404
    assert client.get(kiosk_url(event)).status_code == 200


def test_a_kiosk_run_is_saved_without_a_user_and_counts_for_the_event(client, event, bank, running):
    response = take_kiosk_check(client, event, bank)
    assessment = Assessment.objects.get()
    assert response["Location"] == kiosk_url(event, "result", assessment.uuid)
    assert assessment.user_id is None
    assert assessment.kind == "quick"
    check = EventCheck.objects.get()
    assert (check.event_id, check.assessment_id, check.method, check.entered_by) == (
        event.pk,
        assessment.pk,
        EventCheck.Method.KIOSK,
        running,
    )
    # Its own session key, never the normal quick check's, and not claimable by signing in.
    assert session_key("quick") not in client.session
    assert str(assessment.uuid) not in client.session.get("skills_results", [])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Your AI skills level: Champion" in page.text
    assert "Level 3: Champion" in page.text
    assert "Email me my result" in page.text


def test_the_context_questions_are_saved_with_the_result(client, event, bank, running):
    take_kiosk_check(client, event, bank, context={"age_band": "25-34"})
    assert Assessment.objects.get().age_band == "25-34"


def test_a_missing_answer_is_asked_again(client, event, bank, running):
    client.post(kiosk_url(event), {})
    response = client.post(kiosk_url(event, "area", 1), {})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert 'class="govuk-error-message"' in response.text
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("how", ["finish", "idle"])
def test_finishing_or_going_idle_forgets_the_person(client, event, bank, running, how):
    result_url = take_kiosk_check(client, event, bank)["Location"]
    old_key = client.session.session_key
    finish = client.post if how == "finish" else client.get
    response = finish(kiosk_url(event, how))
    assert response["Location"] == kiosk_url(event)
    assert kiosk.RUN_SESSION_KEY not in client.session
    assert client.session.session_key != old_key
    # The kiosk keeps running for the next person; the last one's pages show nothing.
    assert client.session[kiosk.KIOSK_SESSION_KEY]["event"] == event.pk
    assert client.get(result_url).status_code == 404
    area = client.get(kiosk_url(event, "area", 1))
    assert area["Location"] == kiosk_url(event)
    start = client.get(kiosk_url(event))
    assert start.status_code == 200
    assert Assessment.objects.count() == 1


def test_idle_in_the_middle_clears_the_answers_so_far(client, event, bank, running):
    client.post(kiosk_url(event), {"age_band": "65-plus"})
    _area, questions = questions_by_area(bank, quick=True)[0]
    client.post(kiosk_url(event, "area", 1), area_answers(questions))
    client.get(kiosk_url(event, "idle"))
    assert kiosk.RUN_SESSION_KEY not in client.session
    assert 'value="65-plus" checked' not in client.get(kiosk_url(event)).text


def test_a_result_is_only_seen_on_its_own_run(client, event, bank, running):
    result_url = take_kiosk_check(client, event, bank)["Location"]
    client.post(kiosk_url(event, "finish"))
    take_kiosk_check(client, event, bank)
    assert client.get(result_url).status_code == 404


def test_kiosk_pages_go_back_to_the_start_when_idle(client, event, bank, running, settings):
    settings.KIOSK_IDLE_SECONDS = 7
    idle = kiosk_url(event, "idle")
    result_url = take_kiosk_check(client, event, bank)["Location"]
    client.post(kiosk_url(event, "finish"))
    client.post(kiosk_url(event), {})
    for url in [kiosk_url(event), kiosk_url(event, "area", 1)]:
        response = client.get(url)
        assert f'<noscript><meta http-equiv="refresh" content="7;url={idle}"></noscript>' in response.text
        assert f'data-kiosk-idle-url="{idle}" data-kiosk-idle-seconds="7"' in response.text
        assert "no-store" in response["Cache-Control"]
    assert result_url


def test_the_result_page_says_not_to_cache_it(client, event, bank, running):
    response = client.get(take_kiosk_check(client, event, bank)["Location"])
    assert "no-store" in response["Cache-Control"]
    assert "noscript" in response.text


def test_email_my_result_sends_one_email_and_keeps_no_address(
    client, event, bank, running, mailoutbox, django_capture_on_commit_callbacks
):
    result_url = take_kiosk_check(client, event, bank)["Location"]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(result_url, {"email": "resident@example.org"})
    assert response["Location"] == result_url
    assert [message.to for message in mailoutbox] == [["resident@example.org"]]
    message = mailoutbox[0]
    assert message.subject == "Your AI skills result"
    assert "Level 3: Champion" in message.body
    assert event.title in message.body
    html = next(content for content, mimetype in message.alternatives if mimetype == "text/html")
    assert "Level 3: Champion" in html
    # The address is only in the outbox, which does not say which result it carried.
    assert OutgoingMessage.objects.get().related_id == ""
    assessment = Assessment.objects.get()
    assert "resident@example.org" not in str(assessment.answers)
    assert "resident@example.org" not in str(client.session.items())
    page = client.get(result_url)
    assert "Your result is on its way to your email." in page.text
    assert 'name="email"' not in page.text
    # Once per person: a second request sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(result_url, {"email": "someone@example.org"})
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    "email, message",
    [("", "Enter your email address"), ("not-an-address", "Enter an email address in the correct format")],
)
def test_a_bad_email_address_gets_a_message_and_nothing_is_sent(client, event, bank, running, email, message):
    result_url = take_kiosk_check(client, event, bank)["Location"]
    response = client.post(result_url, {"email": email})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    beside_the_field = '<p id="id_email-error" class="govuk-error-message">'
    beside_the_field += '<span class="govuk-visually-hidden">Error:</span> '
    assert beside_the_field + message in response.text
    assert 'aria-describedby="id_email-hint id_email-error"' in response.text
    assert response.text.count(message) == 2  # in the summary and beside the field
    assert not OutgoingMessage.objects.exists()


def test_signing_in_again_stops_the_kiosk(client, event, bank, running):
    take_kiosk_check(client, event, bank)
    # Signing in keeps the session's data (Django cycles only its key): the kiosk ends at
    # the next kiosk page (this sign-in has no second factor, so that page asks for one).
    client.force_login(running)
    assert kiosk.KIOSK_SESSION_KEY in client.session
    response = client.get(kiosk_url(event))
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert kiosk.KIOSK_SESSION_KEY not in client.session
    assert kiosk.RUN_SESSION_KEY not in client.session
    client.post(reverse("account_logout"))
    assert client.get(kiosk_url(event)).status_code == 404


def test_kiosk_pages_need_a_running_kiosk(client, event):
    assert client.get(kiosk_url(event, "area", 1)).status_code == 404
    assert client.get(kiosk_url(event, "idle"))["Location"] == kiosk_url(event)


def test_the_kiosk_stops_at_the_end_of_the_day():
    started = timezone.make_aware(datetime.datetime(2026, 3, 5, 9, 30))
    assert kiosk.kiosk_expiry(started) == timezone.make_aware(datetime.datetime(2026, 3, 5, 21, 30))
    late = timezone.make_aware(datetime.datetime(2026, 3, 5, 18, 0))
    assert kiosk.kiosk_expiry(late) == timezone.make_aware(datetime.datetime(2026, 3, 6, 0, 0))


def test_an_expired_kiosk_is_not_running(client, event, running):
    marker = client.session[kiosk.KIOSK_SESSION_KEY]
    expires = datetime.datetime.fromisoformat(marker["expires_at"])
    request = type("Request", (), {"session": client.session, "user": type("U", (), {"is_authenticated": False})})
    assert kiosk.running_kiosk(request, event, now=expires - datetime.timedelta(minutes=1)) is not None
    assert kiosk.running_kiosk(request, event, now=expires) is None
    assert kiosk.KIOSK_SESSION_KEY not in request.session


def test_anonymous_kiosk_pages_stay_within_the_query_budget(
    client, event, bank, running, django_assert_max_num_queries
):
    client.get("/events/")
    with django_assert_max_num_queries(12 + 2):
        assert client.get(kiosk_url(event)).status_code == 200
    client.post(kiosk_url(event), {})
    with django_assert_max_num_queries(12 + 2):
        assert client.get(kiosk_url(event, "area", 1)).status_code == 200
    result_url = take_kiosk_check(client, event, bank)["Location"]
    with django_assert_max_num_queries(12 + 2):
        assert client.get(result_url).status_code == 200


def test_the_attendee_list_links_to_the_kiosk(client, event, organiser):
    response = client.get(f"/events/{event.slug}/attendees/")
    assert f'href="/events/{event.slug}/kiosk/">Run the skills check on a kiosk</a>' in response.text
