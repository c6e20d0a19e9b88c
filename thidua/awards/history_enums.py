"""Glossary of award history: AwardRecord = a title or form a unit or a person received
(khen thưởng đã nhận), with its decision; CollectiveYear = the yearly facts of a collective
(tập thể); InitiativeUse = the one proposal an initiative supported (D-6)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardSource(models.TextChoices):
    IMPORT = "import", _("Nhập từ tệp")
    ENTRY = "entry", _("Nhập trực tiếp")
    PROPOSAL = "proposal", _("Từ hồ sơ đề nghị")
    PRESS = "press", _("Theo bản tin, báo chí (chưa có quyết định)")


class CollectiveSource(models.TextChoices):
    IMPORT = "import", _("Nhập từ tệp")
    ENTRY = "entry", _("Nhập trực tiếp")
