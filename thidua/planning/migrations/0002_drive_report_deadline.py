"""A drive's report deadline becomes a step deadline of its cluster year (step ``drive_report``,
key ``drive-<number>``), the same ``Deadline`` the other steps have. Schema only: the data is
carried over by 0003, the old column and model are removed by 0004 (separate transactions, so
PostgreSQL never alters a table with pending constraint checks)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0004_deadline_key"),
        ("planning", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="drive",
            name="report_deadline",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="clusters.deadline",
                verbose_name="hạn báo cáo kết quả",
            ),
        ),
    ]
