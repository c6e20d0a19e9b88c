from django.db import migrations


def load(apps, schema_editor):
    from thidua.awards.catalogue import load_catalogue

    load_catalogue(apps.get_model("awards", "AwardType"))


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
