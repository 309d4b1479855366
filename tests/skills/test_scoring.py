"""Scoring exactly as DESIGN.md §8 says, at every boundary and gate (no database, no HTTP)."""

import copy

import pytest

from skills.bank import NOT_SURE
from skills.scoring import (
    AreaScore,
    IncompleteAnswers,
    InvalidAnswer,
    area_level,
    area_score,
    areas_to_work_on,
    is_ai_ready,
    level_from_score,
    overall_level,
    score_assessment,
)

SLUGS = ["one", "two", "three", "four", "five", "six"]


def make_bank(slugs=SLUGS, start_id=1) -> dict:
    """Two statements and two knowledge questions per area; option "r<id>" is right."""
    questions = []
    next_id = start_id
    for slug in slugs:
        for position in range(4):
            kind = "confidence" if position < 2 else "knowledge"
            options = []
            if kind == "knowledge":
                options = [
                    {"id": f"r{next_id}", "text": "Right", "correct": True},
                    {"id": f"w{next_id}", "text": "Wrong", "correct": False},
                    {"id": NOT_SURE, "text": "I'm not sure", "correct": False},
                ]
            questions.append(
                {
                    "id": next_id,
                    "area": slug,
                    "kind": kind,
                    "text": f"Q{next_id}",
                    "hint": "",
                    "explanation": "",
                    "quick": position in (0, 2),
                    "options": options,
                }
            )
            next_id += 1
    return {"areas": [{"slug": slug, "name": slug.title()} for slug in slugs], "questions": questions}


def answer_all(bank, confidence="3", knowledge="right", quick=False) -> dict:
    answers = {}
    for question in bank["questions"]:
        if quick and not question["quick"]:
            continue
        key = str(question["id"])
        if question["kind"] == "confidence":
            answers[key] = confidence
        else:
            answers[key] = {"right": f"r{key}", "wrong": f"w{key}", "unsure": NOT_SURE}[knowledge]
    return answers


# Scores


@pytest.mark.parametrize(
    ("confidence", "knowledge", "expected"),
    [
        ([0, 0], [False, False], 0),
        ([3, 3], [True, True], 100),
        ([3, 3], [False, False], 50),
        ([0, 0], [True, True], 50),
        ([0, 0], [True, False], 25),
        ([1, 2], [False, False], 25),
        ([1], [True], 67),  # 16.67 + 50, rounded
    ],
)
def test_area_score_is_half_confidence_half_knowledge(confidence, knowledge, expected):
    assert area_score(confidence, knowledge) == expected


def test_area_score_rounds_halves_up():
    assert area_score([3] * 49 + [0] * 51, [False]) == 25  # 24.5


def test_wrong_and_not_sure_both_score_nothing():
    bank = make_bank()
    wrong = score_assessment(bank, answer_all(bank, confidence="3", knowledge="wrong"))
    unsure = score_assessment(bank, answer_all(bank, confidence="3", knowledge="unsure"))
    assert [area.score for area in wrong.areas] == [50] * 6
    assert wrong == unsure


# Levels from scores: every boundary


@pytest.mark.parametrize(
    ("score", "level"),
    [(0, 0), (24, 0), (25, 1), (49, 1), (50, 2), (74, 2), (75, 3), (100, 3)],
)
def test_level_from_score_boundaries(score, level):
    assert level_from_score(score) == level


@pytest.mark.parametrize("score", [-1, 101])
def test_scores_outside_0_to_100_are_refused(score):
    with pytest.raises(ValueError):
        level_from_score(score)


@pytest.mark.parametrize(
    ("confidence", "knowledge", "score", "level"),
    [
        ([3] * 12 + [0] * 13, [False], 24, 0),
        ([0], [True, False], 25, 1),
        ([3] * 12 + [0] * 13, [True, False], 49, 1),
        ([3], [False, True], 75, 3),
        ([3] * 12 + [0] * 13, [True, True], 74, 2),
        ([3, 0], [True, True], 75, 3),
    ],
)
def test_boundaries_reached_through_real_answers(confidence, knowledge, score, level):
    assert area_score(confidence, knowledge) == score
    assert level_from_score(score) == level


