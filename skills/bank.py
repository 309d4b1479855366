"""The published question bank: a plain snapshot of the questions an assessment is asked from.

A bank is a dict stored on FrameworkVersion.bank:

    {"areas": [{"id": ..., "slug": ..., "name": ...}, ...],
     "questions": [{"id": 12, "area": "staying-safe", "kind": "confidence" | "knowledge",
                    "text": ..., "hint": ..., "explanation": ..., "quick": bool,
                    "options": [{"id": "40", "text": ..., "correct": bool}, ...]}, ...]}

Knowledge questions end with the "I'm not sure" option; confidence statements carry no
options because they all use CONFIDENCE_SCALE. Answers are strings: an option id, "not-sure",
or "0"–"3" for a confidence statement.

When editors have translated the words, the bank also carries them, each only while it is
up to date with the English it translates and not blank:

    "translations": {"ur": {"areas": {"staying-safe": {"name": ...}},
                            "questions": {"12": {"text": ..., "hint": ..., "explanation": ...,
                                                 "options": {"40": ...}}}}, ...}

`localised_bank` lays them over the English for a reader, text by text. Ids, options, right
answers and order never change with the language, so an assessment taken in Urdu is asked
and scored exactly as in English, and its result can be read in any language.
"""

from collections.abc import Iterable

from django.utils.translation import gettext, gettext_noop

CONFIDENCE = "confidence"
KNOWLEDGE = "knowledge"
NOT_SURE = "not-sure"
# Stored in English in every published bank (publishing compares banks, so they must not
# depend on the editor's language); `answer_text` shows it in the reader's language.
NOT_SURE_TEXT = gettext_noop("I'm not sure")
CONFIDENCE_VALUES = ("0", "1", "2", "3")


TRANSLATED_QUESTION_TEXTS = ("text", "hint", "explanation")


def snapshot(areas: Iterable, questions: Iterable) -> dict:
    """The bank for these areas and active questions (each with `.options.all()` and
    `.translations.all()`), in order. A bank with no translations has no "translations"."""
    areas = list(areas)
    questions = [question for question in questions if question.is_active]
    bank = {
        "areas": [{"id": area.pk, "slug": area.slug, "name": area.name} for area in areas],
        "questions": [question_snapshot(question) for question in questions],
    }
    translations = translations_snapshot(areas, questions)
    if translations:
        bank["translations"] = translations
    return bank


def sorted_options(question) -> list:
    return sorted(question.options.all(), key=lambda option: (option.sort_order or 0, option.pk))


def question_snapshot(question) -> dict:
    options = []
    if question.kind == KNOWLEDGE:
        options = [
            {"id": str(option.pk), "text": option.text, "correct": option.is_correct}
            for option in sorted_options(question)
        ]
        options.append({"id": NOT_SURE, "text": NOT_SURE_TEXT, "correct": False})
    return {
        "id": question.pk,
        "area": question.area.slug,
        "kind": question.kind,
        "text": question.text,
        "hint": question.hint,
        "explanation": question.explanation,
        "quick": question.in_quick_version,
        "options": options,
    }


def translations_snapshot(areas: list, questions: list) -> dict:
    """{language: {"areas": ..., "questions": ...}} of the up-to-date, non-blank translations."""
    translations: dict[str, dict] = {}

    def add(language: str, kind: str, key: str, texts: dict) -> None:
        if texts:
            translations.setdefault(language, {}).setdefault(kind, {})[key] = texts

    for area in areas:
        for translation in _translations_of(area):
            add(translation.language, "areas", area.slug, _present({"name": translation.up_to_date("name", area.name)}))
    for question in questions:
        options = sorted_options(question) if question.kind == KNOWLEDGE else []
        for translation in _translations_of(question):
            texts = _present(
                {field: translation.up_to_date(field, getattr(question, field)) for field in TRANSLATED_QUESTION_TEXTS}
            )
            answers = _present(
                {
                    str(option.pk): translation.up_to_date("options", option.text, key=str(option.pk))
                    for option in options
                }
            )
            if answers:
                texts["options"] = answers
            add(translation.language, "questions", str(question.pk), texts)
    return translations


