"""A local award variant belongs to an authority (``AwardType.authority``, empty = national);
0009 maps the old free-text province to it, 0010 drops the province."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0007_award_history'),
        ('organizations', '0003_authority_dates_parent_and_succession'),
    ]

    operations = [
        migrations.AddField(
            model_name='awardtype',
            name='authority',
            field=models.ForeignKey(blank=True, help_text='Để trống nếu áp dụng toàn quốc.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='award_types', to='organizations.authority', verbose_name='chỉ áp dụng tại cơ quan'),
        ),
    ]
