from django.db import migrations

# No published adult population for the 20 wards drawn in May 2023 was at hand, so this
# shares Luton's adults (Census 2021: about 167,300 people aged 18+ of 225,300) between
# the wards by councillors, as the boundary review set wards of roughly equal electorate
# per councillor: 12 two-councillor and 8 three-councillor wards. Which eight wards have
# three councillors is assumed here, not checked; editors correct the figures (or enter
# ONS ward estimates) in the admin under Community → Wards.
TOWN_ADULTS = 167_300
COUNCILLORS = 48
THREE_MEMBER_WARDS = ["beech-hill", "biscot", "challney", "dallow", "farley", "leagrave", "lewsey", "wigmore"]
SOURCE = "Estimate: Census 2021 adults in Luton shared by councillors per ward (electorate proxy)"


def fill_populations(apps, schema_editor):
    Ward = apps.get_model("accounts", "Ward")
    per_councillor = TOWN_ADULTS / COUNCILLORS
    for ward in Ward.objects.filter(is_outside_luton=False, adult_population__isnull=True):
        councillors = 3 if ward.slug in THREE_MEMBER_WARDS else 2
        ward.adult_population = round(per_councillor * councillors, -1)
        ward.population_source = SOURCE
        ward.population_year = 2021
        ward.save(update_fields=["adult_population", "population_source", "population_year"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_role_groups")]

    operations = [migrations.RunPython(fill_populations, migrations.RunPython.noop)]
