"""The published bank carries the translations as they stood when it was published, and
an assessment reads in the language of its address while being asked and scored exactly as
in English."""

import pytest
from django.urls import reverse

from portal.i18n import path_in_language
from skills.bank import NOT_SURE, localised_bank, questions_by_area
from skills.factories import (
    AreaTranslationFactory,
    AssessmentFactory,
    LevelTranslationFactory,
    QuestionTranslationFactory,
    ResourceTranslationFactory,
)
from skills.models import Area, AreaLevelDescription, Assessment, Level, Question, QuestionKind
from skills.publishing import current_bank, publish_question_bank
from skills.scoring import score_assessment

from .journeys import area_answers, url

BANK = {
    "areas": [{"id": 1, "slug": "staying-safe", "name": "Staying safe"}, {"id": 2, "slug": "using", "name": "Using"}],
    "questions": [
        {"id": 7, "area": "staying-safe", "kind": "confidence", "text": "I can spot a scam.", "hint": "Think.",
         "explanation": "", "quick": True, "options": []},
        {"id": 8, "area": "staying-safe", "kind": "knowledge", "text": "Which is a scam?", "hint": "",
         "explanation": "Banks never ask.", "quick": True,
         "options": [{"id": "40", "text": "A call asking for your PIN", "correct": True},
                     {"id": "41", "text": "A letter from your GP", "correct": False},
                     {"id": NOT_SURE, "text": "I'm not sure", "correct": False}]},
    ],
    "translations": {
        "ur": {
            "areas": {"staying-safe": {"name": "محفوظ رہنا"}},
            "questions": {
                "7": {"text": "میں دھوکہ پہچان سکتا ہوں۔"},
                "8": {"text": "دھوکہ کون سا ہے؟", "options": {"40": "پن مانگنے والی کال"}},
            },
        }
    },
}  # fmt: skip


def test_localised_bank_lays_the_translations_over_the_english_text_by_text():
    urdu = localised_bank(BANK, "ur")

    assert [area["name"] for area in urdu["areas"]] == ["محفوظ رہنا", "Using"]
    statement, question = urdu["questions"]
    assert (statement["text"], statement["hint"]) == ("میں دھوکہ پہچان سکتا ہوں۔", "Think.")
    assert (question["text"], question["explanation"]) == ("دھوکہ کون سا ہے؟", "Banks never ask.")
    assert [option["text"] for option in question["options"]] == [
        "پن مانگنے والی کال",
        "A letter from your GP",
        "I'm not sure",
    ]
    # The same questions, answers and right answers, in the same order: only the words change.
    strip = lambda bank: [  # noqa: E731
        (q["id"], q["kind"], q["quick"], [(o["id"], o["correct"]) for o in q["options"]]) for q in bank["questions"]
    ]
    assert strip(urdu) == strip(BANK)
    assert BANK["questions"][1]["text"] == "Which is a scam?"  # the bank itself is untouched


@pytest.mark.parametrize("language", ["en-gb", "pl", "xx"])
def test_a_language_with_no_translations_reads_in_english(language):
    assert localised_bank(BANK, language) == BANK
    assert localised_bank({k: v for k, v in BANK.items() if k != "translations"}, "ur")["areas"] == BANK["areas"]


def test_answers_score_the_same_in_every_language():
    answers = {"7": "2", "8": "40"}
    assert score_assessment(localised_bank(BANK, "ur"), answers) == score_assessment(BANK, answers)


@pytest.mark.django_db
def test_the_bank_carries_only_up_to_date_translations_that_say_something():
    question = Question.objects.filter(kind=QuestionKind.KNOWLEDGE).first()
    option = question.options.order_by("sort_order", "pk").first()
    stale = question.options.order_by("sort_order", "pk")[1]
    QuestionTranslationFactory(
        question=question,
        language="ur",
        text="سوال",
        hint="",
        options={str(option.pk): "جواب", str(stale.pk): "پرانا"},
    )
    AreaTranslationFactory(area=question.area, language="pl", name="Nazwa")
    AreaTranslationFactory(area=Area.objects.exclude(pk=question.area_id).first(), language="pl", name="")
    stale.text = "Reworded"
    stale.save()

    translations = current_bank()["translations"]

    assert translations["ur"] == {
        "questions": {str(question.pk): {"text": "سوال", "options": {str(option.pk): "جواب"}}}
    }
    assert translations["pl"] == {"areas": {question.area.slug: {"name": "Nazwa"}}}


@pytest.mark.django_db
def test_a_new_or_changed_translation_makes_a_new_version_and_the_old_one_keeps_its_words():
    assert "translations" not in current_bank()
    assert publish_question_bank().number == 1  # nothing translated: the same bank as before

    translation = QuestionTranslationFactory(language="bn", text="প্রশ্ন")
    second = publish_question_bank()
    assert second.number == 2
    assert publish_question_bank().number == 2

    translation.text = "নতুন প্রশ্ন"
    translation.save()
    third = publish_question_bank()

    assert third.number == 3
    key = str(translation.question_id)
    assert second.bank["translations"]["bn"]["questions"][key]["text"] == "প্রশ্ন"
    assert third.bank["translations"]["bn"]["questions"][key]["text"] == "নতুন প্রশ্ন"


