from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from skills.dashboard import localised
from skills.dashboard_figures import dashboard_metrics

from .models import Objective


class ObjectiveViewSet(SnippetViewSet):
    model = Objective
    icon = "pick"
    menu_label = gettext_lazy("OKRs")
    menu_name = "okrs"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["title", "period", "sort_order"]
    search_fields = ["title"]


register_snippet(ObjectiveViewSet)


hooks.register("okr_metrics", dashboard_metrics)


@hooks.register("home_page_sections")
def town_progress_section(request):
    from .snapshots import home_summary

    return {
        "title": _("How far is Luton from being an AI native town?"),
        "template": "skills/dashboard/home_section.html",
        "order": 40,
        **localised(home_summary()),
    }


@hooks.register("load_demo", order=40)
def load_dashboard_demo(stdout):
    from .demo import build

    build(stdout)
