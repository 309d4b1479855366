"""Helpers that take the adoption check through the test client, as a form-filling person would."""

from django.urls import reverse

from business.bank import questions_by_dimension
from business.models import CheckVersion


def latest_bank() -> dict:
    return CheckVersion.objects.order_by("-number").first().bank


def dimension_answers(questions, pick="last") -> dict:
    """Form data answering each question with its first or last option (every option for
    "choose all that apply" when pick is "all")."""
    data = {}
    for question in questions:
        ids = [option["id"] for option in question["options"]]
        name = f"question_{question['id']}"
        if question["kind"] == "multiple":
            data[name] = ids if pick == "all" else [ids[0]]
        else:
            data[name] = ids[0] if pick == "first" else ids[-1]
    return data


def take_check(client, pick="last", context=None, bank=None):
    """Answer every screen and submit; returns the final response (a redirect to the result)."""
    client.post(reverse("business_check"), context or {})
    for number, (_, questions) in enumerate(questions_by_dimension(bank or latest_bank()), start=1):
        client.post(reverse("business_check_dimension", args=[number]), dimension_answers(questions, pick))
    return client.post(reverse("business_check_answers"))