@pytest.mark.django_db
def test_an_assessment_in_urdu_asks_the_translated_questions_and_scores_as_in_english(client):
    area = Area.objects.order_by("sort_order").first()
    question = Question.objects.filter(area=area, kind=QuestionKind.KNOWLEDGE).order_by("sort_order", "pk").first()
    right = question.options.get(is_correct=True)
    QuestionTranslationFactory(
        question=question, language="ur", text="چیٹ بوٹ نے جواب کیسے بنایا؟", options={str(right.pk): "پیٹرن سے"}
    )
    AreaTranslationFactory(area=area, language="ur", name="اے آئی کو سمجھنا")
    bank = publish_question_bank().bank

    client.post(path_in_language(reverse("skills_assessment"), "ur"), {})
    page = client.get(path_in_language(url("full", "assessment_area", 1), "ur"))

    assert page.status_code == 200
    assert 'lang="ur" dir="rtl"' in page.text
    assert "چیٹ بوٹ نے جواب کیسے بنایا؟" in page.text and "پیٹرن سے" in page.text
    assert "اے آئی کو سمجھنا" in page.text
    assert question.text not in page.text

    for number, (_, questions) in enumerate(questions_by_area(bank), start=1):
        client.post(path_in_language(url("full", "assessment_area", number), "ur"), area_answers(questions))
    check = client.get(path_in_language(url("full", "assessment_check"), "ur"))
    assert "چیٹ بوٹ نے جواب کیسے بنایا؟" in check.text and "پیٹرن سے" in check.text
    response = client.post(path_in_language(url("full", "assessment_check"), "ur"))

    assessment = Assessment.objects.get()
    assert (assessment.overall_level, assessment.is_ai_ready) == (3, True)
    assert assessment.answers[str(question.id)] == str(right.pk)
    assert assessment.language == "ur"
    result = client.get(response["Location"])
    assert "چیٹ بوٹ نے جواب کیسے بنایا؟" in result.text and "اے آئی کو سمجھنا" in result.text
    # The same result opened at its English address reads in English.
    english = client.get(path_in_language(response["Location"], "en-gb"))
    assert question.text in english.text and "چیٹ بوٹ" not in english.text


@pytest.mark.django_db
def test_the_framework_page_shows_translated_levels_and_what_they_look_like(client):
    area = Area.objects.get(slug="staying-safe")
    described = AreaLevelDescription.objects.get(area=area, level=2)
    AreaTranslationFactory(area=area, language="pl", name="Bezpieczeństwo", level_descriptions={"2": "Potrafisz to."})
    LevelTranslationFactory(level=Level.objects.get(number=2), language="pl", name="Pewny użytkownik")
    LevelTranslationFactory(level=Level.objects.get(number=3), language="pl", name="Stary mistrz")
    Level.objects.filter(number=3).update(name="Champion of all")  # its translation is now out of date

    address = reverse("skills_framework")  # before a request in Polish makes Polish the language here
    polish = client.get(path_in_language(address, "pl")).text
    english = client.get(address).text

    assert "Bezpieczeństwo" in polish and "Potrafisz to." in polish and "Pewny użytkownik" in polish
    assert described.description not in polish
    assert "Champion of all" in polish and "Stary mistrz" not in polish
    assert "Bezpieczeństwo" not in english and described.description in english


@pytest.mark.django_db
def test_a_result_in_another_language_shows_translated_levels_meanings_and_resources(client, user):
    area = Area.objects.order_by("sort_order").first()
    AreaTranslationFactory(area=area, language="bn", name="এআই বোঝা", level_descriptions={"0": "আপনি এখনও নিশ্চিত নন।"})
    LevelTranslationFactory(level=Level.objects.get(number=0), language="bn", name="শুরু")
    ResourceTranslationFactory(resource__area=area, resource__max_level=1, language="bn", title="এআই কী?")
    assessment = AssessmentFactory(user=user, levels=[0, 2, 2, 2, 2, 2])
    client.force_login(user)

    page = client.get(path_in_language(reverse("skills_results", args=[assessment.uuid]), "bn")).text

    assert "এআই বোঝা" in page and "আপনি এখনও নিশ্চিত নন।" in page and "শুরু" in page and "এআই কী?" in page


@pytest.mark.django_db
def test_translated_pages_cost_one_query_more_per_kind_of_thing_translated(client, user, django_assert_max_num_queries):
    assessment = AssessmentFactory(user=user, levels=[1, 2, 3, 0, 2, 1])
    client.force_login(user)
    # English: 16 (see test_results_page_query_budget); translated areas, levels and resources: 3 more.
    with django_assert_max_num_queries(19):
        assert client.get(path_in_language(reverse("skills_results", args=[assessment.uuid]), "ur")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(path_in_language(reverse("skills_framework"), "ur")).status_code == 200
