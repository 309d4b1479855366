"""Editors change the OKRs in the Wagtail admin, without a developer."""

import pytest
from django.urls import reverse

from portal.accounts.factories import StaffFactory
from skills.okrs.models import Metric, Objective
from tests.mfa import sign_in_with_code


def signed_in_staff(client, groups):
    person = StaffFactory(groups=groups)
    sign_in_with_code(client, person)
    return person


def inline_formset(prefix: str, rows: list[dict]) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0, f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000}  # fmt: skip
    for index, row in enumerate(rows):
        for key, value in {**row, "ORDER": index + 1, "DELETE": ""}.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


@pytest.mark.django_db
def test_an_editor_adds_an_objective_with_key_results(client):
    signed_in_staff(client, ["Editors"])
    url = reverse("wagtailsnippets_okrs_objective:add")
    assert client.get(url).status_code == 200
    data = {"title": "Luton businesses use AI to grow", "description": "", "period": "2025 to 2030", "sort_order": 2}
    data |= inline_formset(
        "key_results",
        [{"title": "Businesses post a challenge", "metric": Metric.BUSINESSES_WITH_CHALLENGE, "baseline": 0,
          "target": 150, "unit": "businesses", "confidence": 5, "owner": "Business growth team",
          "manual_value": "", "manual_value_date": ""}],
    )  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    objective = Objective.objects.get()
    assert objective.key_results.get().target == 150


@pytest.mark.django_db
def test_a_key_result_needs_a_target_different_from_its_baseline(client):
    signed_in_staff(client, ["Editors"])
    data = {"title": "Objective", "description": "", "period": "2025 to 2030", "sort_order": 1}
    data |= inline_formset(
        "key_results",
        [{"title": "Flat", "metric": Metric.PEOPLE_ASSESSED, "baseline": 10, "target": 10, "unit": "",
          "confidence": 5, "owner": "", "manual_value": "", "manual_value_date": ""}],
    )  # fmt: skip
    response = client.post(reverse("wagtailsnippets_okrs_objective:add"), data)
    assert response.status_code == 200
    assert "The target must differ from the baseline" in response.content.decode()
    assert not Objective.objects.exists()


@pytest.mark.django_db
def test_analysts_can_read_but_not_change_the_okrs(client):
    signed_in_staff(client, ["Analysts"])
    assert client.get(reverse("wagtailsnippets_okrs_objective:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_okrs_objective:add")).status_code in (302, 403)
