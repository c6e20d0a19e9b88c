from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.uploads import DOCUMENT_TYPES, validate_upload

pytestmark = [pytest.mark.unit]


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_pdf_and_docx_are_accepted() -> None:
    validate_upload(
        SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.7 ..."), allowed=DOCUMENT_TYPES, max_mb=1
    )
    validate_upload(
        SimpleUploadedFile("quy-che.docx", docx_bytes()), allowed=DOCUMENT_TYPES, max_mb=1
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ...", r"không đúng loại. Chỉ nhận: PDF, Word \(DOCX\)"),
        ("gia.pdf", b"<html>not a pdf</html>", "không phải PDF hợp lệ"),
        ("gia.docx", b"PK\x03\x04 broken", r"không phải Word \(DOCX\) hợp lệ"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_bad_files_are_refused_with_vietnamese_message(
    name: str, content: bytes, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_upload(SimpleUploadedFile(name, content), allowed=DOCUMENT_TYPES, max_mb=1)


def test_too_large_file_is_refused() -> None:
    big = SimpleUploadedFile("lon.pdf", b"%PDF-" + b"0" * (1024 * 1024 + 10))
    with pytest.raises(ValidationError, match=r"quá lớn \(1.0 MB\). Tối đa 1 MB"):
        validate_upload(big, allowed=DOCUMENT_TYPES, max_mb=1)
