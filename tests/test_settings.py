"""Configuration comes from the environment; production refuses to start half-configured."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

READ_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "db_engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "sessions": settings.SESSION_ENGINE,
    "session_cache": settings.CACHES.get(settings.SESSION_CACHE_ALIAS, {}).get("KEY_PREFIX"),
    "cache_prefix": settings.CACHES["default"].get("KEY_PREFIX"),
    "email": settings.EMAIL_BACKEND,
    "email_host": getattr(settings, "EMAIL_HOST", ""),
    "email_port": getattr(settings, "EMAIL_PORT", None),
    "email_tls": getattr(settings, "EMAIL_USE_TLS", None),
    "debug": settings.DEBUG,
    "hosts": settings.ALLOWED_HOSTS,
    "tasks": settings.TASKS["default"]["BACKEND"],
    "hasher": settings.PASSWORD_HASHERS[0],
    "base_url": settings.WAGTAILADMIN_BASE_URL,
}))
"""

CLEAN_ENV = {
    key: value
    for key, value in os.environ.items()
    if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "EMAIL_", "WAGTAILADMIN_"))
    and key != "PYTEST_XDIST_WORKER"
}


def read_settings(module: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", READ_SETTINGS],
        cwd=ROOT,
        env={**CLEAN_ENV, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_of(module: str, **env) -> dict:
    result = read_settings(module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_defaults_are_sqlite_local_memory_and_console_email():
    values = settings_of("portal.settings.dev")
    assert values["db_engine"] == "django.db.backends.sqlite3"
    assert values["cache"].endswith("LocMemCache")
    assert values["sessions"] == "django.contrib.sessions.backends.db"
    assert values["email"].endswith("console.EmailBackend")
    assert values["tasks"].endswith("ImmediateBackend")
    assert values["hasher"].endswith("Argon2PasswordHasher")


def test_database_redis_and_email_come_from_the_environment():
    values = settings_of(
        "portal.settings.dev",
        DATABASE_URL="postgres://portal@db.internal:5432/portal",
        REDIS_URL="redis://cache.internal:6379/1",
        EMAIL_HOST="smtp.internal",
        EMAIL_PORT="2525",
        EMAIL_USE_TLS="false",
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="portal.example,www.portal.example",
    )
    assert values["db_engine"] == "django.db.backends.postgresql"
    assert values["db_name"] == "portal"
    assert values["cache"].endswith("RedisCache")
    assert values["cache_location"] == "redis://cache.internal:6379/1"
    # Sessions live in the database, copied into a corner of Redis the page cache cannot touch.
    assert values["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert values["session_cache"] != values["cache_prefix"]
    assert values["email"].endswith("smtp.EmailBackend")
    assert (values["email_host"], values["email_port"], values["email_tls"]) == ("smtp.internal", 2525, False)
    assert values["debug"] is False
    assert values["hosts"] == ["portal.example", "www.portal.example"]


REDIS = {"REDIS_URL": "redis://cache.internal:6379/0"}
ESSENTIALS = {"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "portal.example", **REDIS}


@pytest.mark.parametrize(
    ("missing", "env"),
    [
        ("DJANGO_SECRET_KEY", {"DJANGO_ALLOWED_HOSTS": "portal.example", **REDIS}),
        ("DJANGO_ALLOWED_HOSTS", {"DJANGO_SECRET_KEY": "x" * 60, **REDIS}),
        ("REDIS_URL", {"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "portal.example"}),
        ("DJANGO_ALLOWED_HOSTS", {**ESSENTIALS, "DJANGO_ALLOWED_HOSTS": "portal.example,*"}),
    ],
)
def test_production_refuses_to_start_without_essentials(missing, env):
    result = read_settings("portal.settings.production", **env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_uses_the_database_task_queue():
    values = settings_of("portal.settings.production", **ESSENTIALS)
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"
    assert values["debug"] is False


def test_production_links_in_emails_use_the_public_address():
    essentials = {**ESSENTIALS, "DJANGO_ALLOWED_HOSTS": "portal.example,www.portal.example"}
    assert settings_of("portal.settings.production", **essentials)["base_url"] == "https://portal.example"
    chosen = settings_of("portal.settings.production", **essentials, WAGTAILADMIN_BASE_URL="https://ai.luton.example")
    assert chosen["base_url"] == "https://ai.luton.example"


def test_production_passes_the_deploy_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **CLEAN_ENV,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
            "DJANGO_ALLOWED_HOSTS": "portal.example",
            **REDIS,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_load_demo_refuses_production_settings_unless_asked():
    env = {**CLEAN_ENV, "DJANGO_SETTINGS_MODULE": "portal.settings.production", **ESSENTIALS}
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "--allow-production" in result.stderr


@pytest.mark.django_db
def test_a_request_body_over_the_limit_is_refused_before_it_is_read(client, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1000
    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x" * 2000})
    assert response.status_code == 413
    assert "What you sent is too large" in response.text
    assert client.post("/accounts/login/", {"login": "a@example.org", "password": "x"}).status_code != 413
