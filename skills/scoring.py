"""Scoring an assessment (DESIGN.md §8): pure functions over a bank snapshot and answers.

Area score 0–100 = half confidence (mean of the statements, scaled 0–100) + half knowledge
(share answered right; wrong and "I'm not sure" both score 0), rounded to a whole number.
Level from the score: 0–24 → 0, 25–49 → 1, 50–74 → 2, 75–100 → 3, then gated by knowledge:
level 2 needs at least one knowledge question right, level 3 needs all of them right.
Overall level = the lowest area level. AI-ready = level 2 or more in every area.
The assessment never gives level 4 (Creator), which only a showcased project earns.
"""

from dataclasses import dataclass
from fractions import Fraction

from .bank import CONFIDENCE, KNOWLEDGE, questions_by_area, valid_answers

HIGHEST_CONFIDENCE = 3
LEVEL_THRESHOLDS = ((75, 3), (50, 2), (25, 1), (0, 0))
AI_READY_LEVEL = 2
HIGHEST_ASSESSED_LEVEL = 3  # Champion; level 4, Creator, comes from building a project


class IncompleteAnswers(ValueError):
    """An area cannot be scored: it has no statements or questions answered."""


class InvalidAnswer(ValueError):
    """An answer names a question or option that is not in this bank."""


@dataclass(frozen=True)
class AreaScore:
    slug: str
    score: int
    level: int
    knowledge_right: int
    knowledge_total: int
    carried_over: bool = False


@dataclass(frozen=True)
class Result:
    areas: list[AreaScore]
    overall_level: int
    is_ai_ready: bool

    def levels(self) -> dict[str, int]:
        return {area.slug: area.level for area in self.areas}


def round_half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


def area_score(confidence: list[int], knowledge_right: list[bool]) -> int:
    """0–100 from confidence values (0–3 each) and whether each knowledge question was right."""
    if not confidence or not knowledge_right:
        raise IncompleteAnswers("An area needs at least one confidence answer and one knowledge answer.")
    if any(not 0 <= value <= HIGHEST_CONFIDENCE for value in confidence):
        raise InvalidAnswer("Confidence answers run from 0 to 3.")
    confidence_part = Fraction(sum(confidence), len(confidence) * HIGHEST_CONFIDENCE) * 50
    knowledge_part = Fraction(sum(knowledge_right), len(knowledge_right)) * 50
    return round_half_up(confidence_part + knowledge_part)


def level_from_score(score: int) -> int:
    """The level a score earns before the knowledge gate."""
    if not 0 <= score <= 100:
        raise ValueError(f"A score runs from 0 to 100, not {score}.")
    return next(level for threshold, level in LEVEL_THRESHOLDS if score >= threshold)


def area_level(score: int, knowledge_right: int, knowledge_total: int) -> int:
    """The level for an area: from the score, then dropped to the highest level the
    knowledge answers qualify for (2 needs one right, 3 needs all right)."""
    level = level_from_score(score)
    if level >= 3 and knowledge_right < knowledge_total:
        level = 2
    if level >= 2 and knowledge_right < 1:
        level = 1
    return level


def overall_level(levels: list[int]) -> int:
    if not levels:
        raise IncompleteAnswers("There are no areas to give an overall level for.")
    return min(levels)


def is_ai_ready(levels: list[int]) -> bool:
    return bool(levels) and all(level >= AI_READY_LEVEL for level in levels)


def is_right(question: dict, answer: str) -> bool:
    return any(option["id"] == answer and option["correct"] for option in question["options"])


def check_answer(question: dict, answer: str) -> None:
    if answer not in valid_answers(question):
        raise InvalidAnswer(f"{answer!r} is not an answer to question {question['id']}.")


def score_assessment(
    bank: dict, answers: dict[str, str], quick: bool = False, areas: list[str] | None = None
) -> Result:
    """Score every area of the full or quick version of `bank` (or only the `areas` given,
    by slug) from `answers` ({question id as str: answer}). Raises IncompleteAnswers naming
    the first area with a question left unanswered, InvalidAnswer for an answer the bank
    does not offer."""
    grouped = questions_by_area(bank, quick, areas)
    if not grouped:
        raise IncompleteAnswers("This framework version has no questions.")
    asked = {str(question["id"]) for _, questions in grouped for question in questions}
    unknown = set(answers) - asked
    if unknown:
        raise InvalidAnswer(f"Answers to questions not in this version: {', '.join(sorted(unknown))}.")
    areas = []
    for area, questions in grouped:
        confidence, knowledge = [], []
        for question in questions:
            answer = answers.get(str(question["id"]))
            if answer is None:
                raise IncompleteAnswers(f"{area['name']} has a question with no answer.")
            check_answer(question, answer)
            if question["kind"] == CONFIDENCE:
                confidence.append(int(answer))
            elif question["kind"] == KNOWLEDGE:
                knowledge.append(is_right(question, answer))
        if not confidence or not knowledge:
            raise IncompleteAnswers(f"{area['name']} needs a confidence statement and a knowledge question.")
        score = area_score(confidence, knowledge)
        level = area_level(score, sum(knowledge), len(knowledge))
        areas.append(AreaScore(area["slug"], score, level, sum(knowledge), len(knowledge)))
    levels = [area.level for area in areas]
    return Result(areas=areas, overall_level=overall_level(levels), is_ai_ready=is_ai_ready(levels))


def score_focused(bank: dict, answers: dict[str, str], areas: list[str], earlier: dict[str, tuple[int, int]]) -> Result:
    """A focused re-check: the full version's questions in `areas` only, scored as usual;
    every other area of the bank keeps its latest measured (score, level) from `earlier`
    ({slug: (score, level)}), marked as carried over. The overall level and AI-ready come
    from all of them, so they compare with a full result. Raises IncompleteAnswers when an
    area was neither asked nor measured before."""
    asked = {area.slug: area for area in score_assessment(bank, answers, areas=areas).areas}
    scores = []
    for area in bank.get("areas", []):
        slug = area["slug"]
        if slug in asked:
            scores.append(asked[slug])
        elif slug in earlier:
            score, level = earlier[slug]
            scores.append(AreaScore(slug, score, level, 0, 0, carried_over=True))
        elif questions_by_area(bank, areas=[slug]):
            raise IncompleteAnswers(f"{area['name']} has no earlier result to carry over.")
    levels = [area.level for area in scores]
    return Result(areas=scores, overall_level=overall_level(levels), is_ai_ready=is_ai_ready(levels))


def areas_to_work_on(areas: list, count: int = 2) -> list:
    """The areas to start with, from any results with `level` and `score` in framework
    order: lowest level first, then lowest score, then the earlier area. Areas already at
    the highest level the assessment gives are left out: there is nothing more to check."""
    ranked = sorted(enumerate(areas), key=lambda pair: (pair[1].level, pair[1].score, pair[0]))
    return [area for _, area in ranked if area.level < HIGHEST_ASSESSED_LEVEL][:count]
