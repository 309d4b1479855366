"""The business app's place in the admin and its contributions to other apps' hooks."""

from django.contrib.auth.decorators import permission_required
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from skills.wagtail_hooks import FixedActionsPolicy, publish_view

from . import dashboard_hooks, demo_hooks  # noqa: F401 (each registers its own hooks)
from .bank import bank_problems
from .models import BusinessCheck, BusinessResource, CheckQuestion, CheckVersion, Dimension
from .publishing import current_bank, latest_version, publish_check


class CheckQuestionViewSet(SnippetViewSet):
    model = CheckQuestion
    icon = "help"
    menu_label = gettext_lazy("Adoption check questions")
    menu_name = "adoption-check-questions"
    list_display = ["text", "dimension", "kind", "is_active"]
    list_filter = ["dimension", "kind", "is_active"]
    search_fields = ["text"]
    sort_order_field = "sort_order"


class DimensionViewSet(SnippetViewSet):
    model = Dimension
    icon = "list-ul"
    menu_label = gettext_lazy("Dimensions")
    menu_name = "dimensions"
    list_display = ["name", "slug", "sort_order"]
    sort_order_field = "sort_order"


class BusinessResourceViewSet(SnippetViewSet):
    model = BusinessResource
    icon = "link"
    menu_label = gettext_lazy("Business resources")
    menu_name = "business-resources"
    list_display = ["title", "dimension", "min_stage", "max_stage"]
    list_filter = ["dimension"]
    search_fields = ["title"]


class CheckVersionViewSet(SnippetViewSet):
    model = CheckVersion
    icon = "history"
    menu_label = gettext_lazy("Published check versions")
    menu_name = "published-check-versions"
    list_display = ["number", "published_at", "notes"]
    inspect_view_enabled = True
    copy_view_enabled = False


# Results are what organisations answered: staff may look at them, never alter one. The six
# dimensions are fixed: editors reword them but do not add or remove any.
register_permission_policy(BusinessCheck, FixedActionsPolicy(BusinessCheck, denied=("add", "change")))
register_permission_policy(Dimension, FixedActionsPolicy(Dimension, denied=("add", "delete")))


class BusinessCheckViewSet(SnippetViewSet):
    model = BusinessCheck
    icon = "tasks"
    menu_label = gettext_lazy("Adoption check results")
    menu_name = "adoption-check-results"
    list_display = [
        "uuid",
        "completed_at",
        "sector",
        "size_band",
        "overall_stage",
        "uses_ai",
        "has_ai_policy",
        "is_demo",
    ]
    list_filter = ["is_demo", "sector", "size_band", "overall_stage", "uses_ai", "has_ai_policy"]
    inspect_view_enabled = True
    # Never who took it, nor which organisation: staff see results as the dashboard does.
    inspect_view_fields = [
        "uuid", "version", "language", "completed_at", "sector", "size_band", "ward", "overall_stage", "uses_ai",
        "has_ai_policy", "is_demo",
    ]  # fmt: skip
    copy_view_enabled = False


class BusinessViewSetGroup(SnippetViewSetGroup):
    items = (CheckQuestionViewSet, DimensionViewSet, BusinessResourceViewSet, CheckVersionViewSet, BusinessCheckViewSet)
    menu_icon = "site"
    menu_label = gettext_lazy("Businesses")
    menu_name = "businesses"
    menu_order = 252


register_snippet(BusinessViewSetGroup)


@permission_required("business.add_checkversion", raise_exception=True)
def publish_check_view(request):
    return publish_view(
        request,
        publish=publish_check,
        latest_version=latest_version,
        current_bank=current_bank,
        bank_problems=bank_problems,
        url_name="business_publish_check",
        title=_("Publish the adoption check"),
        explanation=_(
            "Organisations taking the AI adoption check are asked the published questions. Editing a question "
            "changes nothing for them until you publish. Each publish makes a new version, and every result "
            "records the version it used and never changes afterwards."
        ),
    )


@hooks.register("register_admin_urls")
def register_publish_url():
    return [path("business/publish/", publish_check_view, name="business_publish_check")]


class PublishMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("business.add_checkversion")


@hooks.register("register_admin_menu_item")
def register_publish_menu_item():
    return PublishMenuItem(
        gettext_lazy("Publish adoption check"),
        reverse("business_publish_check"),
        name="publish-adoption-check",
        icon_name="upload",
        order=253,
    )


@hooks.register("me_sections")
def my_business_section(request):
    checks = list(
        BusinessCheck.objects.filter(user=request.user)
        .select_related("organisation")
        .only("uuid", "completed_at", "overall_stage", "organisation__name")[:5]
    )
    is_member = request.user.memberships.filter(is_confirmed=True).exists()
    if not checks and not is_member:
        return None
    return {
        "key": "business",
        "title": _("Your business and AI"),
        "template": "business/me_section.html",
        "order": 40,
        "checks": checks,
        "is_member": is_member,
    }


@hooks.register("personal_data_export")
def export_checks(user):
    return "business_checks", [
        {
            "result_id": str(check.uuid),
            "completed_at": check.completed_at.isoformat(),
            "organisation": check.organisation.name if check.organisation else None,
            "version": check.version.number,
            "sector": check.sector,
            "size_band": check.size_band,
            "overall_stage": check.overall_stage,
            "answers": check.answers,
        }
        for check in BusinessCheck.objects.filter(user=user).select_related("organisation", "version")
    ]
