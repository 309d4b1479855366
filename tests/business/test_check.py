"""The adoption check through the test client: screens, bad input, saving, claiming,
versions, who may see a result, progress, the staff profile and the challenge handover."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState

from business.bank import bank_problems, questions_by_dimension
from business.journey import SESSION_KEY
from business.models import BusinessCheck, CheckOption, CheckQuestion, CheckVersion, DimensionResult
from business.publishing import current_bank, publish_check
from portal.accounts.factories import PASSWORD, MembershipFactory, OrganisationFactory, StaffFactory, UserFactory
from portal.accounts.models import Role
from projects.factories import ChallengeIndexPageFactory, ProjectIndexPageFactory
from projects.models import ChallengePage
from skills.bank import questions_by_area
from skills.models import Assessment, FrameworkVersion
from tests.skills.journeys import area_answers

from .factories import BusinessCheckFactory
from .journeys import dimension_answers, latest_bank, take_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexes(home_page):
    return ChallengeIndexPageFactory(parent=home_page), ProjectIndexPageFactory(parent=home_page)


CHALLENGE_REST = {
    "title": "Answer customer emails faster",
    "introduction": "A small bakery wants help replying to orders.",
    "theme": "local-economy",
    "beneficiaries": "Our customers",
    "success": "Replies within a day",
    "personal_data": "no",
    "results_ownership": "Shared",
    "timescale": "Six weeks",
}


def first_screen_questions():
    return questions_by_dimension(latest_bank())[0][1]


def test_the_whole_check_saves_one_result_with_a_stage_per_dimension(client, home_page):
    response = take_check(client, pick="first")
    check = BusinessCheck.objects.get()
    assert response.url == reverse("business_results", args=[check.uuid])
    assert DimensionResult.objects.filter(check_result=check).count() == 6
    assert check.overall_stage == 0 and not check.uses_ai and not check.has_ai_policy
    assert check.user is None and check.version.number == 1
    assert SESSION_KEY not in client.session
    page = client.get(response.url)
    assert page.status_code == 200
    assert page.text.count("<h1") == 1
    assert "Turn this into a challenge for students" in page.text


def test_the_highest_answers_embed_ai_with_a_policy(client, home_page):
    take_check(client, pick="last")
    check = BusinessCheck.objects.get()
    assert check.overall_stage == 3 and check.uses_ai and check.has_ai_policy


def test_an_empty_screen_says_what_to_answer_beside_each_question_and_saves_nothing(client, home_page):
    client.post(reverse("business_check"), {})
    response = client.post(reverse("business_check_dimension", args=[1]), {})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    for question in first_screen_questions():
        assert question["text"].rstrip("?") in response.text
        assert f'id="id_question_{question["id"]}-error"' in response.text
    assert client.session[SESSION_KEY]["answers"] == {}
    assert not BusinessCheck.objects.exists()


def test_an_answer_that_is_not_offered_is_refused(client, home_page):
    client.post(reverse("business_check"), {})
    data = dimension_answers(first_screen_questions())
    data[next(iter(data))] = "999999"
    response = client.post(reverse("business_check_dimension", args=[1]), data)
    assert response.status_code == 200
    assert "That answer is not one of the options" in response.text
    assert client.session[SESSION_KEY]["answers"] == {}


def test_bad_context_is_refused_beside_the_field(client, home_page):
    response = client.post(reverse("business_check"), {"sector": "Z", "size_band": "huge"})
    assert response.status_code == 200
    assert response.text.count("Choose one of the options") >= 2
    assert SESSION_KEY not in client.session or not client.session[SESSION_KEY]["context"]


def test_going_back_and_refreshing_keep_answers(client, home_page):
    client.post(reverse("business_check"), {"sector": "I", "size_band": "0-9"})
    questions = first_screen_questions()
    data = dimension_answers(questions)
    client.post(reverse("business_check_dimension", args=[1]), data)
    again = client.get(reverse("business_check_dimension", args=[1]))
    single = next(q for q in questions if q["kind"] == "single")
    chosen = data[f"question_{single['id']}"]
    assert f'value="{chosen}" checked' in again.text
    # Back from screen two keeps a valid half-finished answer there.
    second = questions_by_dimension(latest_bank())[1][1]
    partial = dict(list(dimension_answers(second).items())[:1])
    response = client.post(reverse("business_check_dimension", args=[2]), {**partial, "back": "1"})
    assert response.url == reverse("business_check_dimension", args=[1])
    assert set(client.session[SESSION_KEY]["answers"]) >= {str(q["id"]) for q in questions} | {
        name.removeprefix("question_") for name in partial
    }
    assert client.session[SESSION_KEY]["context"]["sector"] == "I"


def test_check_your_answers_sends_you_back_to_a_screen_with_questions_left(client, home_page):
    client.post(reverse("business_check"), {})
    client.post(reverse("business_check_dimension", args=[1]), dimension_answers(first_screen_questions()))
    response = client.get(reverse("business_check_answers"))
    assert response.url == reverse("business_check_dimension", args=[2])
    assert client.post(reverse("business_check_answers")).url == reverse("business_check_dimension", args=[2])
    assert not BusinessCheck.objects.exists()


def test_submitting_takes_at_most_ten_queries(client, home_page, django_assert_max_num_queries):
    client.post(reverse("business_check"), {})
    for number, (_, questions) in enumerate(questions_by_dimension(latest_bank()), start=1):
        client.post(reverse("business_check_dimension", args=[number]), dimension_answers(questions))
    with django_assert_max_num_queries(10):
        response = client.post(reverse("business_check_answers"))
    assert response.status_code == 302


def test_signing_in_claims_a_result_taken_signed_out(client, home_page, user):
    take_check(client)
    check = BusinessCheck.objects.get()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    check.refresh_from_db()
    assert check.user == user


# Versions


def test_editing_a_published_question_never_changes_a_result(client, home_page):
    take_check(client, pick="last")
    check = BusinessCheck.objects.get()
    before = (check.overall_stage, list(check.dimension_results.values_list("stage", flat=True)), check.version.bank)
    CheckOption.objects.filter(question__dimension__slug="governance").update(points=0, signal="")
    CheckQuestion.objects.filter(dimension__slug="current-use").update(text="Changed words")
    with pytest.raises(Exception) as problems:
        publish_check()
    assert "Governance and risk" in str(problems.value)
    CheckOption.objects.filter(question__dimension__slug="governance").update(points=3)
    CheckOption.objects.filter(text="Yes, a written policy staff know about").update(signal="written-policy")
    CheckOption.objects.filter(text="Always, before the decision takes effect").update(signal="human-oversight")
    assert bank_problems(current_bank()) == []
    version = publish_check("Reworded")
    assert version.number == 2 and publish_check() == version  # unchanged: no new version
    check.refresh_from_db()
    assert (
        check.overall_stage,
        list(check.dimension_results.values_list("stage", flat=True)),
        check.version.bank,
    ) == before
    assert client.get(reverse("business_results", args=[check.uuid])).status_code == 200
    assert "Changed words" not in client.get(reverse("business_check_answers")).text


def test_a_journey_started_on_one_version_finishes_on_it(client, home_page):
    client.post(reverse("business_check"), {})
    CheckQuestion.objects.filter(dimension__slug="plans").update(text="New plans question")
    publish_check()
    bank = CheckVersion.objects.get(number=1).bank
    for number, (_, questions) in enumerate(questions_by_dimension(bank), start=1):
        client.post(reverse("business_check_dimension", args=[number]), dimension_answers(questions))
    client.post(reverse("business_check_answers"))
    assert BusinessCheck.objects.get().version.number == 1


# Who may see a result


@pytest.fixture
def organisation_check(db):
    owner = MembershipFactory().user
    organisation = owner.memberships.get().organisation
    check = BusinessCheckFactory(user=owner, organisation=organisation)
    return check


def result_status(client, check, user=None) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(reverse("business_results", args=[check.uuid])).status_code


def test_the_owner_and_confirmed_members_see_a_result_and_nobody_else(client, home_page, organisation_check):
    check = organisation_check
    colleague = MembershipFactory(organisation=check.organisation).user
    unconfirmed = MembershipFactory(organisation=check.organisation, is_confirmed=False).user
    other_member = MembershipFactory().user
    editor = StaffFactory(groups=["Editors"])
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert result_status(client, check) == 404
    assert result_status(client, check, check.user) == 200
    assert result_status(client, check, colleague) == 200
    assert result_status(client, check, unconfirmed) == 404
    assert result_status(client, check, other_member) == 404
    assert result_status(client, check, editor) == 404
    assert result_status(client, check, superuser) == 404


def test_a_result_taken_for_no_organisation_is_the_owners_alone(client, home_page):
    check = BusinessCheckFactory(user=UserFactory())
    assert result_status(client, check, check.user) == 200
    assert result_status(client, check, UserFactory()) == 404


def test_a_signed_out_result_is_for_the_browser_that_made_it(client, home_page, django_assert_max_num_queries):
    response = take_check(client)
    with django_assert_max_num_queries(12):
        assert client.get(response.url).status_code == 200
    client.cookies.clear()
    assert client.get(response.url).status_code == 404


def test_the_result_page_stays_within_its_query_budget_signed_in(
    client, home_page, organisation_check, django_assert_max_num_queries
):
    client.force_login(organisation_check.user)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("business_results", args=[organisation_check.uuid])).status_code == 200


def test_only_a_confirmed_member_can_link_a_check_to_an_organisation(client, home_page):
    member = MembershipFactory(is_confirmed=False).user
    organisation = member.memberships.get().organisation
    client.force_login(member)
    response = client.post(reverse("business_check"), {"organisation": organisation.pk})
    assert response.status_code == 302  # the field is not offered, so the choice is ignored
    take_check(client)
    assert BusinessCheck.objects.get().organisation is None


def test_a_confirmed_member_checks_for_their_organisation(client, home_page):
    member = MembershipFactory().user
    organisation = member.memberships.get().organisation
    client.force_login(member)
    take_check(client, context={"organisation": organisation.pk, "sector": "Q", "size_band": "10-49"})
    check = BusinessCheck.objects.get()
    assert (check.organisation, check.sector, check.size_band) == (organisation, "Q", "10-49")


# Progress and the staff profile


def test_progress_and_team_ask_anonymous_people_to_sign_in(client, home_page):
    for name in ("business_progress", "business_team"):
        assert client.get(reverse(name)).url.startswith("/accounts/login/")


def test_progress_shows_the_organisations_checks_to_members_only(client, home_page, organisation_check):
    colleague = MembershipFactory(organisation=organisation_check.organisation).user
    client.force_login(colleague)
    response = client.get(reverse("business_progress"))
    assert str(organisation_check.uuid) in response.text
    client.force_login(MembershipFactory().user)
    assert str(organisation_check.uuid) not in client.get(reverse("business_progress")).text
    client.force_login(MembershipFactory(organisation=organisation_check.organisation, is_confirmed=False).user)
    assert str(organisation_check.uuid) not in client.get(reverse("business_progress")).text


def take_staff_check(client, organisation, count_for_employer=True):
    """A member of staff takes the skills check through their employer's link, signed out."""
    client.logout()
    client.cookies.clear()
    bank = FrameworkVersion.objects.order_by("-number").first().bank
    start = f"{reverse('skills_assessment')}?org={organisation.staff_code}"
    client.post(start, {"count_for_employer": "on"} if count_for_employer else {})
    for number, (_, questions) in enumerate(questions_by_area(bank), start=1):
        client.post(reverse("skills_assessment_area", args=[number]), area_answers(questions))
    return client.post(reverse("skills_assessment_check"))


