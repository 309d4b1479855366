from django.db import migrations

# Luton's 20 wards since the May 2023 boundary review (48 councillors).
WARDS = [
    "Barnfield",
    "Beech Hill",
    "Biscot",
    "Bramingham",
    "Central",
    "Challney",
    "Dallow",
    "Farley",
    "High Town",
    "Leagrave",
    "Lewsey",
    "Northwell",
    "Poets",
    "Round Green",
    "Saints",
    "South",
    "Stopsley",
    "Sundon Park",
    "Vauxhall",
    "Wigmore",
]


def load_wards(apps, schema_editor):
    Ward = apps.get_model("accounts", "Ward")
    for name in WARDS:
        Ward.objects.get_or_create(slug=name.lower().replace(" ", "-"), defaults={"name": name})
    Ward.objects.get_or_create(slug="outside-luton", defaults={"name": "Outside Luton", "is_outside_luton": True})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load_wards, migrations.RunPython.noop)]
