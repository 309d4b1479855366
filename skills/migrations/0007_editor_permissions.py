from django.db import migrations

from portal.permissions import grant


def grant_editors(apps, schema_editor):
    # Editors write the question bank and resources and publish new framework versions;
    # they may look at assessment results (anonymous aggregates) but not change them.
    permissions = [
        f"skills.{action}_{model}"
        for model in ("question", "option", "area", "arealeveldescription", "resource")
        for action in ("add", "change", "delete", "view")
    ]
    permissions += ["skills.add_frameworkversion", "skills.view_frameworkversion", "skills.view_assessment"]
    grant(apps, "Editors", permissions)
    grant(apps, "Analysts", ["skills.view_assessment", "skills.view_frameworkversion"])


class Migration(migrations.Migration):
    dependencies = [("skills", "0006_question_bank"), ("accounts", "0003_role_groups")]

    operations = [migrations.RunPython(grant_editors, migrations.RunPython.noop)]
