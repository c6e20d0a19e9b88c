# The keyed chain (docs/audit.md), step 1 of 3: a sequence per event and in the head.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(null=True, verbose_name="số thứ tự"),
        ),
        migrations.AddField(
            model_name="auditchainhead",
            name="last_sequence",
            field=models.PositiveBigIntegerField(default=0),
        ),
    ]