def test_the_employers_link_offers_to_count_the_result_and_counts_only_when_ticked(client, home_page):
    organisation = OrganisationFactory()
    page = client.get(f"{reverse('skills_assessment')}?org={organisation.staff_code}")
    assert organisation.name in page.text and 'name="count_for_employer"' in page.text
    take_staff_check(client, organisation)
    take_staff_check(client, organisation, count_for_employer=False)
    assert [a.employer for a in Assessment.objects.order_by("completed_at", "pk")] == [organisation, None]
    unknown = client.get(f"{reverse('skills_assessment')}?org=not-a-code")
    assert 'name="count_for_employer"' not in unknown.text
    assert "no longer valid" in unknown.text


def test_the_team_profile_is_withheld_below_five_people_and_never_names_anyone(client, home_page):
    member = MembershipFactory().user
    organisation = member.memberships.get().organisation
    manager = Client()  # the member's own browser: signing in there claims none of the staff's results
    manager.force_login(member)
    for _ in range(4):
        take_staff_check(client, organisation)
    response = manager.get(reverse("business_team"))
    assert "Fewer than 5 people" in response.text
    assert organisation.staff_code in response.text
    assert "<table" not in response.text
    take_staff_check(client, organisation)
    response = manager.get(reverse("business_team"))
    assert "(5 people)" in response.text and "<table" in response.text
    assert "Fewer than 5 people" not in response.text


