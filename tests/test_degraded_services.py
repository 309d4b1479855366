"""The portal degrades instead of failing: Redis down, the database down, error pages that cannot fail."""

import logging

import pytest
from django.core.cache.backends.locmem import LocMemCache

from portal import cache_backends
from portal.cache_backends import ResilientRedisCache

from .services import redis_server

recoveries = []


def note_recovery():
    recoveries.append(True)


def resilient_cache(url: str) -> ResilientRedisCache:
    return ResilientRedisCache(
        url, {"KEY_PREFIX": f"t{id(url)}", "OPTIONS": {"ON_RECOVERY": "tests.test_degraded_services.note_recovery"}}
    )


@pytest.fixture
def quick_retry(monkeypatch):
    monkeypatch.setattr(cache_backends, "RETRY_SECONDS", 0.2)
    cache_backends._outages.clear()
    recoveries.clear()
    yield
    cache_backends._outages.clear()


def test_without_redis_the_cache_misses_logs_once_and_resumes_when_redis_returns(quick_retry, caplog):
    import time

    with redis_server() as redis:
        cache = resilient_cache(redis.url)
        cache.set("page", "cached")
        assert cache.get("page") == "cached"
        redis.stop()
        with caplog.at_level(logging.WARNING, logger="portal.cache"):
            for _ in range(20):
                assert cache.get("page", "missed") == "missed"
                cache.set("page", "lost")
                assert cache.add("other", 1) is False
                with pytest.raises(ValueError):
                    cache.incr("counter")
        assert [record.levelname for record in caplog.records] == ["ERROR"]
        redis.start()
        time.sleep(0.3)
        cache.set("page", "cached again")
        assert cache.get("page") == "cached again"
        assert recoveries == [True]
        assert "caching resumes" in caplog.text


def test_rate_limits_keep_counting_while_redis_is_down(quick_retry):
    with redis_server() as redis:
        cache = resilient_cache(redis.url)
        redis.stop()
        key = "allauth:rl:allauth.account:login_failed:5/300s:abc"
        assert cache.add(f"{key}:lock", True) is True
        cache.set(key, [1.0, 2.0], 300)
        assert cache.get(key, []) == [1.0, 2.0]
        assert isinstance(cache._local, LocMemCache)
        redis.start()


# Error pages that cannot fail, and the database going away.


@pytest.fixture
def missing_static_manifest(settings, tmp_path):
    """Production's static storage with no manifest: every {% static %} lookup raises."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    from django.contrib.staticfiles.storage import staticfiles_storage

    staticfiles_storage._wrapped = None
    yield
    staticfiles_storage._wrapped = None


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "title"), [(404, "Page not found"), (403, "You cannot do this")])
def test_error_pages_fall_back_to_plain_html_when_static_lookups_fail(rf, missing_static_manifest, status, title):
    from portal.views import page_not_found, permission_denied

    view = {404: page_not_found, 403: permission_denied}[status]
    response = view(rf.get("/somewhere/"), exception=None)
    assert response.status_code == status
    assert f"<h1>{title}</h1>" in response.text and "stylesheet" not in response.text


def test_the_server_error_page_itself_does_not_fail(rf, missing_static_manifest):
    from portal.views import server_error

    try:
        raise KeyError("a bug")
    except KeyError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500 and "Sorry, there is a problem with the service" in response.text


def test_a_database_that_cannot_be_reached_is_service_unavailable(rf):
    from django.db import OperationalError

    from portal.views import server_error

    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(rf.get("/events/"))
    assert response.status_code == 503 and response["Retry-After"] == "60"
    assert "Sorry, the service is unavailable" in response.text and "css/main" in response.text


@pytest.mark.django_db
def test_a_database_lost_halfway_through_a_request_leaves_nothing_half_written(monkeypatch):
    """Signing up writes the person, then their email address: losing the database between
    the two must not leave an account nobody can confirm or sign in to."""
    from django.contrib.auth import get_user_model
    from django.db import OperationalError
    from django.test import Client

    from .test_accounts import SIGNUP

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("allauth.account.forms.setup_user_email", database_gone)
    response = Client(raise_request_exception=False).post("/accounts/signup/", SIGNUP)
    assert response.status_code == 503 and "Sorry, the service is unavailable" in response.text
    assert not get_user_model().objects.filter(email=SIGNUP["email"]).exists()
