"""Plan attachments and drive evidence become ``core.models.StoredFile`` (type and hash added).

Every existing file stays where it is: its stored name does not change, only new uploads go under
``planning/plans/`` and ``planning/drives/``. The type (from the uploaded name) and the SHA-256
of each existing file are filled in when the file is present in the storage.
"""

import hashlib
import mimetypes

import django.db.models.deletion
from django.core.files.storage import default_storage
from django.conf import settings
from django.db import migrations, models




def _fill(model):
    for row in model.objects.filter(sha256="").exclude(file="").iterator():
        row.content_type = (mimetypes.guess_type(row.original_name)[0] or "")[:100]
        try:
            with default_storage.open(row.file.name, "rb") as handle:
                digest = hashlib.sha256()
                for chunk in iter(lambda: handle.read(1 << 16), b""):
                    digest.update(chunk)
        except OSError:  # missing from the storage: the type only
            model.objects.filter(pk=row.pk).update(content_type=row.content_type)
            continue
        model.objects.filter(pk=row.pk).update(
            content_type=row.content_type, sha256=digest.hexdigest()
        )


def fill_type_and_hash(apps, schema_editor):
    _fill(apps.get_model("planning", "PlanAttachment"))
    _fill(apps.get_model("planning", "DriveEvidence"))


class Migration(migrations.Migration):

    dependencies = [
        ('planning', '0004_remove_drive_reopening'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='driveevidence',
            name='content_type',
            field=models.CharField(blank=True, max_length=100, verbose_name='kiểu tệp'),
        ),
        migrations.AddField(
            model_name='driveevidence',
            name='sha256',
            field=models.CharField(blank=True, max_length=64, verbose_name='mã băm SHA-256'),
        ),
        migrations.AddField(
            model_name='planattachment',
            name='content_type',
            field=models.CharField(blank=True, max_length=100, verbose_name='kiểu tệp'),
        ),
        migrations.AddField(
            model_name='planattachment',
            name='sha256',
            field=models.CharField(blank=True, max_length=64, verbose_name='mã băm SHA-256'),
        ),
        migrations.AlterField(
            model_name='driveevidence',
            name='uploaded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tải lên'),
        ),
        migrations.AlterField(
            model_name='planattachment',
            name='uploaded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người tải lên'),
        ),
        migrations.RunPython(fill_type_and_hash, migrations.RunPython.noop),
    ]
