"""Production: everything from the environment; refuses to start without the essentials."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, REDIS_URL, SECRET_KEY, env_bool

IS_PRODUCTION = True

if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY: production will not start without a secret key.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS: production will not start without allowed host names.")
if any(host.strip() == "*" for host in ALLOWED_HOSTS):
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS to the site's own host names: production will not accept '*'.")
# Each app server would otherwise keep its own cache: a page made private would stay public
# on the others, and rate limits would be split between them.
if not REDIS_URL:
    raise ImproperlyConfigured("Set REDIS_URL: production app servers must share one cache.")

DEBUG = env_bool("DJANGO_DEBUG", default=False)

# Links in emails and the API: the site's public address, by default its first host name.
if not os.environ.get("WAGTAILADMIN_BASE_URL"):
    public_hosts = [host.lstrip(".") for host in ALLOWED_HOSTS]
    WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = f"https://{public_hosts[0]}"

# Behind a load balancer that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible object storage when a bucket is configured (django-storages).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False

# Email and other background work go through the database queue; run `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
