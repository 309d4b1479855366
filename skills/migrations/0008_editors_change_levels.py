from django.db import migrations

from portal.permissions import grant


def grant_editors(apps, schema_editor):
    # Editors reword what each level means; the numbers and their scoring stay fixed in code.
    grant(apps, "Editors", ["skills.change_level", "skills.view_level"])


class Migration(migrations.Migration):
    dependencies = [("skills", "0007_editor_permissions")]

    operations = [migrations.RunPython(grant_editors, migrations.RunPython.noop)]
