from django.db import migrations

from portal.permissions import grant


def grant_editors(apps, schema_editor):
    # Editors write the adoption check, its resources and the national figure, and publish new
    # versions; they may look at results (anonymous in the admin) but not change them.
    permissions = [
        f"business.{action}_{model}"
        for model in ("checkquestion", "checkoption", "dimension", "businessresource", "nationalreference")
        for action in ("add", "change", "delete", "view")
    ]
    permissions += ["business.add_checkversion", "business.view_checkversion", "business.view_businesscheck"]
    grant(apps, "Editors", permissions)
    grant(apps, "Analysts", ["business.view_businesscheck", "business.view_checkversion"])


class Migration(migrations.Migration):
    dependencies = [("business", "0002_first_check"), ("accounts", "0003_role_groups")]

    operations = [migrations.RunPython(grant_editors, migrations.RunPython.noop)]
