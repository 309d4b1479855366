from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
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
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /me/",
        "Disallow: /skills/results/",
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


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without context processors that touch the database, which may be the fault.
    return render(request, "500.html", {"site_name": settings.WAGTAIL_SITE_NAME}, status=500)
