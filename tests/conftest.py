import os

import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation

from home.factories import HomePageFactory
from portal.accounts.factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def clear_cache() -> None:
    """Empty this test run's caches without touching anyone else's keys in a shared Redis."""
    for alias, options in settings.CACHES.items():
        backend = caches[alias]
        if options["BACKEND"].endswith("RedisCache"):
            client = backend._cache.get_client(write=True)
            keys = list(client.scan_iter(f"{options.get('KEY_PREFIX', '')}:*"))
            if keys:
                client.delete(*keys)
        else:
            backend.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in English, whichever language the previous one's requests were in."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def home_page(db):
    """The site's home page, the root of the default site."""
    return HomePageFactory()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def other_user(db):
    return UserFactory()
