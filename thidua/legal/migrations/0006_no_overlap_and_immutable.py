"""Published versions of one family and authority never overlap in received dates (PostgreSQL:
an exclusion constraint, which needs ``btree_gist``; SQLite: triggers); the parameters of a
published version are immutable (triggers)."""

from django.db import migrations

from thidua.legal.db import PARAMETERS_IMMUTABLE, RULE_SET_OVERLAP


class Migration(migrations.Migration):
    dependencies = [("legal", "0005_typed_parameters_only")]

    operations = [
        migrations.RunPython(RULE_SET_OVERLAP.install, RULE_SET_OVERLAP.uninstall),
        migrations.RunPython(PARAMETERS_IMMUTABLE.install, PARAMETERS_IMMUTABLE.uninstall),
    ]
