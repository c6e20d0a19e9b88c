"""Shared by the workbooks: the content type, the styles, numbers as Excel shows them, writing a
header row, and reading a cell or an uploaded file."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="999999")
    return {
        "bold": Font(bold=True),
        "title": Font(bold=True, size=13),
        "header_fill": PatternFill("solid", fgColor="E8EAEE"),
        "group_fill": PatternFill("solid", fgColor="F5F0E1"),
        "locked_fill": PatternFill("solid", fgColor="EEEEEE"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
    }


def save(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def num(value: Decimal | None) -> Decimal | int | None:
    """A number as Excel shows it: 10 rather than 10.00."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def header_row(ws: Any, st: dict[str, Any], row: int, titles: Sequence[str]) -> None:
    """Bold, shaded, bordered and centred titles in ``row``."""
    for col, title in enumerate(titles, start=1):
        cell = ws.cell(row=row, column=col, value=title)
        cell.font, cell.fill, cell.border, cell.alignment = (
            st["bold"],
            st["header_fill"],
            st["border"],
            st["center"],
        )


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
