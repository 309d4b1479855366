from django.db import migrations

# As events.permissions.ACCESS_NEEDS_GROUP when this migration was written.
ACCESS_NEEDS_GROUP = "Event access needs"


def create_access_needs_group(apps, schema_editor):
    # Besides an event's organiser, only this group's members see attendees' emails and access needs.
    apps.get_model("auth", "Group").objects.get_or_create(name=ACCESS_NEEDS_GROUP)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_editors_manage_venues"),
        ("auth", "__latest__"),
    ]

    operations = [migrations.RunPython(create_access_needs_group, migrations.RunPython.noop)]
