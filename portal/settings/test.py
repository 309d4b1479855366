"""Tests: fast hashing, email kept in memory, tasks run at once, no page cache surprises."""

import os

from .base import *  # noqa: F403
from .base import CACHES, REDIS_URL

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Each test run (and each xdist worker) gets its own corner of a shared Redis.
if REDIS_URL:
    for alias, cache in CACHES.items():
        cache["KEY_PREFIX"] = "test-{}-{}-{}".format(alias, os.getpid(), os.environ.get("PYTEST_XDIST_WORKER", "main"))

# Serve static files straight from the build and source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
PAGE_CACHE_SECONDS = 0  # tests that exercise the page cache turn it on themselves
