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
