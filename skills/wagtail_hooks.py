from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .bank import bank_problems
from .forms import PublishBankForm
from .models import Area, Assessment, FrameworkVersion, Level, Question, Resource
from .publishing import BankNotReady, current_bank, latest_version, publish_question_bank


# Each menu item's name is given: made from its translated label, it would depend on the
# language of whoever first opened the admin.
class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "list-ul"
    menu_label = gettext_lazy("Areas and levels")
    menu_name = "areas-and-levels"
    list_display = ["name", "slug", "sort_order"]
    sort_order_field = "sort_order"


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = gettext_lazy("Questions")
    menu_name = "questions"
    list_display = ["text", "area", "kind", "in_quick_version", "is_active"]
    list_filter = ["area", "kind", "in_quick_version", "is_active"]
    search_fields = ["text"]
    sort_order_field = "sort_order"


class LevelViewSet(SnippetViewSet):
    model = Level
    icon = "order"
    menu_label = gettext_lazy("Levels")
    menu_name = "levels"
    list_display = ["number", "name", "description"]
    copy_view_enabled = False


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "link"
    menu_label = gettext_lazy("Resources")
    menu_name = "resources"
    list_display = ["title", "area", "min_level", "max_level"]
    list_filter = ["area"]
    search_fields = ["title"]


class FrameworkVersionViewSet(SnippetViewSet):
    model = FrameworkVersion
    icon = "history"
    menu_label = gettext_lazy("Published versions")
    menu_name = "published-versions"
    list_display = ["number", "published_at", "notes"]
    inspect_view_enabled = True
    copy_view_enabled = False


class FixedActionsPolicy(ModelPermissionPolicy):
    """Model permissions, except actions nobody may take in the admin, superusers included."""

    def __init__(self, model, denied: tuple[str, ...]):
        super().__init__(model)
        self.denied = denied

    def user_has_permission(self, user, action):
        return action not in self.denied and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action not in self.denied])


# Results are what people answered: staff may look at them (and delete demo data), never alter one.
register_permission_policy(Assessment, FixedActionsPolicy(Assessment, denied=("add", "change")))
# The six areas are fixed by the framework; editors reword them but do not add or remove areas.
register_permission_policy(Area, FixedActionsPolicy(Area, denied=("add", "delete")))


class AssessmentViewSet(SnippetViewSet):
    model = Assessment
    icon = "tasks"
    menu_label = gettext_lazy("Assessment results")
    menu_name = "assessment-results"
    list_display = ["uuid", "completed_at", "kind", "language", "ward", "overall_level", "is_ai_ready", "is_demo"]
    list_filter = ["is_demo", "kind", "language", "is_ai_ready", "ward"]
    inspect_view_enabled = True
    # Never who took it: staff see results as the dashboard does, without a person attached.
    inspect_view_fields = [
        "uuid", "framework_version", "kind", "language", "completed_at", "ward", "age_band", "status",
        "overall_level", "is_ai_ready", "is_demo",
    ]  # fmt: skip
    copy_view_enabled = False


class SkillsViewSetGroup(SnippetViewSetGroup):
    items = (QuestionViewSet, AreaViewSet, LevelViewSet, ResourceViewSet, FrameworkVersionViewSet, AssessmentViewSet)
    menu_icon = "pick"
    menu_label = gettext_lazy("Skills")
    menu_name = "skills"
    menu_order = 250


register_snippet(SkillsViewSetGroup)


def publish_view(request, *, publish, latest_version, current_bank, bank_problems, url_name, title, explanation=""):
    """Check a bank of questions and publish it as its next version (the skills check's, or
    another app's built the same way)."""
    form = PublishBankForm(request.POST or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            version = publish(form.cleaned_data["notes"])
        except BankNotReady as not_ready:
            problems = not_ready.problems
        else:
            messages.success(
                request, _("The questions are published as version %(number)s.") % {"number": version.number}
            )
            return redirect(url_name)
    latest, bank = latest_version(), current_bank()
    context = {
        "form": form,
        "problems": problems or bank_problems(bank),
        "latest": latest,
        "has_changes": not latest or latest.bank != bank,
        "header_title": title,
        "explanation": explanation,
    }
    return render(request, "skills/admin/publish_bank.html", context)


@permission_required("skills.add_frameworkversion", raise_exception=True)
def publish_bank_view(request):
    """Check the question bank and publish it as the next framework version."""
    return publish_view(
        request,
        publish=publish_question_bank,
        latest_version=latest_version,
        current_bank=current_bank,
        bank_problems=bank_problems,
        url_name="skills_publish_bank",
        title=_("Publish the question bank"),
    )


@hooks.register("register_admin_urls")
def register_publish_url():
    return [path("skills/publish/", publish_bank_view, name="skills_publish_bank")]


class PublishMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("skills.add_frameworkversion")


@hooks.register("register_admin_menu_item")
def register_publish_menu_item():
    return PublishMenuItem(
        gettext_lazy("Publish questions"),
        reverse("skills_publish_bank"),
        name="publish-questions",
        icon_name="upload",
        order=251,
    )


@hooks.register("me_sections")
def my_results_section(request):
    from .views import next_step_for

    assessments = list(
        Assessment.objects.filter(user=request.user).only(
            "uuid", "completed_at", "kind", "overall_level", "is_ai_ready"
        )[:5]
    )
    return {
        "key": "skills",
        "title": _("Your AI skills"),
        "template": "skills/includes/me_section.html",
        "order": 10,
        "assessments": assessments,
        "next_step": next_step_for(assessments[0], request.user) if assessments else None,
    }


@hooks.register("personal_data_export")
def export_results(user):
    from .personal_data import export

    return "skills_assessments", export(user)


@hooks.register("before_account_delete")
def anonymise_results(user):
    from .personal_data import anonymise

    anonymise(user)


@hooks.register("load_demo", order=10)
def load_demo_assessments(stdout):
    from .demo import build

    build(stdout)
