"""Shared by the workbooks: numbers as Excel shows them, and reading a cell or an uploaded file.
The print setup, styles and safe cells of every export are in ``thidua.core.xlsx``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core.xlsx import XLSX_TYPE

__all__ = ["XLSX_TYPE", "cell_text", "num", "open_workbook"]


def num(value: Decimal | None) -> Decimal | int | None:
    """A number as Excel shows it: 10 rather than 10.00."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def open_workbook(upload: Any) -> Any:
    from openpyxl import load_workbook

    try:
        upload.seek(0)
        return load_workbook(upload, data_only=True, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ValidationError(
            _("Không đọc được tệp Excel: {error}").format(error=exc), code="bad_file"
        ) from exc


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
