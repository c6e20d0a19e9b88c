"""Shared by the workbooks: numbers as Excel shows them, and reading a cell or an uploaded file.
The print setup, styles and safe cells of every export are in ``thidua.core.xlsx``; every
upload is bounded by ``thidua.core.sheet_bounds`` before openpyxl parses it."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core.sheet_bounds import ImportFileError, SheetLimits, check_xlsx
from thidua.core.xlsx import XLSX_TYPE

__all__ = ["SCORING_LIMITS", "XLSX_TYPE", "SheetValues", "cell_text", "num", "open_first_sheet"]


def num(value: Decimal | None) -> Decimal | int | None:
    """A number as Excel shows it: 10 rather than 10.00."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


# A unit sheet or criteria table is a few hundred rows of about ten columns; a file spanning
# more is refused before openpyxl opens it (``thidua.core.sheet_bounds``, docs/import-limits.md).
SCORING_LIMITS = SheetLimits(rows=5_000, columns=100, cells=200_000)


@dataclass(frozen=True)
class _Cell:
    value: Any


class SheetValues:
    """The values of an uploaded workbook's first sheet, read in one streamed pass
    (openpyxl read-only mode, where each ``ws["B2"]`` would parse the sheet again);
    ``values["B2"].value`` and ``max_row`` as on an openpyxl worksheet."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.rows = rows
        self.max_row = max(len(rows), 1)

    def __getitem__(self, ref: str) -> _Cell:
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        letters, row = coordinate_from_string(ref)
        column = column_index_from_string(letters)
        cells = self.rows[row - 1] if row <= len(self.rows) else ()
        return _Cell(cells[column - 1] if column <= len(cells) else None)


def open_first_sheet(upload: Any) -> SheetValues:
    """The first sheet of an uploaded XLSX, bounded by ``SCORING_LIMITS`` before it is parsed;
    a ValidationError in Vietnamese for a damaged or oversized file."""
    from openpyxl import load_workbook

    upload.seek(0)
    data = upload.read()
    try:
        check_xlsx(data, upload.name or "", SCORING_LIMITS)
    except ImportFileError as exc:
        raise ValidationError(exc.message, code="bad_file") from None
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise _unreadable(exc) from exc
    try:
        worksheet = workbook.worksheets[0]
        worksheet.reset_dimensions()  # a wrong stored size must not hide rows
        return SheetValues(list(worksheet.iter_rows(values_only=True)))
    except Exception as exc:  # no sheet, or a sheet damaged mid-way (found while reading it)
        raise _unreadable(exc) from exc
    finally:
        workbook.close()


def _unreadable(exc: Exception) -> ValidationError:
    return ValidationError(
        _("Không đọc được tệp Excel: {error}").format(error=exc), code="bad_file"
    )


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
