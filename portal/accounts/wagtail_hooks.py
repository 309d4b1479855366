from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, Ward
from .personal_data import before_account_delete
from .views import account_export


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = gettext_lazy("Organisations")
    menu_name = "organisations"
    list_display = ["name", "is_confirmed", "created_at"]
    list_filter = ["is_confirmed"]
    search_fields = ["name"]


class WardViewSet(SnippetViewSet):
    model = Ward
    icon = "site"
    menu_label = gettext_lazy("Wards")
    menu_name = "wards"
    list_display = ["name", "adult_population", "population_year", "population_source"]


class PeopleViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, WardViewSet)
    menu_icon = "group"
    menu_label = gettext_lazy("Community")
    menu_name = "community"
    menu_order = 300


register_snippet(PeopleViewSetGroup)


@hooks.register("personal_data_export")
def export_account(user):
    return account_export(user)


@hooks.register("load_demo", order=-10)
def load_demo_accounts(stdout):
    from .demo import build

    build(stdout)


@hooks.register("before_delete_user")
def free_what_the_account_holds(request, user):
    """Staff deleting a user in the admin go the same way as a person deleting their account
    (Wagtail runs this hook for the confirmation page too; only the POST deletes)."""
    if request.method == "POST":
        before_account_delete(user)
