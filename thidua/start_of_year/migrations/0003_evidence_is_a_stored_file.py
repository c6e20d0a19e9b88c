"""Evidence becomes a ``core.models.StoredFile``: the same file fields as every other upload.

Every existing file stays where it is (its stored name under ``cycle/evidence/`` is kept; only new
uploads get the new ``upload_to``). The new columns are filled for existing rows: the type from
the uploaded name, who uploaded it from the progress report's author, and the SHA-256 (and size)
from the file when it is present in storage.
"""

import hashlib
import mimetypes

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import thidua.core.models


def fill_stored_file_fields(apps, schema_editor):
    Evidence = apps.get_model("start_of_year", "Evidence")
    rows = Evidence.objects.using(schema_editor.connection.alias).select_related("progress")
    for evidence in rows.iterator(chunk_size=500):
        evidence.content_type = (mimetypes.guess_type(evidence.original_name)[0] or "")[:100]
        evidence.uploaded_by_id = evidence.progress.author_id
        digest, size = _hash(evidence.file)
        if digest:
            evidence.sha256, evidence.size = digest, size
        evidence.save(update_fields=["content_type", "uploaded_by", "sha256", "size"])


def _hash(field_file):
    """SHA-256 and size of a stored file, or ("", 0) when it is missing from storage."""
    if not field_file:
        return "", 0
    digest, size = hashlib.sha256(), 0
    try:
        with field_file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        return "", 0
    return digest.hexdigest(), size


class Migration(migrations.Migration):
    dependencies = [
        ("start_of_year", "0002_rename_cyclesettings_yearsettings"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="evidence",
            name="content_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="kiểu tệp"),
        ),
        migrations.AddField(
            model_name="evidence",
            name="sha256",
            field=models.CharField(blank=True, max_length=64, verbose_name="mã băm SHA-256"),
        ),
        migrations.AddField(
            model_name="evidence",
            name="uploaded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="người tải lên",
            ),
        ),
        migrations.AlterField(
            model_name="evidence",
            name="file",
            field=models.FileField(
                max_length=255,
                upload_to=thidua.core.models.stored_file_path,
                verbose_name="tệp",
            ),
        ),
        migrations.AlterField(
            model_name="evidence",
            name="size",
            field=models.PositiveBigIntegerField(default=0, verbose_name="dung lượng (byte)"),
        ),
        migrations.RunPython(fill_stored_file_fields, migrations.RunPython.noop),
    ]