# The knowledge gate


def test_level_two_needs_one_right_answer():
    assert area_level(50, knowledge_right=0, knowledge_total=2) == 1
    assert area_level(74, knowledge_right=0, knowledge_total=2) == 1
    assert area_level(50, knowledge_right=1, knowledge_total=2) == 2


def test_level_three_needs_every_answer_right():
    assert area_level(75, knowledge_right=1, knowledge_total=2) == 2
    assert area_level(100, knowledge_right=1, knowledge_total=2) == 2
    assert area_level(75, knowledge_right=2, knowledge_total=2) == 3


def test_a_gated_level_three_with_nothing_right_drops_to_one():
    assert area_level(100, knowledge_right=0, knowledge_total=2) == 1


def test_the_gate_never_raises_a_level():
    assert area_level(24, knowledge_right=2, knowledge_total=2) == 0
    assert area_level(49, knowledge_right=2, knowledge_total=2) == 1


def test_full_confidence_with_no_knowledge_is_explorer():
    bank = make_bank()
    result = score_assessment(bank, answer_all(bank, confidence="3", knowledge="unsure"))
    assert result.levels() == dict.fromkeys(SLUGS, 1)


# Overall level, AI-ready, never level 4


def test_overall_level_is_the_lowest_area_level():
    assert overall_level([3, 2, 3, 1, 3, 3]) == 1


def test_ai_ready_needs_level_two_in_every_area():
    assert is_ai_ready([2, 2, 2, 2, 2, 2])
    assert is_ai_ready([3, 3, 3, 3, 3, 2])
    assert not is_ai_ready([3, 3, 3, 3, 3, 1])
    assert not is_ai_ready([])


def test_top_marks_give_champion_never_creator():
    bank = make_bank()
    result = score_assessment(bank, answer_all(bank))
    assert result.overall_level == 3
    assert result.is_ai_ready
    assert max(result.levels().values()) == 3


def test_one_weak_area_stops_ai_ready():
    bank = make_bank()
    answers = answer_all(bank)
    for question in bank["questions"]:
        if question["area"] == "four" and question["kind"] == "knowledge":
            answers[str(question["id"])] = NOT_SURE
    result = score_assessment(bank, answers)
    assert result.levels()["four"] == 1
    assert result.overall_level == 1
    assert not result.is_ai_ready


# Quick version


def test_quick_version_scores_one_statement_and_one_question_per_area():
    bank = make_bank()
    answers = answer_all(bank, confidence="0", knowledge="right", quick=True)
    result = score_assessment(bank, answers, quick=True)
    assert [area.score for area in result.areas] == [50] * 6
    assert [area.knowledge_total for area in result.areas] == [1] * 6
    assert result.levels() == dict.fromkeys(SLUGS, 2)


def test_quick_version_level_three_needs_its_one_question_right():
    bank = make_bank()
    answers = answer_all(bank, confidence="3", knowledge="right", quick=True)
    assert score_assessment(bank, answers, quick=True).overall_level == 3
    answers = answer_all(bank, confidence="3", knowledge="wrong", quick=True)
    assert score_assessment(bank, answers, quick=True).overall_level == 1


def test_full_answers_are_not_accepted_as_a_quick_assessment():
    bank = make_bank()
    with pytest.raises(InvalidAnswer):
        score_assessment(bank, answer_all(bank), quick=True)


# Missing and invalid answers


def test_an_area_with_no_answers_is_a_clear_error():
    bank = make_bank()
    answers = {key: value for key, value in answer_all(bank).items() if int(key) not in range(5, 9)}
    with pytest.raises(IncompleteAnswers, match="Two has a question with no answer"):
        score_assessment(bank, answers)