def test_a_person_counts_once_by_their_latest_result(client, home_page):
    from business.team import latest_assessment_ids

    organisation = OrganisationFactory()
    person = UserFactory()
    for _ in range(3):
        take_staff_check(client, organisation)
    Assessment.objects.update(user=person)
    take_staff_check(client, organisation)  # signed out: a person of their own
    latest = latest_assessment_ids(organisation)
    assert len(latest) == 2
    assert Assessment.objects.filter(user=person).order_by("-completed_at", "-pk").first().pk in latest


def test_the_team_profile_shows_nothing_of_another_organisation(client, home_page):
    organisation = OrganisationFactory()
    for _ in range(5):
        take_staff_check(client, organisation)
    client.force_login(MembershipFactory().user)
    assert organisation.name not in client.get(reverse("business_team")).text
    client.force_login(MembershipFactory(organisation=organisation, is_confirmed=False).user)
    response = client.get(reverse("business_team"))
    assert organisation.staff_code not in response.text and "<table" not in response.text


# From an opportunity to a challenge


def test_an_opportunity_becomes_a_challenge_draft_that_enters_review(client, home_page, indexes, organisation_check):
    member = organisation_check.user
    bank = latest_bank()
    opportunities = questions_by_dimension(bank)[1][1]
    organisation_check.answers = {
        str(q["id"]): [q["options"][0]["id"], q["options"][2]["id"]]
        if q["kind"] == "multiple"
        else q["options"][1]["id"]
        for _, questions in questions_by_dimension(bank)
        for q in questions
    }
    organisation_check.save()
    client.force_login(member)
    response = client.post(reverse("business_challenge", args=[organisation_check.uuid]))
    assert response.url == reverse("projects:challenge_submit")
    form = client.get(response.url)
    assert "Customer service, Admin and finance" in form.text
    assert opportunities[0]["text"] in form.text
    draft = client.session["challenge_draft"]
    sent = client.post(
        response.url, {**CHALLENGE_REST, "problem": draft["problem"], "data_available": draft["data_available"]}
    )
    assert sent.status_code == 302, sent.context["form"].errors if sent.context else sent
    challenge = ChallengePage.objects.get()
    assert "Customer service" in challenge.problem
    assert challenge.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "challenge_draft" not in client.session


