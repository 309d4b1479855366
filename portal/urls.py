from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import localised
from home.feeds import NewsFeed
from home.views import search
from portal.accounts.views import me

from . import views

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("admin/login/", views.admin_login, name="admin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("_util/login/", views.frontend_login, name="frontend_login"),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
]

# What people read is in every language: English at the contract's URLs, others under a prefix.
urlpatterns += i18n_patterns(
    path("accounts/", include("portal.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("me/", me, name="me"),
    path("search/", search, name="search"),
    path("news/feed.xml", NewsFeed(), name="news_feed"),
    path("", include("skills.dashboard_urls")),
    path("", include("skills.urls")),
    path("", include("events.urls")),
    path("", include("projects.urls")),
    path("", include("business.urls")),
    # Wagtail's own page URLs, with English standing in for a page not translated yet.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        wagtail_views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    re_path(wagtail_urls.serve_pattern, localised.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
