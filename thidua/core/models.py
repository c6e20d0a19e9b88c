from __future__ import annotations

import hashlib
import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


def random_stored_name(filename: str) -> str:
    """A random storage name that keeps only the (lower-case) extension of the uploaded name."""
    return f"{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def stored_file_path(instance: StoredFile, filename: str) -> str:
    """``<folder>/<year>/<month>/<random>.<ext>``: the folder is the model's ``storage_folder``."""
    now = instance.created or _now()
    return f"{instance.storage_folder}/{now:%Y/%m}/{random_stored_name(filename)}"


def _now() -> Any:
    from django.utils import timezone

    return timezone.now()


class StoredFile(TimestampedModel):
    """An uploaded file (evidence, attachment): what every such model keeps, once.

    The file is stored under a random name (``stored_file_path``); the uploaded name is kept
    only as ``original_name``. Files are never served directly: each app's download view checks
    scope, then calls ``core.http.serve_stored_file``. ``created`` is when it was uploaded.
    Subclasses set ``storage_folder`` and add the foreign key to what they are attached to.
    """

    storage_folder = "files"

    file = models.FileField(_("tệp"), upload_to=stored_file_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0)
    content_type = models.CharField(_("kiểu tệp"), max_length=100, blank=True)
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name

    def set_upload(self, upload: UploadedFile, *, by: Any = None) -> None:
        """Fill every field from an upload (name, size, type, hash, who): call before ``save``."""
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        self.file = upload
        self.original_name = (upload.name or "")[:255]
        self.size = upload.size or 0
        self.content_type = (getattr(upload, "content_type", "") or "")[:100]
        self.sha256 = digest.hexdigest()
        if by is not None:
            self.uploaded_by = by
