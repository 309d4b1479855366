"""The question bank: real content from the migrations, editing, and publishing new versions."""

import pytest
from django.urls import reverse

from portal.accounts.factories import StaffFactory
from skills.bank import CONFIDENCE, KNOWLEDGE, NOT_SURE, bank_problems, questions_by_area
from skills.models import Area, FrameworkVersion, Option, Question, QuestionKind
from skills.publishing import BankNotReady, publish_question_bank

from ..mfa import sign_in_with_code

pytestmark = pytest.mark.django_db

AREA_SLUGS = [
    "understanding-ai",
    "using-ai-tools",
    "checking-ai-outputs",
    "staying-safe",
    "ai-rights-and-society",
    "creating-with-ai",
]


def test_first_version_holds_two_statements_and_two_questions_per_area(bank):
    grouped = questions_by_area(bank)
    assert [area["slug"] for area, _ in grouped] == AREA_SLUGS
    for _, questions in grouped:
        assert [question["kind"] for question in questions] == [CONFIDENCE, CONFIDENCE, KNOWLEDGE, KNOWLEDGE]
    assert bank_problems(bank) == []


def test_every_knowledge_question_has_one_right_answer_three_wrong_and_not_sure(bank):
    for question in bank["questions"]:
        if question["kind"] != KNOWLEDGE:
            continue
        assert [option["correct"] for option in question["options"]].count(True) == 1
        assert len(question["options"]) == 5
        assert question["options"][-1]["id"] == NOT_SURE
        assert question["explanation"]


def test_quick_version_has_one_of_each_kind_per_area(bank):
    for _, questions in questions_by_area(bank, quick=True):
        assert sorted(question["kind"] for question in questions) == [CONFIDENCE, KNOWLEDGE]


def test_right_answer_is_not_always_in_the_same_place(bank):
    positions = {
        [option["correct"] for option in question["options"]].index(True)
        for question in bank["questions"]
        if question["kind"] == KNOWLEDGE
    }
    assert len(positions) > 1


def test_every_area_describes_every_level():
    for area in Area.objects.prefetch_related("level_descriptions"):
        assert sorted(description.level for description in area.level_descriptions.all()) == [0, 1, 2, 3, 4]


def test_publishing_unchanged_questions_keeps_the_version():
    assert publish_question_bank().number == 1
    assert FrameworkVersion.objects.count() == 1


def test_publishing_an_edit_makes_a_new_version_and_keeps_the_old_wording():
    question = Question.objects.filter(kind=QuestionKind.CONFIDENCE).first()
    old_text = question.text
    question.text = "I can explain what AI is to my neighbour."
    question.save()

    version = publish_question_bank("Reworded a statement")

    assert version.number == 2
    assert version.notes == "Reworded a statement"
    assert question.text in [q["text"] for q in version.bank["questions"]]
    old_bank = FrameworkVersion.objects.get(number=1).bank
    assert old_text in [q["text"] for q in old_bank["questions"]]
    assert question.text not in [q["text"] for q in old_bank["questions"]]


def test_inactive_questions_are_left_out_of_the_next_version():
    question = Question.objects.filter(kind=QuestionKind.CONFIDENCE, in_quick_version=False).first()
    question.is_active = False
    question.save()

    version = publish_question_bank()

    assert question.pk not in [q["id"] for q in version.bank["questions"]]


def test_a_knowledge_question_without_a_right_answer_cannot_be_published():
    question = Question.objects.filter(kind=QuestionKind.KNOWLEDGE).first()
    Option.objects.filter(question=question).update(is_correct=False)

    with pytest.raises(BankNotReady) as not_ready:
        publish_question_bank()

    assert f'"{question.text}" needs exactly one right answer.' in not_ready.value.problems
    assert FrameworkVersion.objects.count() == 1


def test_an_area_without_a_quick_question_cannot_be_published():
    Question.objects.filter(area__slug="staying-safe", kind=QuestionKind.KNOWLEDGE).update(in_quick_version=False)

    with pytest.raises(BankNotReady) as not_ready:
        publish_question_bank()

    assert "Staying safe needs exactly one knowledge question marked for the quick version." in not_ready.value.problems


def test_editor_publishes_from_the_admin(editor_client):
    Question.objects.filter(kind=QuestionKind.CONFIDENCE).update(hint="Think of the last month.")

    page = editor_client.get(reverse("skills_publish_bank"))
    assert "Publish as version 2" in page.text

    response = editor_client.post(reverse("skills_publish_bank"), {"notes": "Hints"})

    assert response.status_code == 302
    assert FrameworkVersion.objects.get(number=2).notes == "Hints"


def test_admin_shows_what_to_fix_instead_of_publishing(editor_client):
    Question.objects.filter(area__slug="staying-safe").update(is_active=False)

    page = editor_client.get(reverse("skills_publish_bank"))

    assert "Staying safe needs at least one active confidence statement." in page.text
    assert "Publish as version" not in page.text


def test_staff_without_the_permission_cannot_publish(client):
    sign_in_with_code(client, StaffFactory(groups=["Moderators"]))

    response = client.post(reverse("skills_publish_bank"), {"notes": "x"})

    # Wagtail's admin answers a permission error by sending the person back to the dashboard.
    assert response["Location"] == "/admin/"
    assert FrameworkVersion.objects.count() == 1


def test_editor_can_open_question_editing_and_reordering(editor_client):
    question = Question.objects.first()
    assert editor_client.get(reverse("wagtailsnippets_skills_question:list")).status_code == 200
    assert editor_client.get(reverse("wagtailsnippets_skills_question:edit", args=[question.pk])).status_code == 200
    area = Area.objects.first()
    assert editor_client.get(reverse("wagtailsnippets_skills_area:edit", args=[area.pk])).status_code == 200


def test_results_can_be_looked_at_but_not_added_or_changed_in_the_admin(client):
    from portal.accounts.factories import UserFactory
    from skills.factories import AssessmentFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    sign_in_with_code(client, admin)
    taker = UserFactory(first_name="Zebedee", email="zebedee@example.com")
    assessment = AssessmentFactory(levels=[1] * 6, is_demo=True, user=taker)

    listing = client.get(reverse("wagtailsnippets_skills_assessment:list"))
    assert listing.status_code == 200
    inspect = client.get(reverse("wagtailsnippets_skills_assessment:inspect", args=[assessment.pk]))
    assert inspect.status_code == 200 and "Overall level" in inspect.text
    assert "Zebedee" not in inspect.text and "zebedee@" not in inspect.text.lower()
    assert client.get(reverse("wagtailsnippets_skills_assessment:add"))["Location"] == "/admin/"
    assert client.get(reverse("wagtailsnippets_skills_assessment:edit", args=[assessment.pk]))["Location"] == "/admin/"


def test_editor_can_reword_a_level(editor_client):
    from skills.models import Level

    level = Level.objects.get(number=2)
    assert editor_client.get(reverse("wagtailsnippets_skills_level:edit", args=[level.pk])).status_code == 200


def test_the_six_areas_can_be_reworded_but_not_added_or_removed(editor_client):
    area = Area.objects.first()
    assert editor_client.get(reverse("wagtailsnippets_skills_area:edit", args=[area.pk])).status_code == 200
    assert editor_client.get(reverse("wagtailsnippets_skills_area:add"))["Location"] == "/admin/"
    assert editor_client.get(reverse("wagtailsnippets_skills_area:delete", args=[area.pk]))["Location"] == "/admin/"
