from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX (Word)"


class Channel(models.TextChoices):
    """Where a document was generated."""

    WEB = "web", _("Tải về trên trang")
    CLI = "cli", _("Dòng lệnh")


class SigningMode(models.TextChoices):
    """An original to sign (a blank for the signature and seal) or a copy ("(Đã ký)")."""

    ORIGINAL = "original", _("Bản để ký (chừa chỗ ký, đóng dấu)")
    COPY = "copy", _("Bản sao (ghi “Đã ký”)")
