"""Results, progress and the person's data: private to the owner, claimable by signing in."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail import hooks

from portal.accounts.factories import PASSWORD, UserFactory
from portal.accounts.models import Ward
from portal.accounts.personal_data import delete_account
from skills.factories import AssessmentFactory
from skills.models import Area, Assessment, Resource

from .journeys import take_assessment

pytestmark = pytest.mark.django_db


def result_url(assessment) -> str:
    return reverse("skills_results", args=[assessment.uuid])


def signed_out_result(client, bank, **kwargs) -> Assessment:
    take_assessment(client, bank, **kwargs)
    return Assessment.objects.latest("pk")


# What the results page says


def test_results_show_overall_level_each_area_and_explanations(client, bank):
    assessment = signed_out_result(client, bank, confidence="3", knowledge="wrong")

    page = client.get(result_url(assessment))

    assert page.status_code == 200
    assert "Your AI skills level: Explorer" in page.text
    assert "Reach level 2, Confident user, in all six areas to be AI-ready." in page.text
    for area in Area.objects.all():
        assert escape(area.name) in page.text
    assert 'role="img"' in page.text
    assert "Your result in figures" in page.text
    for question in bank["questions"]:
        if question["kind"] == "knowledge":
            assert escape(question["explanation"]) in page.text
    assert "The right answer is" in page.text
    assert "What to work on first" in page.text
    assert "Keep this result" in page.text


def test_a_champion_everywhere_is_pointed_to_challenges_not_to_areas(client, bank):
    page = client.get(result_url(signed_out_result(client, bank, confidence="3", knowledge="right")))
    assert "You are a Champion in every area" in page.text
    assert "where you have most to gain" not in page.text


def test_results_suggest_resources_for_the_weakest_areas(client, bank):
    safe = Area.objects.get(slug="understanding-ai")
    Resource.objects.create(title="Intro to AI", url="https://example.org/a", description="d", area=safe, max_level=1)
    Resource.objects.create(
        title="Advanced AI", url="https://example.org/b", description="d", area=safe, min_level=3, max_level=3
    )
    assessment = signed_out_result(client, bank, confidence="0", knowledge="unsure")

    page = client.get(result_url(assessment))

    assert "Intro to AI" in page.text
    assert "Advanced AI" not in page.text


def test_results_suggest_resource_pages_on_this_site(client, bank, home_page):
    from home.factories import StandardPageFactory

    guide = StandardPageFactory(parent=home_page, title="Spotting a fake", slug="spotting-a-fake")
    area = Area.objects.get(slug="understanding-ai")
    Resource.objects.create(title="Our guide", page=guide, description="d", area=area, max_level=1)
    assessment = signed_out_result(client, bank, confidence="0", knowledge="unsure")

    assert 'href="/spotting-a-fake/"' in client.get(result_url(assessment)).text


def test_a_resource_links_to_one_place_and_a_sensible_level_range():
    from django.core.exceptions import ValidationError

    area = Area.objects.first()
    with pytest.raises(ValidationError, match="not both"):
        Resource(title="Nowhere", description="d", area=area).clean()
    with pytest.raises(ValidationError, match="below the lowest"):
        Resource(title="Odd", url="https://example.org/", description="d", area=area, min_level=3, max_level=1).clean()


def test_results_show_next_steps_from_the_hook(client, bank):
    seen = {}

    def suggest(area_levels, user=None):
        seen.update(area_levels)
        return [{"title": "Scam-proof your phone", "url": "/events/x/", "description": "Drop-in", "kind": "event"}]

    assessment = signed_out_result(client, bank)
    with hooks.register_temporarily("skills_next_steps", suggest):
        page = client.get(result_url(assessment))

    assert "Scam-proof your phone" in page.text
    assert seen == {area.slug: 3 for area in Area.objects.all()}


def test_results_page_query_budget(client, user, django_assert_max_num_queries):
    assessment = AssessmentFactory(user=user, levels=[1, 2, 3, 0, 2, 1])
    client.force_login(user)
    with django_assert_max_num_queries(16):
        assert client.get(result_url(assessment)).status_code == 200


# Privacy of results


def test_signed_out_result_opens_in_the_same_browser_session_only(client, bank):
    assessment = signed_out_result(client, bank)
    assert client.get(result_url(assessment)).status_code == 200

    client.cookies.clear()
    assert client.get(result_url(assessment)).status_code == 404


def test_unclaimed_result_is_hidden_from_signed_in_strangers(client, other_user, bank):
    assessment = signed_out_result(client, bank)
    client.logout()
    client.force_login(other_user)
    assert client.get(result_url(assessment)).status_code == 404


def test_owners_result_is_hidden_from_anonymous_and_other_users(client, user, other_user):
    assessment = AssessmentFactory(user=user, levels=[2] * 6)
    assert client.get(result_url(assessment)).status_code == 404
    client.force_login(other_user)
    assert client.get(result_url(assessment)).status_code == 404
    client.force_login(user)
    page = client.get(result_url(assessment))
    assert page.status_code == 200
    assert "You are AI-ready" in page.text
    assert "Keep this result" not in page.text


def test_results_pages_are_never_cached(client, bank):
    assessment = signed_out_result(client, bank)
    assert "no-cache" in client.get(result_url(assessment))["Cache-Control"]


def test_signing_in_claims_the_result_taken_in_the_same_session(client, bank):
    user = UserFactory()
    assessment = signed_out_result(client, bank)

    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assessment.refresh_from_db()
    assert assessment.user == user
    assert client.get(result_url(assessment)).status_code == 200
    assert str(assessment.uuid) in client.get(reverse("skills_progress")).text


def test_signing_up_claims_the_result(client, bank, settings):
    assessment = signed_out_result(client, bank)
    client.post(
        reverse("account_signup"),
        {
            "display_name": "Amira",
            "email": "amira@example.org",
            "password1": "a-long-and-unusual-password",
            "password2": "a-long-and-unusual-password",
            "role": "resident",
        },
    )
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(email="amira@example.org").update(verified=True)
    client.post(reverse("account_login"), {"login": "amira@example.org", "password": "a-long-and-unusual-password"})

    assessment.refresh_from_db()
    assert assessment.user.email == "amira@example.org"


def test_another_persons_sign_in_does_not_claim_a_result_from_a_different_session(client, bank):
    assessment = signed_out_result(client, bank)
    other_browser = type(client)()
    user = UserFactory()
    other_browser.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assessment.refresh_from_db()
    assert assessment.user is None


def test_a_claimed_result_cannot_be_claimed_again(client, bank, user, other_user):
    assessment = signed_out_result(client, bank)
    Assessment.objects.filter(pk=assessment.pk).update(user=user)
    client.post(reverse("account_login"), {"login": other_user.email, "password": PASSWORD})
    assessment.refresh_from_db()
    assert assessment.user == user


# Progress


def test_progress_needs_signing_in(client):
    response = client.get(reverse("skills_progress"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_progress_lists_only_my_results_with_a_chart(client, user, other_user, django_assert_max_num_queries):
    mine = [
        AssessmentFactory(user=user, levels=[1] * 6, completed_at=timezone.now() - timezone.timedelta(days=90)),
        AssessmentFactory(user=user, levels=[2] * 6, completed_at=timezone.now() - timezone.timedelta(days=30)),
    ]
    theirs = AssessmentFactory(user=other_user, levels=[3] * 6)
    client.force_login(user)

    with django_assert_max_num_queries(14):
        page = client.get(reverse("skills_progress"))

    for assessment in mine:
        assert result_url(assessment) in page.text
    assert result_url(theirs) not in page.text
    assert page.text.count("<polyline") == 6
    assert "We suggest waiting a week" not in page.text


def test_retaking_within_a_week_gets_a_gentle_note_not_a_block(client, user, bank):
    AssessmentFactory(user=user, levels=[1] * 6)
    client.force_login(user)
    page = client.get(reverse("skills_assessment"))
    assert page.status_code == 200
    assert "We suggest waiting a week between tries" in page.text


# /me/, data export, account deletion


def test_me_lists_my_results(client, user):
    assessment = AssessmentFactory(user=user, levels=[2] * 6)
    client.force_login(user)
    page = client.get(reverse("me"))
    assert "Your AI skills" in page.text
    assert result_url(assessment) in page.text


def test_export_includes_my_results_and_answers(client, user, bank):
    client.force_login(user)
    take_assessment(client, bank)
    AssessmentFactory(user=UserFactory(), levels=[1] * 6)

    data = json.loads(client.get(reverse("account_data")).content)

    [result] = data["skills_assessments"]
    assert result["overall_level"] == 3
    assert result["language"] == "en-gb"
    assert result["areas"]["staying-safe"] == {"score": 100, "level": 3}
    assert len(result["answers"]) == 24


def test_deleting_the_account_keeps_only_anonymous_aggregates(client, user, bank):
    client.force_login(user)
    take_assessment(client, bank)
    assessment = Assessment.objects.get()
    Assessment.objects.filter(pk=assessment.pk).update(
        ward=Ward.objects.get(name="Poets"), age_band="25-34", status="in-work"
    )
    old_uuid = assessment.uuid

    delete_account(user)

    assessment.refresh_from_db()
    assert assessment.user is None
    assert assessment.answers == {}
    assert assessment.uuid != old_uuid
    assert assessment.completed_at.day == 1
    assert (assessment.ward, assessment.age_band, assessment.status) == (None, "", "")
    assert assessment.area_results.count() == 6
    assert assessment.overall_level == 3


def test_the_two_weakest_areas_come_first_to_work_on(client, user):
    assessment = AssessmentFactory(user=user, levels=[1, 2, 3, 0, 2, 1])
    client.force_login(user)
    page = client.get(result_url(assessment)).text
    focus = page[page.index("What to work on first") : page.index("Next steps")]
    assert focus.index("Staying safe") < focus.index("Understanding AI")
    assert "Creating with AI" not in focus
