"""Middleware that protects every request, whichever app serves it."""

from django.conf import settings

from .views import error_page


class RequestBodyLimitMiddleware:
    """Refuse a request body larger than REQUEST_BODY_MAX_BYTES before anything reads it,
    so nobody can fill the disk or memory of an app server with one upload."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_BYTES:
            limit_mb = settings.REQUEST_BODY_MAX_BYTES // (1024 * 1024)
            return error_page(request, 413, {"limit_mb": limit_mb})
        return self.get_response(request)
