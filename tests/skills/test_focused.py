"""The focused re-check: the full check's questions in one to three areas, the other areas
carried over from the person's latest result in each."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from skills.bank import questions_by_area
from skills.factories import AssessmentFactory
from skills.models import Area, AreaResult, Assessment, AssessmentKind
from skills.scoring import IncompleteAnswers, score_focused

from .journeys import area_answers, take_focused_recheck, url

pytestmark = pytest.mark.django_db

START = reverse("skills_focused_assessment")


def slugs() -> list[str]:
    return list(Area.objects.order_by("sort_order").values_list("slug", flat=True))


def test_scoring_asks_only_the_chosen_areas_and_carries_the_rest(bank):
    first, second, *others = [area["slug"] for area, _ in questions_by_area(bank)]
    questions = questions_by_area(bank, areas=[second])[0][1]
    answers = {key.removeprefix("question_"): value for key, value in area_answers(questions).items()}
    earlier = dict.fromkeys([first, *others], (40, 1))
    result = score_focused(bank, answers, [second], earlier)
    by_slug = {area.slug: area for area in result.areas}
    assert [area.slug for area in result.areas] == [first, second, *others]  # framework order
    assert by_slug[second].level == 3 and not by_slug[second].carried_over
    assert all(by_slug[slug].carried_over and by_slug[slug].level == 1 for slug in [first, *others])
    assert result.overall_level == 1 and not result.is_ai_ready


def test_scoring_refuses_an_area_with_nothing_to_carry_over(bank):
    first, second = [area["slug"] for area, _ in questions_by_area(bank)][:2]
    questions = questions_by_area(bank, areas=[first])[0][1]
    answers = {key.removeprefix("question_"): value for key, value in area_answers(questions).items()}
    with pytest.raises(IncompleteAnswers):
        score_focused(bank, answers, [first], {second: (40, 1)})


def test_a_recheck_saves_asked_areas_and_marks_the_carried_ones(client, user, bank):
    before = timezone.now() - datetime.timedelta(days=30)
    AssessmentFactory(user=user, levels=[1] * 6, completed_at=before, ward=None)
    client.force_login(user)
    response = take_focused_recheck(client, bank, ["staying-safe"])
    recheck = Assessment.objects.latest("completed_at")
    assert response.url == reverse("skills_results", args=[recheck.uuid])
    assert (recheck.kind, recheck.user, recheck.overall_level) == (AssessmentKind.FOCUSED, user, 1)
    rows = {row.area.slug: row for row in AreaResult.objects.filter(assessment=recheck).select_related("area")}
    assert len(rows) == 6
    assert rows["staying-safe"].level == 3 and not rows["staying-safe"].carried_over
    assert all(row.carried_over and row.level == 1 for slug, row in rows.items() if slug != "staying-safe")

    page = client.get(response.url).text
    assert page.count("Carried over") == 5
    assert f"your level from your check on {before:%-d %B %Y}" in page
    assert "Re-checked on" in page


def test_carrying_over_takes_each_areas_latest_real_measurement(client, user, bank):
    AssessmentFactory(user=user, levels=[1] * 6, completed_at=timezone.now() - datetime.timedelta(days=60))
    client.force_login(user)
    take_focused_recheck(client, bank, ["staying-safe"])  # staying-safe now 3
    take_focused_recheck(client, bank, ["understanding-ai"])
    latest = Assessment.objects.latest("completed_at")
    rows = {row.area.slug: row for row in latest.area_results.select_related("area")}
    assert rows["staying-safe"].level == 3 and rows["staying-safe"].carried_over
    assert rows["understanding-ai"].level == 3 and not rows["understanding-ai"].carried_over


def test_the_start_page_names_what_is_asked_and_what_carries_over(client, user, bank):
    AssessmentFactory(user=user, levels=[1] * 6)
    client.force_login(user)
    page = client.get(f"{START}?areas=staying-safe,understanding-ai")
    assert page.status_code == 200
    text = page.text
    assert "Re-check what you learned" in text
    assert "The areas the workshop covered" not in text
    assert text.count("(from ") == 4


@pytest.mark.parametrize("areas", ["", "no-such-area", "staying-safe,no-such-area"])
def test_a_link_without_valid_areas_offers_the_full_check(client, user, bank, areas):
    AssessmentFactory(user=user, levels=[1] * 6)
    client.force_login(user)
    response = client.get(f"{START}?areas={areas}")
    assert response.status_code == 302 and response.url == reverse("skills_assessment")


def test_more_than_three_areas_is_not_a_focused_recheck(client, user, bank):
    AssessmentFactory(user=user, levels=[1] * 6)
    client.force_login(user)
    response = client.get(f"{START}?areas={','.join(slugs()[:4])}")
    assert response.url == reverse("skills_assessment")


def test_without_an_earlier_result_the_full_check_comes_first(client, user, bank):
    client.force_login(user)
    response = client.get(f"{START}?areas=staying-safe", follow=True)
    assert response.redirect_chain[-1][0] == reverse("skills_assessment")
    assert "Take the full check first" in response.text


def test_a_recheck_needs_an_account(client, bank):
    for address in (
        START + "?areas=staying-safe",
        url("focused", "assessment_area", 1),
        url("focused", "assessment_check"),
    ):
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_a_missing_answer_saves_nothing(client, user, bank):
    AssessmentFactory(user=user, levels=[1] * 6)
    client.force_login(user)
    client.post(f"{START}?areas=staying-safe")
    response = client.post(url("focused", "assessment_area", 1), {})
    assert response.status_code == 200 and "There is a problem" in response.text
    assert Assessment.objects.filter(kind=AssessmentKind.FOCUSED).count() == 0


def test_someone_elses_recheck_is_not_found(client, user, other_user, bank):
    AssessmentFactory(user=user, levels=[1] * 6)
    client.force_login(user)
    take_focused_recheck(client, bank, ["staying-safe"])
    recheck = Assessment.objects.latest("completed_at")
    client.force_login(other_user)
    assert client.get(reverse("skills_results", args=[recheck.uuid])).status_code == 404
    client.logout()
    assert client.get(reverse("skills_results", args=[recheck.uuid])).status_code == 404


def test_recheck_screens_stay_within_the_query_budget(client, user, bank, django_assert_max_num_queries):
    AssessmentFactory(user=user, levels=[1] * 6)
    client.force_login(user)
    with django_assert_max_num_queries(18):
        assert client.get(f"{START}?areas=staying-safe").status_code == 200
    client.post(f"{START}?areas=staying-safe")
    questions = questions_by_area(bank, areas=["staying-safe"])[0][1]
    client.post(url("focused", "assessment_area", 1), area_answers(questions))
    # The signed-out submit's 11, the signed-in person's session and account, and no more
    # than that for the carried-over levels (one query).
    with django_assert_max_num_queries(13):
        assert client.post(url("focused", "assessment_check")).status_code == 302
