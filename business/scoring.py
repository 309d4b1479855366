"""Scoring an adoption check: pure functions over a bank snapshot and answers.

Dimension score 0–100 = the points of the "choose one answer" questions in the dimension as
a share of the most they could give (3 each), rounded half up. "Choose all that apply"
questions score nothing: they say which processes, data or barriers apply, for next steps.
Stage from the score: 0–24 Not started, 25–49 Exploring, 50–74 Using, 75–100 Embedding,
then held back by the gates below: a stage needs every signal its gate names among the answers.
Overall stage = the mean of the six dimension stages, rounded down.
"""

from dataclasses import dataclass
from fractions import Fraction

from .models import Signal, Stage

SINGLE = "single"
MULTIPLE = "multiple"
HIGHEST_POINTS = 3
STAGE_THRESHOLDS = ((75, Stage.EMBEDDING), (50, Stage.USING), (25, Stage.EXPLORING), (0, Stage.NOT_STARTED))

# {(dimension slug, stage): signals an organisation needs to reach that stage (and above)}.
GATES: dict[tuple[str, int], frozenset[str]] = {
    ("current-use", Stage.USING): frozenset({Signal.AI_IN_PROCESS}),
    ("data", Stage.USING): frozenset({Signal.DATA_REACHABLE}),
    ("people", Stage.EMBEDDING): frozenset({Signal.NAMED_PERSON}),
    ("governance", Stage.EMBEDDING): frozenset({Signal.WRITTEN_POLICY, Signal.HUMAN_OVERSIGHT}),
}


class IncompleteAnswers(ValueError):
    """A question was left unanswered, or a dimension has nothing to score."""


class InvalidAnswer(ValueError):
    """An answer names a question or option that is not in this bank."""


@dataclass(frozen=True)
class DimensionScore:
    slug: str
    score: int
    stage: int


@dataclass(frozen=True)
class CheckResult:
    dimensions: list[DimensionScore]
    overall_stage: int
    signals: frozenset[str]

    @property
    def uses_ai(self) -> bool:
        return Signal.AI_IN_PROCESS in self.signals

    @property
    def has_ai_policy(self) -> bool:
        return Signal.WRITTEN_POLICY in self.signals

    def stages(self) -> dict[str, int]:
        return {dimension.slug: dimension.stage for dimension in self.dimensions}


def gate_signals(slug: str) -> list[tuple[str, str]]:
    """(signal, its label) of every signal some stage of this dimension needs."""
    needed = sorted(
        {signal for (dimension, _stage), signals in GATES.items() if dimension == slug for signal in signals}
    )
    return [(signal, Signal(signal).label) for signal in needed]


def dimension_score(points: list[int]) -> int:
    if not points:
        raise IncompleteAnswers("A dimension needs at least one scored answer.")
    if any(not 0 <= value <= HIGHEST_POINTS for value in points):
        raise InvalidAnswer("Points run from 0 to 3.")
    share = Fraction(sum(points), len(points) * HIGHEST_POINTS) * 100
    return int(share + Fraction(1, 2))


def stage_from_score(score: int) -> int:
    if not 0 <= score <= 100:
        raise ValueError(f"A score runs from 0 to 100, not {score}.")
    return next(stage for threshold, stage in STAGE_THRESHOLDS if score >= threshold)


def gated_stage(slug: str, stage: int, signals: frozenset[str]) -> int:
    """The stage after the gates: held just below the first stage whose gate is not met."""
    for gate in sorted(gate for dimension, gate in GATES if dimension == slug):
        if gate <= stage and not GATES[slug, gate] <= signals:
            return gate - 1
    return stage


def overall_stage(stages: list[int]) -> int:
    if not stages:
        raise IncompleteAnswers("There are no dimensions to give an overall stage for.")
    return sum(stages) // len(stages)


def chosen_options(question: dict, answer) -> list[dict]:
    """The options an answer picks. Raises InvalidAnswer for anything the question does not offer."""
    by_id = {option["id"]: option for option in question["options"]}
    if question["kind"] == MULTIPLE:
        if not isinstance(answer, list) or not answer or len(set(answer)) != len(answer):
            raise InvalidAnswer(f"Question {question['id']} takes one or more different options.")
        ids = answer
    else:
        if not isinstance(answer, str):
            raise InvalidAnswer(f"Question {question['id']} takes one option.")
        ids = [answer]
    if any(option_id not in by_id for option_id in ids):
        raise InvalidAnswer(f"{answer!r} is not an answer to question {question['id']}.")
    return [by_id[option_id] for option_id in ids]


def score_check(bank: dict, answers: dict) -> CheckResult:
    """Score every dimension of `bank` from `answers` ({question id as str: answer})."""
    from .bank import questions_by_dimension

    grouped = questions_by_dimension(bank)
    if not grouped:
        raise IncompleteAnswers("This version has no questions.")
    asked = {str(question["id"]) for _, questions in grouped for question in questions}
    if unknown := set(answers) - asked:
        raise InvalidAnswer(f"Answers to questions not in this version: {', '.join(sorted(unknown))}.")
    chosen = {}
    for dimension, questions in grouped:
        for question in questions:
            answer = answers.get(str(question["id"]))
            if answer is None:
                raise IncompleteAnswers(f"{dimension['name']} has a question with no answer.")
            chosen[str(question["id"])] = chosen_options(question, answer)
    signals = frozenset(option["signal"] for options in chosen.values() for option in options if option["signal"])
    dimensions = []
    for dimension, questions in grouped:
        points = [chosen[str(q["id"])][0]["points"] for q in questions if q["kind"] == SINGLE]
        score = dimension_score(points)
        stage = gated_stage(dimension["slug"], stage_from_score(score), signals)
        dimensions.append(DimensionScore(dimension["slug"], score, stage))
    return CheckResult(dimensions, overall_stage([d.stage for d in dimensions]), signals)


def dimensions_to_work_on(results: list, count: int = 2) -> list:
    """The dimensions to start with, from results with `stage` and `score` in order: lowest
    stage first, then lowest score, then the earlier one; those already Embedding are left out."""
    ranked = sorted(enumerate(results), key=lambda pair: (pair[1].stage, pair[1].score, pair[0]))
    return [result for _, result in ranked if result.stage < Stage.EMBEDDING][:count]
