"""From raw cells to typed rows: header matching and per-cell checks, no database access."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.clusters.imports.columns import (
    COLUMNS,
    HEADER_INDEX,
    IGNORED_HEADERS,
    CellError,
    RowRole,
    clean_text,
    header_label,
    normalize_header,
    parse_cluster_kind,
    parse_date,
    parse_role,
    parse_unit_kind,
    parse_year,
)
from thidua.clusters.imports.reader import ImportFileError, Sheet, is_unit_header
from thidua.clusters.models import Cluster
from thidua.clusters.services import validate_year
from thidua.core.sheets import column_letter
from thidua.organizations.models import Organization
from thidua.organizations.validators import validate_period

# key → (parser, model field whose max_length limits the text)
UNIT_CELLS: dict[str, tuple[Callable[[object], Any], str | None]] = {
    "name": (clean_text, "name"),
    "short_name": (clean_text, "short_name"),
    "kind": (parse_unit_kind, None),
    "parent_code": (clean_text, None),
    "province": (clean_text, "province"),
    "valid_from": (parse_date, None),
    "valid_to": (parse_date, None),
    "authority_code": (clean_text, None),  # the row's authority: of a new unit and a new cluster
}
CLUSTER_CELLS: dict[str, tuple[Callable[[object], Any], str | None]] = {
    "cluster_name": (clean_text, "name"),
    "cluster_kind": (parse_cluster_kind, None),
    "authority_code": (clean_text, None),
}


@dataclass(frozen=True)
class RowError:
    """One line of the report: spreadsheet row (0 = the whole file), column header, message."""

    row: int
    column: str
    message: str


class ErrorLog:
    def __init__(self) -> None:
        self._items: list[tuple[int, int, RowError]] = []

    def add(self, row: int, key: str, message: str, *, column: str = "") -> None:
        error = RowError(row=row, column=column or header_label(key), message=message)
        self._items.append((row, len(self._items), error))

    def add_validation(self, row: int, key: str, exc: ValidationError) -> None:
        for message in exc.messages:
            self.add(row, key, message)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def sorted(self) -> list[RowError]:
        return [error for _row, _seq, error in sorted(self._items, key=lambda i: i[:2])]


@dataclass
class Row:
    """One data row. ``unit`` and ``cluster`` hold only the columns that were filled in."""

    number: int
    code: str = ""
    unit: dict[str, Any] = field(default_factory=dict)
    cluster_code: str = ""
    year: int | None = None
    role: RowRole = RowRole.MEMBER
    role_kind: str = ""
    cluster: dict[str, Any] = field(default_factory=dict)
    unit_ok: bool = True  # the unit columns can be used
    membership_ok: bool = True  # the cluster columns can be used


def map_headers(number: int, cells: list[Any], errors: ErrorLog) -> dict[str, int]:
    """Column key → index in the row; unknown, repeated or inconsistent headers are errors."""
    mapping: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = clean_text(cell)
        normalized = normalize_header(text)
        if not normalized or normalized in IGNORED_HEADERS:
            continue
        key = HEADER_INDEX.get(normalized)
        if key is None:
            errors.add(
                number,
                "",
                _(
                    "Cột “{header}” (cột {letter}) không được nhận ra. Các cột dùng được: {columns}."
                ).format(
                    header=text,
                    letter=column_letter(index),
                    columns=", ".join(c.header for c in COLUMNS),
                ),
                column=text,
            )
        elif key in mapping:
            errors.add(
                number,
                key,
                _("Cột “{header}” có hai lần (cột {first} và cột {second}).").format(
                    header=header_label(key),
                    first=column_letter(mapping[key]),
                    second=column_letter(index),
                ),
            )
        else:
            mapping[key] = index
    _check_paired_columns(number, mapping, errors)
    return mapping


def _check_paired_columns(number: int, mapping: dict[str, int], errors: ErrorLog) -> None:
    for needs, missing in (("cluster_code", "year"), ("year", "cluster_code")):
        if needs in mapping and missing not in mapping:
            errors.add(
                number,
                needs,
                _("Có cột “{present}” thì phải có cả cột “{missing}”.").format(
                    present=header_label(needs), missing=header_label(missing)
                ),
            )


def _check_unnamed_columns(sheet: Sheet, header: int, cells: list[Any], errors: ErrorLog) -> None:
    """Data under a blank header usually means the columns are shifted: say where."""
    named = {i for i, cell in enumerate(cells) if clean_text(cell)}
    for number, row in sheet.rows:
        if number <= header:
            continue
        stray = [i for i, cell in enumerate(row) if i not in named and clean_text(cell)]
        if stray:
            errors.add(
                number,
                "",
                _(
                    "Cột {letter} có dữ liệu (“{value}”) nhưng không có tiêu đề; có thể các cột "
                    "bị lệch. Hãy kiểm tra lại dòng tiêu đề."
                ).format(letter=column_letter(stray[0]), value=clean_text(row[stray[0]])),
                column=column_letter(stray[0]),
            )
            return


def read_rows(sheet: Sheet, errors: ErrorLog) -> list[Row]:
    """Typed rows of the sheet; an empty list (with errors logged) when the headers are wrong."""
    found = sheet.find_header(is_unit_header)
    if found is None:  # read_sheet has refused such a file already
        raise ImportFileError(_("Không tìm thấy dòng tiêu đề."))
    header, cells = found
    mapping = map_headers(header, cells, errors)
    if errors:
        return []
    _check_unnamed_columns(sheet, header, cells, errors)
    data = [(number, row) for number, row in sheet.rows if number > header]
    if not data:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    return [_read_row(number, cells, mapping, errors) for number, cells in data]


def _cell(cells: list[Any], mapping: dict[str, int], key: str) -> Any:
    index = mapping.get(key)
    if index is None or index >= len(cells):
        return None
    value = cells[index]
    return None if isinstance(value, str) and not value.strip() else value


def _read_row(number: int, cells: list[Any], mapping: dict[str, int], errors: ErrorLog) -> Row:
    row = Row(number=number, code=clean_text(_cell(cells, mapping, "code")))
    if not row.code:
        errors.add(number, "code", _("Thiếu “Mã đơn vị”."))
        row.unit_ok = row.membership_ok = False
    row.unit_ok &= _read_cells(row, "unit", cells=cells, mapping=mapping, errors=errors)
    row.membership_ok &= _read_cells(row, "cluster", cells=cells, mapping=mapping, errors=errors)
    row.unit_ok &= _check_period(row, errors)
    row.membership_ok &= _read_membership(row, cells, mapping, errors)
    return row


def _read_cells(
    row: Row, group: str, *, cells: list[Any], mapping: dict[str, int], errors: ErrorLog
) -> bool:
    """Parse the unit (or cluster) columns of a row into ``row.unit`` (or ``row.cluster``)."""
    model, parsers = (Organization, UNIT_CELLS) if group == "unit" else (Cluster, CLUSTER_CELLS)
    target: dict[str, Any] = getattr(row, group)
    ok = True
    for key, (parse, model_field) in parsers.items():
        raw = _cell(cells, mapping, key)
        try:
            value = parse(raw)
        except CellError as exc:
            errors.add(row.number, key, str(exc))
            ok = False
            continue
        limit = (
            getattr(model._meta.get_field(model_field), "max_length", None) if model_field else None
        )
        if limit and isinstance(value, str) and len(value) > limit:
            errors.add(
                row.number,
                key,
                _("“{column}” dài {length} ký tự, tối đa {limit} ký tự.").format(
                    column=header_label(key), length=len(value), limit=limit
                ),
            )
            ok = False
        elif value not in (None, ""):
            target[key] = value
    return ok


def _check_period(row: Row, errors: ErrorLog) -> bool:
    try:
        validate_period(row.unit.get("valid_from"), row.unit.get("valid_to"))
    except ValidationError as exc:
        errors.add_validation(row.number, "valid_to", exc)
        return False
    return True


def _read_membership(row: Row, cells: list[Any], mapping: dict[str, int], errors: ErrorLog) -> bool:
    row.cluster_code = clean_text(_cell(cells, mapping, "cluster_code"))
    year_ok = True
    try:
        row.year = parse_year(_cell(cells, mapping, "year"))
        if row.year is not None:
            validate_year(row.year)
    except (CellError, ValidationError) as exc:
        errors.add(row.number, "year", str(exc) if isinstance(exc, CellError) else exc.messages[0])
        year_ok = False
    role_text = clean_text(_cell(cells, mapping, "role"))
    role_ok = True
    try:
        row.role, row.role_kind = parse_role(role_text)
    except CellError as exc:
        errors.add(row.number, "role", str(exc))
        role_ok = False
    complete = _check_membership_columns(row, role_text, year_ok, errors)
    return year_ok and role_ok and complete


def _check_membership_columns(row: Row, role_text: str, year_ok: bool, errors: ErrorLog) -> bool:
    """A membership needs both “Mã cụm” and “Năm”; a head or deputy needs a membership."""
    if row.cluster_code:
        if row.year is None and year_ok:
            errors.add(
                row.number,
                "year",
                _("Có “Mã cụm” thì phải ghi “Năm” (năm hoạt động của cụm, ví dụ 2025)."),
            )
            return False
        return True
    if row.role is not RowRole.MEMBER:
        errors.add(
            row.number,
            "role",
            _(
                "Đơn vị trưởng, phó phải là thành viên của cụm: dòng ghi vai trò “{role}” thì "
                "phải có “Mã cụm” và “Năm”."
            ).format(role=role_text),
        )
        return False
    if row.year is not None or set(row.cluster) - {"authority_code"}:
        errors.add(
            row.number,
            "cluster_code",
            _("Dòng có thông tin cụm (Năm, Tên cụm…) nhưng thiếu “Mã cụm”."),
        )
        return False
    return True
