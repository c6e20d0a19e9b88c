"""Files and small builders for planning tests. Domain objects are made through the services."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name: str = "ke-hoach.pdf", size: int | None = None) -> SimpleUploadedFile:
    content = PDF_BYTES if size is None else PDF_BYTES + b"0" * (size - len(PDF_BYTES))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_upload(name: str = "quy-che.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(
        name,
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def png_upload(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + b"0" * 32, content_type="image/png")


def fake_pdf_upload(name: str = "gia-mao.pdf") -> SimpleUploadedFile:
    """A .pdf whose content is not a PDF (an executable renamed)."""
    return SimpleUploadedFile(name, b"MZ\x90\x00not a pdf at all", content_type="application/pdf")


def exe_upload(name: str = "virus.exe") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00", content_type="application/octet-stream")
