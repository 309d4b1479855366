from django.db import migrations


def first_version(apps, schema_editor):
    apps.get_model("skills", "FrameworkVersion").objects.get_or_create(
        number=1, defaults={"notes": "The first question bank."}
    )


class Migration(migrations.Migration):
    dependencies = [("skills", "0003_assessments")]

    operations = [migrations.RunPython(first_version, migrations.RunPython.noop)]
