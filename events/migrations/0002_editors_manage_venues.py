from django.db import migrations

from portal.permissions import grant


def editors_manage_venues(apps, schema_editor):
    # Editors set up events, so they also keep the venues' accessibility details up to date.
    grant(apps, "Editors", ["events.add_venue", "events.change_venue", "events.delete_venue", "events.view_venue"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("accounts", "0003_role_groups"),
    ]

    operations = [migrations.RunPython(editors_manage_venues, migrations.RunPython.noop)]
