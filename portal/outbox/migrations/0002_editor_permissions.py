from django.db import migrations

from portal.permissions import grant


def grant_outbox_permissions(apps, schema_editor):
    # Editors see what is waiting or failed and send it again; nobody edits an email.
    grant(apps, "Editors", ["outbox.view_outgoingmessage", "outbox.retry_outgoingmessage"])


class Migration(migrations.Migration):
    dependencies = [("outbox", "0001_outgoing_message"), ("accounts", "0003_role_groups")]

    operations = [migrations.RunPython(grant_outbox_permissions, migrations.RunPython.noop)]
