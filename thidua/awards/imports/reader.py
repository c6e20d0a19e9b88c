"""A history file → its rows, sheet by sheet, each cell read (``core.sheets`` reads the file).
An XLSX names its sheets (“Cá nhân”, “Xếp loại”…; any subset); a CSV is one sheet, recognised by
its headers. A wrong or missing column, an unreadable cell or a wrong encoding is an error."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from thidua.awards.imports.columns import (
    EXAMPLE_MARK,
    IGNORED,
    SHEET_BY_NAME,
    SHEETS,
    SheetSpec,
)
from thidua.awards.imports.report import ErrorLog
from thidua.clusters.imports.columns import CellError
from thidua.core.sheets import (
    HEADER_SEARCH_ROWS,
    ImportFileError,
    Sheet,
    column_letter,
    file_kind,
    normalize_header,
    read_csv,
    read_xlsx,
    thousands,
)

NOTES_SHEET = "Hướng dẫn"
WEB_MAX_ROWS = 5_000  # the page; rows of all sheets together
HISTORY_MAX_ROWS = 200_000  # the command (core.sheets keeps rows in memory)
COMMAND = "thidua import-history"


@dataclass
class Row:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    ok: bool = True


@dataclass
class SheetRows:
    spec: SheetSpec
    name: str  # as written in the file ("" for a CSV)
    rows: list[Row] = field(default_factory=list)


def _best_spec(cells: list[Any]) -> SheetSpec | None:
    """The sheet whose required headers are all in ``cells``, the one matching most."""
    folded = {normalize_header(c) for c in cells if c is not None}
    best: tuple[int, SheetSpec] | None = None
    for spec in SHEETS:
        index = spec.index
        required = {normalize_header(c.header) for c in spec.columns if c.required}
        if not required <= folded:
            continue
        score = len(folded & set(index))
        if best is None or score > best[0]:
            best = (score, spec)
    return best[1] if best else None


def _header_row(sheet: Sheet, spec: SheetSpec | None) -> tuple[int, list[Any], SheetSpec] | None:
    for number, cells in sheet.rows[:HEADER_SEARCH_ROWS]:
        if spec is not None:
            folded = {normalize_header(c) for c in cells if c is not None}
            if normalize_header(spec.columns[0].header) in folded:
                return number, cells, spec
        elif (found := _best_spec(cells)) is not None:
            return number, cells, found
    return None


def read_file(data: bytes, filename: str, max_rows: int, errors: ErrorLog) -> list[SheetRows]:
    """Every sheet of the file with its rows; errors go to ``errors`` (nothing raised)."""
    try:
        if file_kind(data, filename) == "csv":
            found = _read_sheet(read_csv(data, filename, max_rows), None, errors)
            result = [found] if found else []
        else:
            result = _read_workbook(read_xlsx(data, filename, max_rows), errors)
    except ImportFileError as exc:
        errors.add("", 0, "", exc.message)
        return []
    total = sum(len(s.rows) for s in result)
    if total > max_rows:
        errors.add("", 0, "", _too_many(max_rows))
        return []
    if not errors and total == 0:
        errors.add("", 0, "", _("Tệp không có dữ liệu (không có dòng nào)."))
    return result


def _too_many(max_rows: int) -> str:
    if max_rows < HISTORY_MAX_ROWS:
        return _(
            "Tệp có quá nhiều dòng để nhập trên trang web: tối đa {limit} dòng mỗi lần. Hãy chia "
            "nhỏ tệp, hoặc nhờ quản trị viên dùng lệnh “{command}”."
        ).format(limit=thousands(max_rows), command=COMMAND)
    return _("Tệp có quá nhiều dòng: tối đa {limit} dòng mỗi lần nhập; hãy chia nhỏ tệp.").format(
        limit=thousands(max_rows)
    )


def _read_workbook(sheets: list[Sheet], errors: ErrorLog) -> list[SheetRows]:
    result: list[SheetRows] = []
    seen: dict[str, str] = {}
    for sheet in sheets:
        folded = normalize_header(sheet.name)
        if folded == normalize_header(NOTES_SHEET) or not sheet.rows:
            continue
        if sheet.truncated:
            errors.add(sheet.name, 0, "", _too_many(sheet.max_rows))
            continue
        spec = SHEET_BY_NAME.get(folded)
        if spec is None:
            errors.add(
                sheet.name,
                0,
                "",
                _(
                    "Trang tính “{sheet}” không được nhận ra. Tên trang phải là một trong: "
                    "{names} (hoặc “{notes}”, được bỏ qua)."
                ).format(
                    sheet=sheet.name,
                    names=", ".join(f"“{s.name}”" for s in SHEETS),
                    notes=NOTES_SHEET,
                ),
            )
            continue
        if spec.key in seen:
            errors.add(
                sheet.name,
                0,
                "",
                _("Trang “{sheet}” trùng với trang “{other}”.").format(
                    sheet=sheet.name, other=seen[spec.key]
                ),
            )
            continue
        seen[spec.key] = sheet.name
        if (found := _read_sheet(sheet, spec, errors)) is not None:
            result.append(found)
    return result


def _read_sheet(sheet: Sheet, spec: SheetSpec | None, errors: ErrorLog) -> SheetRows | None:
    if sheet.truncated:
        errors.add(sheet.name, 0, "", _too_many(sheet.max_rows))
        return None
    header = _header_row(sheet, spec)
    if header is None:
        errors.add(sheet.name, 0, "", _missing_header(sheet.name, spec))
        return None
    number, cells, spec = header
    mapping = _map_headers(spec, sheet.name or spec.name, number, cells, errors)
    if mapping is None:
        return None
    result = SheetRows(spec=spec, name=sheet.name or spec.name)
    stt = next((i for i, c in enumerate(cells) if normalize_header(c) in IGNORED), None)
    for row_number, row_cells in sheet.rows:
        if row_number <= number:
            continue
        if stt is not None and _is_example(row_cells, stt):
            continue
        if not any(_filled(row_cells, i) for i in mapping.values()):
            continue  # only a number in the STT column: a row prepared but not filled in
        result.rows.append(_read_row(result, row_number, row_cells, mapping, errors))
    return result


def _filled(cells: list[Any], index: int) -> bool:
    return index < len(cells) and cells[index] is not None and str(cells[index]).strip() != ""


def _is_example(cells: list[Any], stt: int) -> bool:
    return stt < len(cells) and normalize_header(cells[stt]) == EXAMPLE_MARK


def _missing_header(sheet_name: str, spec: SheetSpec | None) -> str:
    if spec is None:
        return _(
            "Không nhận ra dòng tiêu đề trong {rows} dòng đầu của tệp. Tệp CSV chứa một trang: "
            "dòng tiêu đề phải có đủ các cột bắt buộc (có dấu *) của trang đó, như trong tệp mẫu."
        ).format(rows=HEADER_SEARCH_ROWS)
    return _(
        "Không tìm thấy dòng tiêu đề có cột “{column}” trong {rows} dòng đầu của trang “{sheet}”."
    ).format(column=spec.columns[0].header, rows=HEADER_SEARCH_ROWS, sheet=sheet_name)


def _map_headers(
    spec: SheetSpec, sheet: str, number: int, cells: list[Any], errors: ErrorLog
) -> dict[str, int] | None:
    index, mapping, before = spec.index, {}, len(errors)
    for position, cell in enumerate(cells):
        text = normalize_header(cell)
        if not text or text in IGNORED:
            continue
        key = index.get(text)
        letter = column_letter(position)
        if key is None:
            errors.add(
                sheet,
                number,
                str(cell),
                _(
                    "Cột “{header}” (cột {letter}) không thuộc trang “{sheet}”. Các cột của trang: "
                    "{columns}."
                ).format(
                    header=str(cell).strip(),
                    letter=letter,
                    sheet=spec.name,
                    columns=", ".join(f"“{c.header}”" for c in spec.columns),
                ),
            )
        elif key in mapping:
            errors.add(
                sheet,
                number,
                spec.column(key).header,
                _("Cột “{header}” có hai lần (cột {letter}).").format(
                    header=spec.column(key).header, letter=letter
                ),
            )
        else:
            mapping[key] = position
    for column in spec.columns:
        if column.required and column.key not in mapping:
            errors.add(
                sheet,
                number,
                column.header,
                _("Thiếu cột bắt buộc “{header}”.").format(header=column.header),
            )
    return mapping if len(errors) == before else None


def _read_row(
    sheet: SheetRows, number: int, cells: list[Any], mapping: dict[str, int], errors: ErrorLog
) -> Row:
    row = Row(number=number)
    for column in sheet.spec.columns:
        position = mapping.get(column.key)
        value = cells[position] if position is not None and position < len(cells) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            if column.required:
                errors.add(
                    sheet.name,
                    number,
                    column.header,
                    _("Thiếu “{header}”.").format(header=column.header),
                )
                row.ok = False
            continue
        try:
            row.values[column.key] = column.read(value)
        except CellError as exc:
            errors.add(sheet.name, number, column.header, str(exc))
            row.ok = False
    return row
