"""Whole pages are cached for anonymous visitors and dropped when what they show changes."""

import pytest

from home.factories import StandardPageFactory
from home.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_anonymous_page_is_served_from_cache(client, home_page, django_assert_num_queries):
    page = StandardPageFactory(parent=home_page, title="Cached")
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get(page.url)
    assert response["X-Page-Cache"] == "hit"
    assert b"Cached" in response.content


def test_publishing_a_page_retires_the_cached_copy(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Before")
    client.get(page.url)
    page.title = "After"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Page-Cache"] == "miss"
    assert b"After" in response.content


def test_a_deploy_with_new_static_files_retires_cached_pages(client, home_page, monkeypatch):
    storage = type("ManifestStorage", (), {"manifest_hash": "before"})()
    monkeypatch.setattr("portal.cache.staticfiles_storage", storage)
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    storage.manifest_hash = "after"
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_saving_site_settings_retires_cached_pages(client, home_page):
    client.get("/")
    settings = SiteSettings.load()
    settings.contact_email = "new@example.org"
    settings.save()
    response = client.get("/")
    assert b"new@example.org" in response.content


def test_signed_in_pages_are_never_cached(client, home_page, user):
    client.force_login(user)
    client.get("/")
    response = client.get("/")
    assert "X-Page-Cache" not in response
    client.logout()
    assert b"Sign out" not in client.get("/").content


def test_pages_that_set_cookies_are_not_cached(client, home_page):
    client.get("/accounts/login/")
    response = client.get("/accounts/login/")
    assert "X-Page-Cache" not in response


def test_private_paths_are_never_cached(client, home_page):
    client.get("/healthz")
    assert "X-Page-Cache" not in client.get("/healthz")


def test_listings_are_shared_with_signed_in_people_until_content_changes(client, home_page, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.factories import NewsIndexPageFactory, NewsPageFactory

    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="First story")
    client.force_login(user)
    with CaptureQueriesContext(connection) as first:
        assert "First story" in client.get(news.url).text
    with CaptureQueriesContext(connection) as second:
        assert "First story" in client.get(news.url).text
    assert len(second) < len(first)  # the listing came from the cache

    story = NewsPageFactory(parent=news, title="Second story", live=False)
    story.save_revision().publish()
    html = client.get(news.url).text
    assert "Second story" in html
    assert "Sign out" in html  # the header around the shared listing is still the person's own
