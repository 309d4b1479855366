"""Break the services on purpose and check that nobody loses a booking, a message or a session.

Each test starts its own throwaway SMTP server, Redis or gunicorn on free loopback ports,
bounds every wait, and stops what it started.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from django.core.management import call_command
from django.utils import timezone

from events.factories import EventIndexPageFactory, EventPageFactory
from portal.accounts.factories import UserFactory
from portal.outbox.models import OutgoingMessage

from .services import accepts_connections, free_port, redis_server, smtp_server, wait_until

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parent.parent
REQUEST_TIMEOUT = 5


@pytest.mark.django_db
def test_a_booking_made_while_smtp_is_down_is_confirmed_exactly_once_when_it_returns(
    client, settings, home_page, django_capture_on_commit_callbacks
):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), slug="ai-basics", capacity=5)
    user = UserFactory()
    client.force_login(user)
    with smtp_server() as smtp:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", smtp.port, False
        settings.EMAIL_TIMEOUT = 2
        smtp.stop()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/events/{event.slug}/register/", {"access_needs": ""})
        assert response.status_code == 302
        message = OutgoingMessage.objects.get(to=user.email)
        assert message.status == OutgoingMessage.Status.WAITING and message.last_error
        smtp.start()
        OutgoingMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        call_command("process_outbox")
        call_command("process_outbox")  # a second run sends nothing again
        assert len(smtp.received) == 1
        received = smtp.received[0]
        assert received.rcpt_tos == [user.email]
        assert f"Message-ID: {message.message_id}" in received.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_redis_stopped_mid_session_pages_still_answer_and_people_stay_signed_in(
    client, settings, live_server, home_page
):
    from portal import cache_backends

    with redis_server() as redis:
        settings.CACHES = {
            alias: {"BACKEND": "portal.cache_backends.ResilientRedisCache", "LOCATION": redis.url, "KEY_PREFIX": alias}
            for alias in ("default", "sessions")
        }
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
        settings.SESSION_CACHE_ALIAS = "sessions"
        settings.PAGE_CACHE_SECONDS = 60
        cache_backends._outages.clear()
        client.force_login(UserFactory())
        signed_in = requests.Session()
        signed_in.cookies.set(settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value)
        assert (
            signed_in.get(f"{live_server.url}/me/", timeout=REQUEST_TIMEOUT, allow_redirects=False).status_code == 200
        )
        assert requests.get(f"{live_server.url}/", timeout=REQUEST_TIMEOUT).status_code == 200
        redis.stop()
        for _ in range(3):
            me = signed_in.get(f"{live_server.url}/me/", timeout=REQUEST_TIMEOUT, allow_redirects=False)
            assert me.status_code == 200, me.headers.get("Location")
            assert requests.get(f"{live_server.url}/", timeout=REQUEST_TIMEOUT).status_code == 200
        redis.start()
    cache_backends._outages.clear()


def test_with_the_database_unreachable_healthz_is_503_and_pages_are_a_styled_503():
    with redis_server() as redis:
        port = free_port()
        env = {
            **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))},
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DJANGO_DEBUG": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/portal",  # nothing listens there
            "REDIS_URL": redis.url,
        }
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_until(lambda: accepts_connections(port), timeout=30, what="gunicorn to start")
            base = f"http://127.0.0.1:{port}"
            health = requests.get(f"{base}/healthz", timeout=REQUEST_TIMEOUT)
            assert health.status_code == 503 and health.json()["status"] == "unavailable"
            for path in ["/", "/events/", "/skills/dashboard/", "/accounts/login/"]:
                response = requests.get(base + path, timeout=REQUEST_TIMEOUT)
                assert response.status_code == 503, path
                assert "Sorry, the service is unavailable" in response.text and "css/main" in response.text
        finally:
            server.terminate()
            server.wait(timeout=10)