def test_no_answers_at_all_is_a_clear_error():
    with pytest.raises(IncompleteAnswers):
        score_assessment(make_bank(), {})


def test_an_area_with_no_confidence_answers_cannot_be_scored():
    with pytest.raises(IncompleteAnswers):
        area_score([], [True])
    with pytest.raises(IncompleteAnswers):
        area_score([3], [])


def test_an_empty_bank_is_a_clear_error():
    with pytest.raises(IncompleteAnswers):
        score_assessment({"areas": [], "questions": []}, {})


def test_an_area_with_only_statements_is_a_clear_error():
    bank = make_bank(slugs=["one"])
    bank["questions"] = [question for question in bank["questions"] if question["kind"] == "confidence"]
    with pytest.raises(IncompleteAnswers, match="One needs a confidence statement and a knowledge question"):
        score_assessment(bank, answer_all(bank))


@pytest.mark.parametrize(("question_id", "bad"), [("1", "4"), ("1", "-1"), ("1", "3.0"), ("1", ""), ("3", "r999")])
def test_answers_the_bank_does_not_offer_are_refused(question_id, bad):
    bank = make_bank()
    answers = answer_all(bank)
    answers[question_id] = bad
    with pytest.raises(InvalidAnswer):
        score_assessment(bank, answers)


def test_another_questions_right_answer_is_not_right_here():
    bank = make_bank()
    answers = answer_all(bank)
    answers["3"] = "r4"
    with pytest.raises(InvalidAnswer):
        score_assessment(bank, answers)


# Framework versions with different question sets


def test_each_version_is_scored_from_its_own_questions():
    version_one = make_bank()
    version_two = copy.deepcopy(version_one)
    # Version 2 drops a statement in "one" and adds a third knowledge question there.
    version_two["questions"] = [question for question in version_two["questions"] if question["id"] != 2]
    version_two["questions"].append(
        {
            "id": 100,
            "area": "one",
            "kind": "knowledge",
            "text": "New",
            "hint": "",
            "explanation": "",
            "quick": False,
            "options": [
                {"id": "r100", "text": "Right", "correct": True},
                {"id": NOT_SURE, "text": "I'm not sure", "correct": False},
            ],
        }
    )
    old_answers = answer_all(version_one, confidence="3", knowledge="right")
    old_answers["4"] = NOT_SURE
    new_answers = answer_all(version_two, confidence="3", knowledge="right")
    new_answers["4"] = NOT_SURE

    old = score_assessment(version_one, old_answers)
    new = score_assessment(version_two, new_answers)

    assert old.areas[0] == AreaScore("one", 75, 2, 1, 2)
    assert new.areas[0] == AreaScore("one", 83, 2, 2, 3)
    with pytest.raises(InvalidAnswer):
        score_assessment(version_two, old_answers)


def test_a_version_without_an_area_scores_the_areas_it_has():
    bank = make_bank(slugs=SLUGS[:5])
    bank["areas"].append({"slug": "six", "name": "Six"})
    result = score_assessment(bank, answer_all(bank))
    assert [area.slug for area in result.areas] == SLUGS[:5]


# What to work on first


def test_areas_to_work_on_are_the_lowest_levels_then_lowest_scores():
    areas = [
        AreaScore("one", 80, 3, 2, 2),
        AreaScore("two", 40, 1, 0, 2),
        AreaScore("three", 30, 1, 0, 2),
        AreaScore("four", 60, 2, 1, 2),
        AreaScore("five", 30, 1, 1, 2),
    ]
    assert [area.slug for area in areas_to_work_on(areas)] == ["three", "five"]


def test_areas_at_champion_are_never_suggested_to_work_on():
    areas = [AreaScore("one", 90, 3, 2, 2), AreaScore("two", 80, 3, 2, 2), AreaScore("three", 70, 2, 1, 2)]
    assert [area.slug for area in areas_to_work_on(areas)] == ["three"]
    assert areas_to_work_on(areas[:2]) == []
