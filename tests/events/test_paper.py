"""The quick check on paper: the printed sheet, and an organiser typing a sheet in."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission

from events.factories import EventPageFactory
from events.models import EventCheck
from events.paper import PaperEntryForm, quick_check_areas
from portal.accounts.factories import StaffFactory, UserFactory, WardFactory
from skills.models import Assessment, FrameworkVersion
from tests.mfa import sign_in_with_code
from tests.skills.journeys import area_answers

pytestmark = pytest.mark.django_db

URLS = ["/events/{slug}/paper/", "/events/{slug}/paper/enter/"]


@pytest.fixture
def version():
    return FrameworkVersion.objects.get(number=1)


@pytest.fixture
def organiser(client, event):
    editor = StaffFactory()
    event.owner = editor
    event.save(update_fields=["owner"])
    sign_in_with_code(client, editor)
    return editor


def full_sheet(version) -> dict:
    data = {}
    for _area, questions in quick_check_areas(version):
        data.update(area_answers(questions, confidence="2"))
    return data


@pytest.mark.parametrize("url", URLS)
def test_anonymous_people_are_sent_to_sign_in(client, event, url):
    for response in (client.get(url.format(slug=event.slug)), client.post(url.format(slug=event.slug), {})):
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", URLS)
def test_residents_get_404(client, event, url, version):
    sign_in_with_code(client, UserFactory())
    assert client.get(url.format(slug=event.slug)).status_code == 404
    assert client.post(url.format(slug=event.slug), full_sheet(version)).status_code == 404
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("url", URLS)
def test_organisers_without_permission_on_this_event_get_404(client, event, event_index, url, version):
    group = Group.objects.create(name="Other organisers")
    elsewhere = EventPageFactory(parent=event_index)
    GroupPagePermission.objects.create(group=group, page=elsewhere, permission_type="change")
    sign_in_with_code(client, StaffFactory(groups=["Other organisers"]))
    assert client.get(url.format(slug=event.slug)).status_code == 404
    assert client.post(url.format(slug=event.slug), full_sheet(version)).status_code == 404
    assert client.get(url.format(slug=elsewhere.slug)).status_code == 200
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("url", URLS)
def test_organisers_must_use_a_second_factor(client, event, url, version):
    editor = StaffFactory()
    event.owner = editor
    event.save(update_fields=["owner"])
    client.force_login(editor)
    response = client.post(url.format(slug=event.slug), full_sheet(version))
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert not Assessment.objects.exists()


def test_a_full_entry_saves_an_anonymous_check_for_the_event(client, event, organiser, version):
    ward = WardFactory()
    url = f"/events/{event.slug}/paper/enter/"
    response = client.post(url, {**full_sheet(version), "ward": ward.pk, "age_band": "50-64"})
    assert response.status_code == 302
    assert response["Location"] == url
    assessment = Assessment.objects.get()
    assert assessment.user_id is None
    assert assessment.kind == "quick"
    assert (assessment.ward_id, assessment.age_band) == (ward.pk, "50-64")
    assert assessment.area_results.count() == 6
    check = EventCheck.objects.get()
    assert (check.event_id, check.assessment_id, check.method, check.entered_by) == (
        event.pk,
        assessment.pk,
        EventCheck.Method.PAPER,
        organiser,
    )
    page = client.get(url)
    assert "Entry saved" in page.text
    assert page.text.count(" checked") == 1  # an empty form for the next sheet: age band “Not given”
    assert "1 sheet entered for this event so far." in page.text


def test_ward_and_age_band_are_optional(client, event, organiser, version):
    client.post(f"/events/{event.slug}/paper/enter/", full_sheet(version))
    assessment = Assessment.objects.get()
    assert (assessment.ward_id, assessment.age_band) == (None, "")


def test_each_missing_answer_gets_a_message_and_nothing_is_saved(client, event, organiser, version):
    data = full_sheet(version)
    (_area, questions), *_ = quick_check_areas(version)
    statement, question = questions
    del data[f"question_{statement['id']}"]
    del data[f"question_{question['id']}"]
    response = client.post(f"/events/{event.slug}/paper/enter/", data)
    assert response.status_code == 200
    assert "There is a problem" in response.text
    statement_error = "Select the answer ticked for “{}”.".format(statement["text"].rstrip("."))
    question_error = "Select the answer ticked for “{}?”, or “I&#x27;m not sure” if none is.".format(
        question["text"].rstrip("?")
    )
    for field, message in [(statement, statement_error), (question, question_error)]:
        assert f'<p id="id_question_{field["id"]}-error" class="govuk-error-message">' in response.text
        assert response.text.count(message) == 2  # in the summary and beside the field
        assert f'href="#id_question_{field["id"]}_0"' in response.text
    # What was entered is kept for the organiser to finish.
    assert response.text.count(" checked") == 10 + 1  # and age band “Not given”
    assert not Assessment.objects.exists()
    assert not EventCheck.objects.exists()


def test_an_answer_that_is_not_an_option_is_refused(client, event, organiser, version):
    data = full_sheet(version)
    first = next(iter(data))
    data[first] = "99"
    data["age_band"] = "ancient"
    response = client.post(f"/events/{event.slug}/paper/enter/", data)
    assert "That answer is not one of the options." in response.text
    assert "Choose one of the options, or “Not given”." in response.text
    assert not Assessment.objects.exists()


def test_the_sheet_and_the_entry_ask_the_same_questions_in_the_same_order(client, event, organiser, version):
    asked = [question for _area, questions in quick_check_areas(version) for question in questions]
    assert len(asked) == 12
    expected = [f"{number}. {question['text']}" for number, question in enumerate(asked, start=1)]
    sheet = client.get(f"/events/{event.slug}/paper/").text
    entry = client.get(f"/events/{event.slug}/paper/enter/").text
    on_sheet = re.findall(r'<p class="portal-paper__text" dir="auto">(\d+\. [^<]+)</p>', sheet)
    in_entry = re.findall(
        r'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">(\d+\. [^<]+)</legend>', entry
    )
    unescape = [text.replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&") for text in on_sheet]
    assert unescape == expected
    assert in_entry == on_sheet
    form = PaperEntryForm(version)
    for question in asked:
        for _value, label in form.fields[f"question_{question['id']}"].choices:
            assert label.replace("'", "&#x27;") in sheet


def test_the_sheet_names_the_event_and_the_bank_version(client, event, organiser, version):
    response = client.get(f"/events/{event.slug}/paper/")
    assert event.title in response.text
    assert f"Question bank version {version.number}" in response.text
    assert "Which Luton ward do you live in?" in response.text
    assert "65 or over" in response.text


def test_organiser_pages_stay_within_the_query_budget(client, event, organiser, django_assert_max_num_queries):
    client.get("/events/")
    for url in URLS:
        with django_assert_max_num_queries(16 + 2):
            assert client.get(url.format(slug=event.slug)).status_code == 200
