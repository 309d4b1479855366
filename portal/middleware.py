"""Middleware that protects every request, whichever app serves it."""

from django.conf import settings
from django.utils import translation

from .i18n import path_language
from .views import error_page


class PathLanguageMiddleware:
    """The language of a page comes from its address alone: /pl/… is Polish and an address
    with no prefix is English, whatever the browser asks for. So one address always shows
    the same page (the page cache relies on it), and people choose with the switcher."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = path_language(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


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
