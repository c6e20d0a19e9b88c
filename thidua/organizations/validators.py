"""Validation rules shared by services, forms, the importer and the API."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")


def validate_code(code: str) -> None:
    if not CODE_RE.match(code or ""):
        raise ValidationError(
            _(
                "Mã “{code}” không hợp lệ: bắt đầu bằng chữ hoặc số, chỉ dùng chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới (tối đa 40 ký tự)."
            ).format(code=code),
            code="invalid_code",
        )


def validate_period(valid_from: dt.date | None, valid_to: dt.date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError(
            _("Ngày kết thúc ({end:%d/%m/%Y}) đứng trước ngày bắt đầu ({start:%d/%m/%Y}).").format(
                end=valid_to, start=valid_from
            ),
            code="dates_out_of_order",
        )
