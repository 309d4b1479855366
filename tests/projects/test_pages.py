import pytest
from wagtail.test.utils import WagtailTestUtils  # noqa: F401

from home.models import HomePage
from projects.factories import ChallengePageFactory, ProjectPageFactory
from projects.models import ChallengeIndexPage, ChallengePage, ChallengeStatus, ProjectIndexPage, ProjectPage, Stage
from skills.models import Area

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert ChallengeIndexPage.parent_page_types == ["home.HomePage"]
    assert ChallengePage.parent_page_types == ["projects.ChallengeIndexPage"]
    assert ProjectPage.parent_page_types == ["projects.ProjectIndexPage"]
    assert ProjectIndexPage.can_create_at(HomePage())


def test_challenge_listing_filters_by_status_theme_and_area(client, indexes):
    safety = (
        Area.objects.get(slug="staying-safe")
        if Area.objects.filter(slug="staying-safe").exists()
        else Area.objects.first()
    )
    ChallengePageFactory(title="Open health one", theme="health", areas=[safety])
    ChallengePageFactory(title="Closed economy one", status=ChallengeStatus.CLOSED)
    response = client.get("/challenges/", {"status": "open", "theme": "health", "area": safety.slug})
    assert "Open health one" in response.text
    assert "Closed economy one" not in response.text
    response = client.get("/challenges/", {"status": "closed"})
    assert "Closed economy one" in response.text and "Open health one" not in response.text


def test_challenge_listing_ignores_unknown_filter_values(client, indexes):
    ChallengePageFactory(title="Still listed")
    assert "Still listed" in client.get("/challenges/", {"theme": "<script>"}).text


def test_challenge_listing_queries_are_bounded(client, indexes, django_assert_max_num_queries):
    areas = list(Area.objects.all()[:2])
    for _ in range(15):
        ChallengePageFactory(areas=areas)
    # Warm the site-wide caches first, as on a running site; the count does not grow with the items.
    client.get("/challenges/")
    with django_assert_max_num_queries(12):
        response = client.get("/challenges/")
    assert response.status_code == 200
    assert response.text.count("portal-card__title") == 12


def test_project_listing_filters_by_area_stage_and_challenge(client, indexes):
    area = Area.objects.first()
    challenge = ChallengePageFactory()
    ProjectPageFactory(title="Pilot answer", stage=Stage.PILOT, challenge=challenge, areas=[area])
    ProjectPageFactory(title="Just an idea", stage=Stage.IDEA)
    response = client.get("/projects/", {"stage": "pilot", "area": area.slug, "challenge": challenge.pk})
    assert "Pilot answer" in response.text and "Just an idea" not in response.text


def test_project_listing_queries_are_bounded(client, indexes, django_assert_max_num_queries):
    areas = list(Area.objects.all()[:2])
    challenge = ChallengePageFactory()
    for _ in range(14):
        ProjectPageFactory(areas=areas, challenge=challenge)
    client.get("/projects/")
    with django_assert_max_num_queries(13):
        response = client.get("/projects/")
    assert response.status_code == 200


def test_challenge_names_organisation_only_once_confirmed(client, indexes):
    challenge = ChallengePageFactory()
    challenge.organisation.is_confirmed = False
    challenge.organisation.save()
    assert challenge.organisation.name not in client.get(challenge.url).text
    challenge.organisation.is_confirmed = True
    challenge.organisation.save()
    assert challenge.organisation.name in client.get(challenge.url).text


def test_challenge_page_shows_readiness_check_and_answering_projects(client, indexes, django_assert_max_num_queries):
    challenge = ChallengePageFactory(personal_data="yes", ethics_concerns="Data about food bank visitors.")
    ProjectPageFactory(title="Our answer", challenge=challenge)
    client.get(challenge.url)
    with django_assert_max_num_queries(12):
        response = client.get(challenge.url)
    assert "Data about food bank visitors." in response.text
    assert "Includes personal data" in response.text
    assert "Our answer" in response.text


def test_a_challenge_without_ethics_concerns_says_none_were_stated(client, indexes):
    response = client.get(ChallengePageFactory(ethics_concerns="").url)
    assert 'Ethics concerns</dt><dd class="govuk-summary-list__value">None stated</dd>' in response.text


def test_project_page_shows_team_and_responsible_ai_summary(client, indexes, student):
    project = ProjectPageFactory(team_members=[student], team_names="Amina Khan, Tom Price")
    response = client.get(project.url)
    assert student.display_name in response.text and "Tom Price" in response.text
    assert "How people stay in control" in response.text
    assert "Staff decide; the forecast only suggests." in response.text


def test_challenges_and_projects_are_in_search_sitemap_and_api(client, indexes):
    from django.test import override_settings

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}):
        challenge = ChallengePageFactory(title="Forecast food bank demand")
        project = ProjectPageFactory(title="Bread forecast dashboard")
        challenge.save_revision().publish()
        project.save_revision().publish()
    results = client.get("/search/", {"q": "forecast"}).text
    assert "Forecast food bank demand" in results and "Bread forecast dashboard" in results
    sitemap = client.get("/sitemap.xml").text
    assert challenge.url in sitemap and project.url in sitemap
    response = client.get("/api/v2/pages/", {"type": "projects.ChallengePage", "fields": "status,theme,problem"})
    assert response.json()["items"][0]["status"] == "open"
    response = client.get("/api/v2/pages/", {"type": "projects.ProjectPage", "fields": "stage,risks,human_control"})
    assert response.json()["items"][0]["stage"] == "prototype"


def test_drafts_are_not_in_the_api(client, indexes):
    ChallengePageFactory(title="Secret draft", live=False)
    assert "Secret draft" not in client.get("/api/v2/pages/", {"type": "projects.ChallengePage"}).text