def _translations_of(obj) -> list:
    # The first bank is published by a migration, whose models have no translations yet.
    return list(obj.translations.all()) if hasattr(obj, "translations") else []


def _present(texts: dict) -> dict:
    return {key: text for key, text in texts.items() if text}


def localised_bank(bank: dict, language: str) -> dict:
    """The bank with its words in `language` wherever the bank carries a translation, and in
    English wherever it does not, text by text. Everything else (ids, options, right answers,
    order) is the bank's own, so answers and scores do not depend on the language."""
    overlay = bank.get("translations", {}).get(language)
    if not overlay:
        return bank
    areas, questions = overlay.get("areas", {}), overlay.get("questions", {})
    return {
        **bank,
        "areas": [{**area, "name": areas.get(area["slug"], {}).get("name") or area["name"]} for area in bank["areas"]],
        "questions": [
            _localised_question(question, questions.get(str(question["id"]), {})) for question in bank["questions"]
        ],
    }


def _localised_question(question: dict, texts: dict) -> dict:
    answers = texts.get("options", {})
    return {
        **question,
        **{field: texts.get(field) or question[field] for field in TRANSLATED_QUESTION_TEXTS},
        "options": [{**option, "text": answers.get(option["id"]) or option["text"]} for option in question["options"]],
    }


def answer_text(option: dict) -> str:
    """An answer's words for the reader: as the editor wrote them, or "I'm not sure" translated."""
    return gettext(NOT_SURE_TEXT) if option["id"] == NOT_SURE else option["text"]


def questions_for(bank: dict, quick: bool = False) -> list[dict]:
    """The questions asked in the full or the quick version, in bank order."""
    return [question for question in bank.get("questions", []) if question["quick"] or not quick]


def questions_by_area(bank: dict, quick: bool = False, areas: list[str] | None = None) -> list[tuple[dict, list[dict]]]:
    """[(area, [question, ...]), ...] in area order, skipping areas with no questions, and
    any area not in `areas` (slugs) when given."""
    questions = questions_for(bank, quick)
    grouped = []
    for area in bank.get("areas", []):
        if areas is not None and area["slug"] not in areas:
            continue
        in_area = [question for question in questions if question["area"] == area["slug"]]
        if in_area:
            grouped.append((area, in_area))
    return grouped


def valid_answers(question: dict) -> tuple[str, ...]:
    if question["kind"] == CONFIDENCE:
        return CONFIDENCE_VALUES
    return tuple(option["id"] for option in question["options"])


def bank_problems(bank: dict) -> list[str]:
    """Why this bank cannot be published, in words an editor can act on; empty if it can."""
    problems = []
    questions = bank.get("questions", [])
    # Whole sentences for each kind of question, so that translators can word each one.
    missing = {
        CONFIDENCE: gettext_noop("%(area)s needs at least one active confidence statement."),
        KNOWLEDGE: gettext_noop("%(area)s needs at least one active knowledge question."),
    }
    not_one_quick = {
        CONFIDENCE: gettext_noop("%(area)s needs exactly one confidence statement marked for the quick version."),
        KNOWLEDGE: gettext_noop("%(area)s needs exactly one knowledge question marked for the quick version."),
    }
    for area in bank.get("areas", []):
        in_area = [question for question in questions if question["area"] == area["slug"]]
        for kind in (CONFIDENCE, KNOWLEDGE):
            of_kind = [question for question in in_area if question["kind"] == kind]
            if not of_kind:
                problems.append(gettext(missing[kind]) % {"area": area["name"]})
            if len([question for question in of_kind if question["quick"]]) != 1:
                problems.append(gettext(not_one_quick[kind]) % {"area": area["name"]})
    for question in questions:
        if question["kind"] != KNOWLEDGE:
            continue
        text = {"question": question["text"]}
        correct = [option for option in question["options"] if option["correct"]]
        if len(correct) != 1:
            problems.append(gettext('"%(question)s" needs exactly one right answer.') % text)
        if len(question["options"]) < 3:
            problems.append(gettext('"%(question)s" needs at least two answers to choose from.') % text)
        if not question["explanation"].strip():
            problems.append(gettext('"%(question)s" needs an explanation of the right answer.') % text)
    return problems
