"""Evidence becomes a ``core.models.StoredFile`` (type, SHA-256, random storage names for new
uploads) and the scale's defaults live only in the rule set.

Existing evidence keeps its stored file: only the ``upload_to`` of new uploads changes, every
row keeps its ``file`` name. The type and hash of existing files are filled in when the file is
still in storage (a missing file is left as it is and still answers 404 on download).
"""

import hashlib
import mimetypes

import django.db.models.deletion
import thidua.core.models
from django.conf import settings
from django.db import migrations, models


def fill_type_and_hash(apps, schema_editor):
    Evidence = apps.get_model("scoring", "Evidence")
    for evidence in Evidence.objects.filter(sha256="").iterator():
        try:
            handle = evidence.file.open("rb")
        except (FileNotFoundError, OSError, ValueError):
            continue
        digest = hashlib.sha256()
        with handle:
            for chunk in handle.chunks():
                digest.update(chunk)
        evidence.sha256 = digest.hexdigest()
        evidence.content_type = mimetypes.guess_type(evidence.original_name)[0] or ""
        evidence.save(update_fields=["sha256", "content_type"])


class Migration(migrations.Migration):

    dependencies = [
        ('scoring', '0002_default_rule_set'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='evidence',
            name='content_type',
            field=models.CharField(blank=True, max_length=100, verbose_name='kiểu tệp'),
        ),
        migrations.AddField(
            model_name='evidence',
            name='sha256',
            field=models.CharField(blank=True, max_length=64, verbose_name='mã băm SHA-256'),
        ),
        migrations.AlterField(
            model_name='criteriaset',
            name='bonus_cap',
            field=models.DecimalField(decimal_places=2, max_digits=8, verbose_name='điểm thưởng tối đa'),
        ),
        migrations.AlterField(
            model_name='criteriaset',
            name='max_total',
            field=models.DecimalField(decimal_places=2, max_digits=8, verbose_name='thang điểm'),
        ),
        migrations.AlterField(
            model_name='evidence',
            name='file',
            field=models.FileField(max_length=255, upload_to=thidua.core.models.stored_file_path, verbose_name='tệp'),
        ),
        migrations.AlterField(
            model_name='evidence',
            name='size',
            field=models.PositiveBigIntegerField(default=0, verbose_name='dung lượng (byte)'),
        ),
        migrations.AlterField(
            model_name='evidence',
            name='uploaded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tải lên'),
        ),
        migrations.AlterField(
            model_name='scoringround',
            name='aggregation',
            field=models.CharField(choices=[('mean', 'Trung bình cộng'), ('median', 'Trung vị')], max_length=10, verbose_name='cách tổng hợp điểm chấm chéo'),
        ),
        migrations.AlterField(
            model_name='scoringround',
            name='outlier_gap_points',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='lệch so với trung vị quá (điểm)'),
        ),
        migrations.AlterField(
            model_name='scoringround',
            name='outlier_mad_k',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='hệ số k (lệch so với trung vị > k × MAD)'),
        ),
        migrations.RunPython(fill_type_and_hash, migrations.RunPython.noop),
    ]
