"""Scoring the adoption check: pure functions, no database."""

import pytest

from business.models import Signal, Stage
from business.scoring import (
    IncompleteAnswers,
    InvalidAnswer,
    dimension_score,
    dimensions_to_work_on,
    gated_stage,
    overall_stage,
    score_check,
    stage_from_score,
)


@pytest.mark.parametrize(
    ("score", "stage"),
    [(0, 0), (24, 0), (25, 1), (49, 1), (50, 2), (74, 2), (75, 3), (100, 3)],
)
def test_stage_boundaries(score, stage):
    assert stage_from_score(score) == stage


@pytest.mark.parametrize("score", [-1, 101])
def test_scores_outside_0_to_100_are_refused(score):
    with pytest.raises(ValueError):
        stage_from_score(score)


def test_dimension_score_is_the_share_of_the_most_points_rounded_half_up():
    assert dimension_score([3, 3]) == 100
    assert dimension_score([0, 0]) == 0
    assert dimension_score([1, 2]) == 50
    assert dimension_score([1, 0, 0]) == 11  # 11.1
    assert dimension_score([1, 1, 0, 0, 0, 0]) == 11  # 11.1
    assert dimension_score([2, 1, 0, 0, 0, 0, 0, 0]) == 13  # 12.5 rounds up


def test_dimension_score_needs_points_from_0_to_3():
    with pytest.raises(IncompleteAnswers):
        dimension_score([])
    with pytest.raises(InvalidAnswer):
        dimension_score([4])


def test_governance_embedding_needs_a_written_policy_and_human_oversight():
    both = frozenset({Signal.WRITTEN_POLICY, Signal.HUMAN_OVERSIGHT})
    assert gated_stage("governance", Stage.EMBEDDING, both) == Stage.EMBEDDING
    assert gated_stage("governance", Stage.EMBEDDING, frozenset({Signal.WRITTEN_POLICY})) == Stage.USING
    assert gated_stage("governance", Stage.EMBEDDING, frozenset({Signal.HUMAN_OVERSIGHT})) == Stage.USING
    assert gated_stage("governance", Stage.USING, frozenset()) == Stage.USING


def test_using_ai_in_current_use_needs_ai_in_a_process():
    assert gated_stage("current-use", Stage.EMBEDDING, frozenset()) == Stage.EXPLORING
    assert gated_stage("current-use", Stage.USING, frozenset()) == Stage.EXPLORING
    assert gated_stage("current-use", Stage.EXPLORING, frozenset()) == Stage.EXPLORING
    assert gated_stage("current-use", Stage.EMBEDDING, frozenset({Signal.AI_IN_PROCESS})) == Stage.EMBEDDING


def test_other_gates_and_ungated_dimensions():
    assert gated_stage("data", Stage.USING, frozenset()) == Stage.EXPLORING
    assert gated_stage("data", Stage.USING, frozenset({Signal.DATA_REACHABLE})) == Stage.USING
    assert gated_stage("people", Stage.EMBEDDING, frozenset()) == Stage.USING
    assert gated_stage("people", Stage.EMBEDDING, frozenset({Signal.NAMED_PERSON})) == Stage.EMBEDDING
    assert gated_stage("plans", Stage.EMBEDDING, frozenset()) == Stage.EMBEDDING


def test_overall_stage_is_the_mean_rounded_down():
    assert overall_stage([3, 3, 3, 3, 3, 2]) == 2
    assert overall_stage([1, 1, 1, 1, 1, 1]) == 1
    assert overall_stage([0, 0, 0, 0, 3, 3]) == 1
    assert overall_stage([0, 0, 0, 0, 0, 3]) == 0
    with pytest.raises(IncompleteAnswers):
        overall_stage([])


BANK = {
    "dimensions": [
        {"id": 1, "slug": "current-use", "name": "Current use"},
        {"id": 2, "slug": "governance", "name": "Governance"},
    ],
    "questions": [
        {"id": 1, "dimension": "current-use", "kind": "single", "text": "Where?", "hint": "", "options": [
            {"id": "10", "text": "Nowhere", "points": 0, "signal": ""},
            {"id": "11", "text": "In one process", "points": 3, "signal": "ai-in-process"}]},
        {"id": 2, "dimension": "current-use", "kind": "multiple", "text": "Which?", "hint": "", "options": [
            {"id": "20", "text": "Admin", "points": 0, "signal": ""},
            {"id": "21", "text": "Marketing", "points": 0, "signal": ""}]},
        {"id": 3, "dimension": "governance", "kind": "single", "text": "Policy?", "hint": "", "options": [
            {"id": "30", "text": "No", "points": 0, "signal": ""},
            {"id": "31", "text": "Yes", "points": 3, "signal": "written-policy"}]},
    ],
}  # fmt: skip


def test_score_check_scores_single_answers_and_records_signals():
    result = score_check(BANK, {"1": "11", "2": ["20", "21"], "3": "31"})
    assert result.stages() == {"current-use": 3, "governance": 2}  # no human oversight: held at Using
    assert result.overall_stage == 2
    assert result.uses_ai and result.has_ai_policy
    nothing = score_check(BANK, {"1": "10", "2": ["20"], "3": "30"})
    assert nothing.stages() == {"current-use": 0, "governance": 0}
    assert not nothing.uses_ai and not nothing.has_ai_policy


@pytest.mark.parametrize(
    "answers",
    [
        {"1": "99", "2": ["20"], "3": "30"},  # not an option
        {"1": "10", "2": [], "3": "30"},  # nothing chosen
        {"1": "10", "2": ["20", "20"], "3": "30"},  # the same option twice
        {"1": "10", "2": "20", "3": "30"},  # one option for a "choose all" question
        {"1": ["10"], "2": ["20"], "3": "30"},  # a list for a "choose one" question
        {"1": "10", "2": ["20"], "3": "30", "4": "40"},  # a question not in the bank
    ],
)
def test_invalid_answers_are_refused(answers):
    with pytest.raises(InvalidAnswer):
        score_check(BANK, answers)


def test_a_missing_answer_is_refused():
    with pytest.raises(IncompleteAnswers):
        score_check(BANK, {"1": "10", "2": ["20"]})


class Result:
    def __init__(self, name, stage, score):
        self.name, self.stage, self.score = name, stage, score


def test_dimensions_to_work_on_lowest_stage_then_score_then_order_leaving_out_embedding():
    results = [Result("a", 2, 60), Result("b", 1, 40), Result("c", 1, 30), Result("d", 3, 90), Result("e", 1, 30)]
    assert [r.name for r in dimensions_to_work_on(results)] == ["c", "e"]
    assert dimensions_to_work_on([Result("a", 3, 100)]) == []
