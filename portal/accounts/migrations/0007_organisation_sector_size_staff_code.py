from django.db import migrations, models

import portal.accounts.models


def give_codes(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    for organisation in Organisation.objects.filter(staff_code__isnull=True):
        organisation.staff_code = portal.accounts.models.new_staff_code()
        organisation.save(update_fields=["staff_code"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_profile_language")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="sector",
            field=models.CharField(
                blank=True, choices=portal.accounts.models.Sector.choices, max_length=1, verbose_name="sector"
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="size_band",
            field=models.CharField(
                blank=True, choices=portal.accounts.models.SizeBand.choices, max_length=10, verbose_name="size"
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="staff_code",
            field=models.CharField(max_length=20, null=True),
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="staff_code",
            field=models.CharField(
                default=portal.accounts.models.new_staff_code,
                help_text="In the link members share with their staff, so staff can count their skills check in the organisation's anonymous team profile. Change it to stop an old link working.",
                max_length=20,
                unique=True,
                verbose_name="staff invitation code",
            ),
        ),
    ]