def test_the_handover_is_for_people_who_may_see_the_result_and_post_challenges(
    client, home_page, indexes, organisation_check
):
    url = reverse("business_challenge", args=[organisation_check.uuid])
    assert client.post(url).url.startswith("/accounts/login/")
    client.force_login(MembershipFactory().user)
    assert client.post(url).status_code == 404
    resident = UserFactory(role=Role.RESIDENT)
    mine = BusinessCheckFactory(user=resident)
    client.force_login(resident)
    refused = client.post(reverse("business_challenge", args=[mine.uuid]))
    assert refused.status_code == 403 and "Business or organisation" in refused.text
    assert "challenge_draft" not in client.session
    assert client.get(url).status_code == 405


def test_business_pages_stay_within_their_query_budgets(
    client, home_page, organisation_check, django_assert_max_num_queries
):
    from business.models import BusinessPage

    home_page.add_child(instance=BusinessPage(title="AI for Luton businesses", slug="business", introduction="Help."))
    client.get("/")  # the site's settings are made on the first request to any page
    for path in ("/business/", reverse("business_check")):
        with django_assert_max_num_queries(12):
            assert client.get(path).status_code == 200
    client.post(reverse("business_check"), {})
    with django_assert_max_num_queries(12):
        assert client.get(reverse("business_check_dimension", args=[1])).status_code == 200
    member = MembershipFactory(organisation=organisation_check.organisation).user
    client.force_login(member)
    for path in ("/business/", reverse("business_check"), reverse("business_progress"), reverse("business_team")):
        with django_assert_max_num_queries(16):
            assert client.get(path).status_code == 200
