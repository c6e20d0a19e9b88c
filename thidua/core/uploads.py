"""Validating uploaded files (attachments, evidence) by type and size, from their content too."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# extension -> test on the first bytes (and for zip-based Office files, the archive content)
KNOWN_TYPES = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
}
DOCUMENT_TYPES = ("pdf", "docx")
EVIDENCE_TYPES = ("pdf", "docx", "xlsx", "png", "jpg", "jpeg")


def _looks_like(extension: str, upload: UploadedFile) -> bool:  # noqa: PLR0911 -- one test per type
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in {"jpg", "jpeg"}:
        return head.startswith(b"\xff\xd8\xff")
    if extension in {"docx", "xlsx"}:
        if not head.startswith(b"PK"):
            return False
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return False
        finally:
            upload.seek(0)
        marker = "word/document.xml" if extension == "docx" else "xl/workbook.xml"
        return "[Content_Types].xml" in names and marker in names
    return False


def validate_upload(upload: UploadedFile, *, allowed: Iterable[str], max_mb: int) -> None:
    """Raise a Vietnamese ValidationError unless the file is one of ``allowed`` types and small enough."""
    allowed = tuple(allowed)
    name = upload.name or ""
    extension = PurePath(name).suffix.lower().lstrip(".")
    labels = ", ".join(dict.fromkeys(KNOWN_TYPES[a] for a in allowed))
    if extension not in allowed:
        raise ValidationError(
            _("Tệp “{name}” không đúng loại. Chỉ nhận: {types}.").format(name=name, types=labels),
            code="wrong_type",
        )
    if upload.size is not None and upload.size > max_mb * 1024 * 1024:
        raise ValidationError(
            _("Tệp “{name}” quá lớn ({size:.1f} MB). Tối đa {max} MB.").format(
                name=name, size=upload.size / 1024 / 1024, max=max_mb
            ),
            code="too_large",
        )
    if not upload.size:
        raise ValidationError(_("Tệp “{name}” rỗng.").format(name=name), code="empty")
    if not _looks_like(extension, upload):
        raise ValidationError(
            _("Nội dung tệp “{name}” không phải {type} hợp lệ.").format(
                name=name, type=KNOWN_TYPES[extension]
            ),
            code="content_mismatch",
        )
