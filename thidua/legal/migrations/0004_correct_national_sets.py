"""Rewrites the national rule sets with the corrected values of docs/dev/awards-design.md §2.4
(from ``thidua/legal/data/national.py``), loads the parameter vocabulary and the instruments,
moves the default scoring scale to its own family and types every other parameter."""

from django.db import migrations

from thidua.legal.data.loader import load_all


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0003_versions_and_typed_parameters"),
        ("scoring", "0002_default_rule_set"),
    ]

    operations = [migrations.RunPython(load_all, migrations.RunPython.noop)]
