"""Names a newcomer can guess: the year's limits are ``YearSettings`` (was ``CycleSettings``)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0002_deadlines"),
        ("start_of_year", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="CycleSettings", new_name="YearSettings"),
        migrations.AlterField(
            model_name="yearsettings",
            name="cluster_year",
            field=models.OneToOneField(
                on_delete=models.deletion.CASCADE,
                related_name="start_of_year_settings",
                to="clusters.clusteryear",
            ),
        ),
    ]
