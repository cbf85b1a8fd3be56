"""The six built-in document categories."""

from django.db import migrations

BUILTIN = [
    ("pleadings", "Pleadings"),
    ("discovery", "Discovery"),
    ("correspondence", "Correspondence"),
    ("evidence", "Evidence"),
    ("research", "Research"),
    ("internal", "Internal"),
]


def add(apps, schema_editor):
    Category = apps.get_model("documents", "Category")
    for position, (slug, name) in enumerate(BUILTIN, start=1):
        Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "builtin": True, "position": position}
        )


def remove(apps, schema_editor):
    apps.get_model("documents", "Category").objects.filter(builtin=True).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
