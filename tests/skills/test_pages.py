"""The public skills pages and the demo data generator."""

import io

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import Ward
from skills.models import AreaResult, Assessment, Resource

pytestmark = pytest.mark.django_db


def test_landing_explains_and_starts_the_assessment(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = client.get(reverse("skills_landing"))
    assert "Check your AI skills" in page.text
    assert reverse("skills_assessment") in page.text
    assert reverse("skills_quick_assessment") in page.text
    assert "Staying safe" in page.text


def test_framework_shows_what_each_level_means_in_each_area(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = client.get(reverse("skills_framework"))
    assert page.text.count("What each level looks like in") == 6
    assert "Champion" in page.text
    assert "AI-ready" in page.text


def test_load_demo_makes_about_600_demo_assessments_across_wards_once(home_page):
    # The skills part of load_demo alone: the dashboard's demo tops the data up later.
    from skills.demo import build

    build(io.StringIO())
    demo = Assessment.objects.filter(is_demo=True)
    count = demo.count()

    assert 590 <= count <= 610
    assert demo.values("ward").distinct().count() >= Ward.objects.count()
    oldest = demo.order_by("completed_at").first().completed_at
    assert (timezone.now() - oldest).days > 365
    assert AreaResult.objects.filter(assessment__is_demo=True).count() == count * 6
    levels = dict(demo.values_list("overall_level").annotate(n=Count("id")))
    assert all(levels.get(level, 0) > 0 for level in range(4))
    assert Resource.objects.exists()

    build(io.StringIO())
    assert Assessment.objects.filter(is_demo=True).count() == count


def test_editing_an_area_retires_the_cached_framework_page(client, settings):
    from skills.models import AreaLevelDescription

    settings.PAGE_CACHE_SECONDS = 600
    assert client.get(reverse("skills_framework"))["X-Page-Cache"] == "miss"
    assert client.get(reverse("skills_framework"))["X-Page-Cache"] == "hit"

    description = AreaLevelDescription.objects.get(area__slug="staying-safe", level=2)
    description.description = "You never paste customer details into a chatbot."
    description.save()

    response = client.get(reverse("skills_framework"))
    assert response["X-Page-Cache"] == "miss"
    assert "You never paste customer details into a chatbot." in response.text


def test_assessment_screens_are_never_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    for path in (reverse("skills_assessment"), reverse("skills_quick_assessment")):
        assert "X-Page-Cache" not in client.get(path)


@pytest.mark.parametrize("path", ["/skills/", "/skills/framework/", "/skills/assessment/"])
def test_skills_pages_describe_themselves_to_search_engines(client, path):
    html = client.get(path).text
    assert html.count('<meta name="description"') == 1
