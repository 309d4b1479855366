"""The published adoption check: a plain snapshot of the questions a check is asked from.

A bank is a dict stored on CheckVersion.bank:

    {"dimensions": [{"id": ..., "slug": "data", "name": ...}, ...],
     "questions": [{"id": 7, "dimension": "data", "kind": "single" | "multiple",
                    "text": ..., "hint": ...,
                    "options": [{"id": "31", "text": ..., "points": 0–3, "signal": ""}, ...]}, ...],
     "translations": {"ur": {"dimensions": {"data": {"name": ...}},
                             "questions": {"7": {"text": ..., "hint": ..., "options": {"31": ...}}}}}}

Answers are strings: an option id for a "single" question, a list of option ids for a
"multiple" one. Translations change only the words, never ids, points or signals, so a check
taken in Urdu is scored exactly as in English.
"""

from collections.abc import Iterable

from django.utils.translation import gettext

from .scoring import MULTIPLE, SINGLE, gate_signals

TRANSLATED_TEXTS = ("text", "hint")


def sorted_options(question) -> list:
    return sorted(question.options.all(), key=lambda option: (option.sort_order or 0, option.pk))


def snapshot(dimensions: Iterable, questions: Iterable) -> dict:
    """The bank for these dimensions and active questions (each with `.options.all()` and
    `.translations.all()`), in order."""
    dimensions = list(dimensions)
    questions = [question for question in questions if question.is_active]
    bank = {
        "dimensions": [{"id": d.pk, "slug": d.slug, "name": d.name} for d in dimensions],
        "questions": [
            {
                "id": question.pk,
                "dimension": question.dimension.slug,
                "kind": question.kind,
                "text": question.text,
                "hint": question.hint,
                "options": [
                    {"id": str(option.pk), "text": option.text, "points": option.points, "signal": option.signal}
                    for option in sorted_options(question)
                ],
            }
            for question in questions
        ],
    }
    translations = translations_snapshot(dimensions, questions)
    if translations:
        bank["translations"] = translations
    return bank


def translations_snapshot(dimensions: list, questions: list) -> dict:
    translations: dict[str, dict] = {}

    def add(language, kind, key, texts):
        texts = {name: text for name, text in texts.items() if text}
        if texts:
            translations.setdefault(language, {}).setdefault(kind, {})[key] = texts

    for dimension in dimensions:
        for translation in _translations_of(dimension):
            add(
                translation.language,
                "dimensions",
                dimension.slug,
                {"name": translation.up_to_date("name", dimension.name)},
            )
    for question in questions:
        for translation in _translations_of(question):
            texts = {field: translation.up_to_date(field, getattr(question, field)) for field in TRANSLATED_TEXTS}
            answers = {
                str(option.pk): text
                for option in sorted_options(question)
                if (text := translation.up_to_date("options", option.text, key=str(option.pk)))
            }
            if answers:
                texts["options"] = answers
            add(translation.language, "questions", str(question.pk), texts)
    return translations


def _translations_of(obj) -> list:
    # The first bank is published by a migration, whose models have no translations.
    return list(obj.translations.all()) if hasattr(obj, "translations") else []


def localised_bank(bank: dict, language: str) -> dict:
    """The bank with its words in `language` wherever it carries a translation, text by text."""
    overlay = bank.get("translations", {}).get(language)
    if not overlay:
        return bank
    dimensions, questions = overlay.get("dimensions", {}), overlay.get("questions", {})

    def question_in(question):
        texts = questions.get(str(question["id"]), {})
        answers = texts.get("options", {})
        return {
            **question,
            **{field: texts.get(field) or question[field] for field in TRANSLATED_TEXTS},
            "options": [
                {**option, "text": answers.get(option["id"]) or option["text"]} for option in question["options"]
            ],
        }

    return {
        **bank,
        "dimensions": [
            {**d, "name": dimensions.get(d["slug"], {}).get("name") or d["name"]} for d in bank["dimensions"]
        ],
        "questions": [question_in(question) for question in bank["questions"]],
    }


def questions_by_dimension(bank: dict) -> list[tuple[dict, list[dict]]]:
    """[(dimension, [question, ...]), ...] in order, skipping dimensions with no questions."""
    grouped = []
    for dimension in bank.get("dimensions", []):
        questions = [q for q in bank.get("questions", []) if q["dimension"] == dimension["slug"]]
        if questions:
            grouped.append((dimension, questions))
    return grouped


def answer_texts(question: dict, answer) -> list[str]:
    """The words of the answer(s) given to a question, in bank order."""
    chosen = set(answer) if isinstance(answer, list) else {answer}
    return [option["text"] for option in question["options"] if option["id"] in chosen]


def bank_problems(bank: dict) -> list[str]:
    """Why this bank cannot be published, in words an editor can act on; empty if it can."""
    problems = []
    questions = bank.get("questions", [])
    for dimension in bank.get("dimensions", []):
        in_dimension = [q for q in questions if q["dimension"] == dimension["slug"]]
        if not any(q["kind"] == SINGLE for q in in_dimension):
            problems.append(
                gettext("%(dimension)s needs at least one active “choose one answer” question.")
                % {"dimension": dimension["name"]}
            )
        offered = {option["signal"] for q in in_dimension for option in q["options"] if option["signal"]}
        for signal, label in gate_signals(dimension["slug"]):
            if signal not in offered:
                problems.append(
                    gettext("%(dimension)s needs an answer with the signal “%(signal)s”: a stage depends on it.")
                    % {"dimension": dimension["name"], "signal": label}
                )
    for question in questions:
        if len(question["options"]) < 2:
            problems.append(gettext("“%(question)s” needs at least two answers.") % {"question": question["text"]})
        if question["kind"] == MULTIPLE and any(option["points"] for option in question["options"]):
            problems.append(
                gettext("“%(question)s” lets people choose several answers, so its answers cannot score points.")
                % {"question": question["text"]}
            )
    return problems
