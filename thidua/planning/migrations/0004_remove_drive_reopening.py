"""The old report deadline column and the ``DriveReopening`` model go (carried over by 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0003_carry_drive_reopenings"),
    ]

    operations = [
        migrations.RemoveField(model_name="drive", name="report_due_at"),
        migrations.DeleteModel(name="DriveReopening"),
    ]
