"""The free-text province of an award type is gone: ``authority`` replaced it (0008, 0009)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0009_award_type_authority_data'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='awardtype',
            name='province',
        ),
    ]
