"""Local development: the embedded defaults (SQLite, local-memory cache, console email)."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", default=True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-luton-ai-club"  # noqa: F405
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
INTERNAL_IPS = ["127.0.0.1"]

# Local development only: allauth accepts this code for any authenticator while DEBUG is
# on, so the demo administrator can reach the MFA-protected admin without a phone app.
if DEBUG:
    MFA_TOTP_INSECURE_BYPASS_CODE = "000000"

# Serve static files straight from the build and source folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The load test runs the portal as production does: email through the database queue and a worker.
if os.environ.get("PORTAL_TASK_QUEUE") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
