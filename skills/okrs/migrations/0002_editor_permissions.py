from django.db import migrations

from portal.permissions import grant

MODELS = ["objective", "keyresult"]


def grant_okr_permissions(apps, schema_editor):
    # Editors change the OKRs without a developer; analysts read them and their history.
    grant(
        apps,
        "Editors",
        [f"okrs.{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")],
    )
    grant(apps, "Analysts", [f"okrs.view_{model}" for model in [*MODELS, "keyresultsnapshot"]])


class Migration(migrations.Migration):
    dependencies = [("okrs", "0001_initial"), ("accounts", "0003_role_groups")]

    operations = [migrations.RunPython(grant_okr_permissions, migrations.RunPython.noop)]
