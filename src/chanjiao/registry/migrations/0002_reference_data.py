"""Load the shipped administrative divisions and CSCO 2022 occupations."""

from django.db import migrations


def load(apps, schema_editor):
    from chanjiao.registry.services import load_reference_data

    load_reference_data(apps.get_model("registry", "Region"), apps.get_model("registry", "Occupation"))


def unload(apps, schema_editor):
    apps.get_model("registry", "Occupation").objects.update(parent=None)
    apps.get_model("registry", "Occupation").objects.all().delete()
    apps.get_model("registry", "Region").objects.update(parent=None)
    apps.get_model("registry", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
