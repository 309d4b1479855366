"""Helpers that take the assessment through the test client, as a form-filling person would."""

from django.urls import reverse

from skills.bank import NOT_SURE, questions_by_area


def url(kind: str, step: str, *args) -> str:
    prefix = {"quick": "skills_quick_", "focused": "skills_focused_"}.get(kind, "skills_")
    return reverse(f"{prefix}{step}", args=args)


def area_answers(questions, confidence="3", knowledge="right") -> dict:
    data = {}
    for question in questions:
        name = f"question_{question['id']}"
        if question["kind"] == "confidence":
            data[name] = confidence
        elif knowledge == "right":
            data[name] = next(option["id"] for option in question["options"] if option["correct"])
        elif knowledge == "wrong":
            data[name] = next(option["id"] for option in question["options"] if not option["correct"])
        else:
            data[name] = NOT_SURE
    return data


def take_assessment(client, bank, kind="full", confidence="3", knowledge="right", context=None):
    """Answer every screen and submit; returns the final response (a redirect to the result)."""
    client.post(url(kind, "assessment"), context or {})
    for number, (_, questions) in enumerate(questions_by_area(bank, quick=kind == "quick"), start=1):
        client.post(url(kind, "assessment_area", number), area_answers(questions, confidence, knowledge))
    return client.post(url(kind, "assessment_check"))


def take_focused_recheck(client, bank, areas: list[str], confidence="3", knowledge="right"):
    """Start a focused re-check of `areas` (slugs), answer its screens and submit; returns
    the final response."""
    client.post(f"{url('focused', 'assessment')}?areas={','.join(areas)}")
    asked = questions_by_area(bank, areas=areas)
    for number, (_, questions) in enumerate(asked, start=1):
        client.post(url("focused", "assessment_area", number), area_answers(questions, confidence, knowledge))
    return client.post(url("focused", "assessment_check"))
