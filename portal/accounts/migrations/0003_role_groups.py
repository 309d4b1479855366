from django.db import migrations

from portal.permissions import grant, grant_page_permissions

ADMIN = "wagtailadmin.access_admin"


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ["Residents", "Students", "Organisation members"]:
        Group.objects.get_or_create(name=name)

    # Editors publish pages and news, manage settings, organisations and images.
    grant_page_permissions(apps, "Editors", ["add", "change", "publish", "lock", "unlock"])
    grant(
        apps,
        "Editors",
        [
            ADMIN,
            "home.change_sitesettings",
            "accounts.add_organisation",
            "accounts.change_organisation",
            "accounts.view_organisation",
            "accounts.change_ward",
            "accounts.view_ward",
            "home.add_portalimage",
            "home.change_portalimage",
            "home.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
        ],
    )
    # Moderators approve submissions in the review workflows and confirm organisations.
    grant_page_permissions(apps, "Moderators", ["add", "change", "publish", "lock", "unlock"])
    grant(apps, "Moderators", [ADMIN, "accounts.change_organisation", "accounts.view_organisation"])
    # Analysts read the data behind the dashboard.
    grant(apps, "Analysts", [ADMIN, "accounts.view_organisation", "accounts.view_ward"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_wards"),
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "__latest__"),
        ("wagtailimages", "__latest__"),
        ("wagtaildocs", "__latest__"),
        ("auth", "__latest__"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
