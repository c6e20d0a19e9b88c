"""From the file to typed rows (reusing the unit import's reader), with row errors in Vietnamese."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from thidua.clusters.imports.columns import CellError, clean_text, normalize_header
from thidua.core.sheets import MAX_ROWS, ImportFileError, Sheet, SheetFormat, read_sheet
from thidua.restructuring.imports.columns import COLUMNS, HEADERS, PARSERS, ImportRow

HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class RowError:
    row: int  # 0: the whole file
    column: str
    message: str


def read_file(data: bytes, filename: str, max_rows: int = MAX_ROWS) -> Sheet:
    """The sheet of decisions (the first sheet, or the CSV file), refusing a file over
    ``max_rows`` rows or without the “Mã đơn vị cũ” header (``core.sheets``)."""
    fmt = SheetFormat(
        is_header=_is_header,
        missing_header=lambda _sheet: _(
            "Không tìm thấy dòng tiêu đề có cột “Mã đơn vị cũ”. Hãy tải tệp mẫu và chép dữ liệu "
            "vào đó."
        ),
        what=_("quyết định sắp xếp đơn vị"),
        command="thidua restructure",
    )
    return read_sheet(data, filename, fmt, max_rows)


def _is_header(cells: list[Any]) -> bool:
    return any(HEADERS.get(normalize_header(cell)) == "old_code" for cell in cells)


def read_rows(sheet: Sheet, errors: list[RowError]) -> list[ImportRow]:
    header = next(
        (
            (number, cells)
            for number, cells in sheet.rows[:HEADER_SEARCH_ROWS]
            if any(HEADERS.get(normalize_header(cell)) == "old_code" for cell in cells)
        ),
        None,
    )
    if header is None:
        raise ImportFileError(
            _(
                "Không tìm thấy dòng tiêu đề có cột “Mã đơn vị cũ”. Hãy tải tệp mẫu và chép dữ liệu vào đó."
            )
        )
    number, cells = header
    mapping = {
        HEADERS[normalize_header(c)]: i
        for i, c in enumerate(cells)
        if normalize_header(c) in HEADERS
    }
    missing = [c.header for c in COLUMNS if c.required and c.key not in mapping]
    if missing:
        raise ImportFileError(
            _("Thiếu cột: {columns}.").format(columns=", ".join(f"“{h}”" for h in missing))
        )
    rows = []
    for row_number, row_cells in sheet.rows:
        if row_number > number and (row := _read_row(row_number, row_cells, mapping, errors)):
            rows.append(row)
    return rows


def _read_row(
    number: int, cells: list[Any], mapping: dict[str, int], errors: list[RowError]
) -> ImportRow | None:
    values: dict[str, Any] = {}
    ok = True
    for column in COLUMNS:
        index = mapping.get(column.key)
        raw = cells[index] if index is not None and index < len(cells) else None
        try:
            value = PARSERS.get(column.key, clean_text)(raw)
        except CellError as exc:
            errors.append(RowError(number, column.header, str(exc)))
            ok = False
            continue
        if column.required and not value:
            errors.append(RowError(number, column.header, _("Ô này không được để trống.")))
            ok = False
        values[column.key] = value if value is not None else ""
    return ImportRow(number=number, **values) if ok else None
