from django.db import migrations

AREAS = [
    ("understanding-ai", "Understanding AI", "What AI is and is not, how it learns, and where it is used around you."),
    (
        "using-ai-tools",
        "Using AI tools",
        "Getting useful results from AI assistants and AI features at home and at work.",
    ),
    (
        "checking-ai-outputs",
        "Checking AI outputs",
        "Spotting mistakes, made-up facts and bias, and checking before you trust.",
    ),
    ("staying-safe", "Staying safe", "Privacy, scams and deepfakes, and what not to paste into a chatbot."),
    (
        "ai-rights-and-society",
        "AI, rights and society",
        "Fairness, jobs, the law, and how to challenge a decision made by a computer.",
    ),
    ("creating-with-ai", "Creating with AI", "Solving a real problem with AI, from a spreadsheet to a prototype."),
]

LEVELS = [
    (0, "Starting out", "New to this. Everyone starts somewhere, and our drop-ins are made for you."),
    (1, "Explorer", "Has tried things and knows the basics, with some gaps."),
    (2, "Confident user", "Uses AI sensibly and safely, and checks what it says."),
    (3, "Champion", "Confident and knowledgeable enough to help other people."),
    (4, "Creator", "Has built something useful with AI, shown in a project on this site."),
]


def load(apps, schema_editor):
    Area = apps.get_model("skills", "Area")
    Level = apps.get_model("skills", "Level")
    for order, (slug, name, description) in enumerate(AREAS, start=1):
        Area.objects.get_or_create(slug=slug, defaults={"name": name, "description": description, "sort_order": order})
    for number, name, description in LEVELS:
        Level.objects.get_or_create(number=number, defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_framework")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
