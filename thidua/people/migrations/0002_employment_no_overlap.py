"""A person works in one unit at a time: a PostgreSQL exclusion constraint (``btree_gist``) or
SQLite triggers (``people.db``)."""

from django.db import migrations

from thidua.people.db import EMPLOYMENT_OVERLAP


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        migrations.RunPython(EMPLOYMENT_OVERLAP.install, EMPLOYMENT_OVERLAP.uninstall),
    ]
