"""The assessment screens: context, one area per screen, check your answers, submit."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from portal.accounts.models import Ward
from skills.bank import questions_by_area
from skills.models import AreaResult, Assessment

from .journeys import area_answers, take_assessment, url

pytestmark = pytest.mark.django_db


def test_start_screen_asks_optional_context_and_explains_why(client):
    page = client.get(reverse("skills_assessment"))
    assert page.status_code == 200
    assert "Which Luton ward do you live in?" in page.text
    assert "We only publish totals" in page.text
    assert "There are 6 areas" in page.text


def test_context_is_optional(client):
    response = client.post(reverse("skills_assessment"), {})
    assert response["Location"] == url("full", "assessment_area", 1)


def test_context_rejects_made_up_choices(client):
    response = client.post(reverse("skills_assessment"), {"age_band": "200-300", "ward": "99999"})
    assert response.status_code == 200
    assert response.text.count("Choose one of the options, or “Prefer not to say”.") == 4  # summary + inline, twice
    assert response.text.startswith("<!DOCTYPE html>")
    assert "<title>Error: " in response.text


def test_area_screen_shows_progress_and_the_questions(client, bank):
    client.post(reverse("skills_assessment"), {})
    page = client.get(url("full", "assessment_area", 2))
    area, questions = questions_by_area(bank)[1]
    assert "Area 2 of 6" in page.text
    assert area["name"] in page.text
    for question in questions:
        assert escape(question["text"]) in page.text
    assert escape("I'm not sure") in page.text
    assert "I could show someone else how" in page.text


def test_area_screens_without_a_started_assessment_go_to_the_start(client):
    assert client.get(url("full", "assessment_area", 1))["Location"] == reverse("skills_assessment")
    assert client.get(url("full", "assessment_check"))["Location"] == reverse("skills_assessment")


def test_there_is_no_area_seven(client):
    client.post(reverse("skills_assessment"), {})
    assert client.get(url("full", "assessment_area", 7)).status_code == 404


def test_missing_answers_show_summary_and_inline_errors(client, bank):
    client.post(reverse("skills_assessment"), {})
    _, questions = questions_by_area(bank)[0]
    data = area_answers(questions)
    del data[f"question_{questions[0]['id']}"]

    response = client.post(url("full", "assessment_area", 1), data)

    assert response.status_code == 200
    assert "There is a problem" in response.text
    message = f"Select how much “{questions[0]['text'].rstrip('.')}” is true for you."
    assert response.text.count(escape(message)) == 2
    assert f'id="id_question_{questions[0]["id"]}-error"' in response.text
    # The answers given are kept on the screen.
    assert "checked" in response.text


def test_a_tampered_answer_is_rejected_and_nothing_is_kept(client, bank):
    client.post(reverse("skills_assessment"), {})
    _, questions = questions_by_area(bank)[0]
    data = area_answers(questions)
    knowledge = next(question for question in questions if question["kind"] == "knowledge")
    data[f"question_{knowledge['id']}"] = "999999"

    response = client.post(url("full", "assessment_area", 1), data)

    assert response.status_code == 200
    assert "That answer is not one of the options. Choose one of the answers shown." in response.text
    assert client.session["skills_assessment_full"]["answers"] == {}
    assert Assessment.objects.count() == 0


def test_an_answer_from_another_question_is_rejected(client, bank):
    client.post(reverse("skills_assessment"), {})
    (_, first), (_, second) = questions_by_area(bank)[:2]
    data = area_answers(first)
    other = next(question for question in second if question["kind"] == "knowledge")
    knowledge = next(question for question in first if question["kind"] == "knowledge")
    data[f"question_{knowledge['id']}"] = other["options"][0]["id"]

    response = client.post(url("full", "assessment_area", 1), data)

    assert "That answer is not one of the options" in response.text


def test_answers_survive_refresh_and_going_back(client, bank):
    client.post(reverse("skills_assessment"), {"age_band": "25-34"})
    _, questions = questions_by_area(bank)[0]
    client.post(url("full", "assessment_area", 1), area_answers(questions, confidence="2"))

    again = client.get(url("full", "assessment_area", 1))
    start = client.get(reverse("skills_assessment"))

    for question in questions:
        assert f'name="question_{question["id"]}" type="radio" value="2" checked' in again.text or (
            question["kind"] == "knowledge"
        )
    assert 'value="25-34" checked' in start.text


def test_back_button_keeps_the_answers_given_so_far(client, bank):
    client.post(reverse("skills_assessment"), {})
    _, questions = questions_by_area(bank)[0]
    partial = {f"question_{questions[0]['id']}": "1", "back": "1"}

    response = client.post(url("full", "assessment_area", 1), partial)

    assert response["Location"] == reverse("skills_assessment")
    assert client.session["skills_assessment_full"]["answers"] == {str(questions[0]["id"]): "1"}


def test_check_your_answers_sends_back_to_the_first_unfinished_area(client, bank):
    client.post(reverse("skills_assessment"), {})
    _, questions = questions_by_area(bank)[0]
    client.post(url("full", "assessment_area", 1), area_answers(questions))

    response = client.get(url("full", "assessment_check"))

    assert response["Location"] == url("full", "assessment_area", 2)


def test_check_your_answers_lists_every_answer_in_words(client, bank):
    client.post(reverse("skills_assessment"), {})
    for number, (_, questions) in enumerate(questions_by_area(bank), start=1):
        client.post(url("full", "assessment_area", number), area_answers(questions, confidence="1"))

    page = client.get(url("full", "assessment_check"))

    assert page.text.count("I can do this with help") == 12
    assert page.text.count(">Change<") == 24
    assert Assessment.objects.count() == 0


def test_changing_an_answer_goes_straight_back_to_check_your_answers(client, bank):
    client.post(reverse("skills_assessment"), {})
    areas = questions_by_area(bank)
    for number, (_, questions) in enumerate(areas, start=1):
        client.post(url("full", "assessment_area", number), area_answers(questions, confidence="1"))
    change = url("full", "assessment_area", 2) + "?change=1"
    assert f'href="{change}"' in client.get(url("full", "assessment_check")).text
    form = client.get(change)
    assert f'href="{url("full", "assessment_check")}" class="govuk-back-link"' in form.text
    response = client.post(change, area_answers(areas[1][1], confidence="3"))
    assert response["Location"] == url("full", "assessment_check")
    assert client.get(url("full", "assessment_check")).text.count("I can do this with help") == 10


def test_submitting_saves_the_result_and_context_without_personal_data(client, bank):
    ward = Ward.objects.get(slug="poets") if Ward.objects.filter(slug="poets").exists() else Ward.objects.first()
    response = take_assessment(
        client, bank, context={"ward": ward.pk, "age_band": "35-49", "status": "running-a-business"}
    )

    assessment = Assessment.objects.get()
    assert response["Location"] == reverse("skills_results", args=[assessment.uuid])
    assert assessment.user is None
    assert (assessment.ward, assessment.age_band, assessment.status) == (ward, "35-49", "running-a-business")
    assert assessment.framework_version.number == 1
    assert assessment.kind == "full"
    assert assessment.overall_level == 3
    assert assessment.is_ai_ready
    assert len(assessment.answers) == 24
    assert AreaResult.objects.filter(assessment=assessment).count() == 6
    assert "skills_assessment_full" not in client.session


def test_signed_in_result_is_saved_to_the_account(client, user, bank):
    client.force_login(user)
    take_assessment(client, bank, confidence="0", knowledge="unsure")
    assessment = Assessment.objects.get()
    assert assessment.user == user
    assert assessment.overall_level == 0
    assert not assessment.is_ai_ready


def test_submit_stays_within_the_query_budget(client, bank, django_assert_max_num_queries):
    client.post(reverse("skills_assessment"), {})
    for number, (_, questions) in enumerate(questions_by_area(bank), start=1):
        client.post(url("full", "assessment_area", number), area_answers(questions))
    with django_assert_max_num_queries(11):
        client.post(url("full", "assessment_check"))


def test_quick_version_asks_one_statement_and_one_question_per_area(client, bank):
    client.post(url("quick", "assessment"), {})
    page = client.get(url("quick", "assessment_area", 1))
    assert "Area 1 of 6" in page.text
    assert page.text.count('class="govuk-fieldset"') == 2

    take_assessment(client, bank, kind="quick", confidence="0", knowledge="right")

    assessment = Assessment.objects.get()
    assert assessment.kind == "quick"
    assert len(assessment.answers) == 12
    assert assessment.overall_level == 2


def test_a_started_assessment_keeps_its_version_when_a_new_one_is_published(client, bank):
    from skills.models import Question
    from skills.publishing import publish_question_bank

    client.post(reverse("skills_assessment"), {})
    Question.objects.filter(kind="confidence").update(hint="New hint")
    publish_question_bank()

    take_assessment(client, bank)

    assert Assessment.objects.get().framework_version.number == 1


def test_answers_tampered_in_the_session_are_refused_with_nothing_saved(client, bank):
    client.post(reverse("skills_assessment"), {})
    for number, (_, questions) in enumerate(questions_by_area(bank), start=1):
        client.post(url("full", "assessment_area", number), area_answers(questions))
    session = client.session
    first_id = str(bank["questions"][0]["id"])
    session["skills_assessment_full"]["answers"][first_id] = "7"
    session.save()

    response = client.post(url("full", "assessment_check"))

    assert response["Location"] == url("full", "assessment_area", 1)
    assert Assessment.objects.count() == 0
    assert AreaResult.objects.count() == 0


def test_quick_screens_are_not_mixed_up_with_the_full_assessment(client, bank):
    client.post(reverse("skills_assessment"), {})
    assert client.get(url("quick", "assessment_area", 1))["Location"] == url("quick", "assessment")
