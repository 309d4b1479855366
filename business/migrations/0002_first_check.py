from django.db import migrations
from django.utils import timezone


def load(apps, schema_editor):
    from business.bank import snapshot
    from business.first_bank import DIMENSIONS, QUESTIONS

    Dimension = apps.get_model("business", "Dimension")
    CheckQuestion = apps.get_model("business", "CheckQuestion")
    CheckOption = apps.get_model("business", "CheckOption")
    CheckVersion = apps.get_model("business", "CheckVersion")
    dimensions = {}
    for order, (slug, name, description) in enumerate(DIMENSIONS):
        dimensions[slug] = Dimension.objects.create(slug=slug, name=name, description=description, sort_order=order)
    for order, (slug, kind, text, hint, options) in enumerate(QUESTIONS):
        question = CheckQuestion.objects.create(
            dimension=dimensions[slug], kind=kind, text=text, hint=hint, sort_order=order
        )
        for position, (option_text, points, signal) in enumerate(options):
            CheckOption.objects.create(
                question=question, text=option_text, points=points, signal=signal, sort_order=position
            )
    questions = CheckQuestion.objects.select_related("dimension").prefetch_related("options").order_by("sort_order")
    bank = snapshot(Dimension.objects.order_by("sort_order"), questions)
    CheckVersion.objects.create(number=1, bank=bank, notes="First published check", published_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("business", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
