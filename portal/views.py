import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .i18n import path_in_language


@never_cache
@require_GET
@transaction.non_atomic_requests  # it must answer, not fail, when no transaction can start
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
def robots_txt(request):
    private = ["/accounts/", "/me/", "/skills/results/"]
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        *(f"Disallow: {path_in_language(path, code)}" for code, _name in settings.LANGUAGES for path in private),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain")


def sign_in_here_instead(default_next: str):
    """A view for a sign-in form that must not be used (Wagtail's admin and front-end login
    forms accept a password alone, with no rate limit, verification or second factor): it
    sends everyone, whatever the method, to the portal's sign-in, keeping a safe `next`."""

    def view(request):
        next_url = request.GET.get("next") or default_next
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = default_next
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")

    return view


admin_login = sign_in_here_instead("/admin/")
frontend_login = sign_in_here_instead("/")


# Error pages must not fail themselves: each is tried with the site's header and footer,
# then as a stand-alone page, then as plain HTML (when even static file lookups fail).
PLAIN_ERROR_PAGE = (
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{page_title}</title></head>'
    "<body><main><h1>{title}</h1><p>{advice}</p>"
    '<p><a href="/">{home_link}</a></p></main></body></html>'
)
ERRORS = {
    400: (gettext_lazy("Sorry, that request could not be understood"), gettext_lazy("Go back and try again.")),
    403: (
        gettext_lazy("You cannot do this"),
        gettext_lazy("If you think you should be able to, go to the home page and contact us."),
    ),
    404: (gettext_lazy("Page not found"), gettext_lazy("If you typed the web address, check it is correct.")),
    429: (gettext_lazy("Too many requests at once"), gettext_lazy("Wait a minute, then try again.")),
    413: (
        gettext_lazy("What you sent is too large"),
        gettext_lazy("Nothing has been saved. Go back, choose a smaller image and try again."),
    ),
    500: (
        gettext_lazy("Sorry, there is a problem with the service"),
        gettext_lazy("Try again later. Anything you did not submit has not been saved."),
    ),
    503: (
        gettext_lazy("Sorry, the service is unavailable"),
        gettext_lazy("Try again in a few minutes. Anything you did not submit has not been saved."),
    ),
}
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
logger = logging.getLogger("portal")


def error_page(request, status: int, context: dict | None = None, with_site_chrome: bool = True) -> HttpResponse:
    """The page for an HTTP error `status`, whatever else is failing at the time."""
    if with_site_chrome:
        try:
            return render(request, f"{status}.html", context or {}, status=status)
        except Exception:
            logger.exception("The %s page could not be rendered with the site's header; using the plain one", status)
    title, advice = ERRORS[status]
    try:
        html = render_to_string("errors/plain.html", {"title": title, "advice": advice, **(context or {})})
    except Exception:
        html = format_html(
            PLAIN_ERROR_PAGE,
            # Translators: the browser tab's title on an error page, such as "Page not found – Luton AI Club".
            page_title=_("%(title)s – Luton AI Club") % {"title": title},
            title=title,
            advice=advice,
            home_link=_("Go to the Luton AI Club home page"),
        )
    response = HttpResponse(html, status=status)
    if status == 503:
        response["Retry-After"] = "60"
    return response


def bad_request(request, exception=None):
    return error_page(request, 400)


def permission_denied(request, exception=None):
    return error_page(request, 403, {"exception": exception})


def page_not_found(request, exception=None):
    return error_page(request, 404)


def server_error(request):
    """A database that cannot be reached is "service unavailable" (503), anything else a 500;
    neither page needs the database, the cache or context processors."""
    failure = sys.exc_info()[1]
    status = 503 if isinstance(failure, DATABASE_UNAVAILABLE) else 500
    return error_page(request, status, with_site_chrome=False)
