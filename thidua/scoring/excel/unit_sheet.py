"""A unit's self-scoring sheet as Excel: written blank (or with the current values) for the unit
to fill in, and read back cell by cell; every problem is reported with its cell."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.scoring.enums import COMPUTED_METHODS
from thidua.scoring.excel.common import cell_text, header_row, num, open_workbook, save, styles
from thidua.scoring.validators import (
    method_text,
    parse_decimal,
    points_text,
    validate_measure,
    validate_points,
)

if TYPE_CHECKING:
    from thidua.clusters.models import ClusterYear
    from thidua.organizations.models import Organization
    from thidua.scoring.models import ScoreEntry
    from thidua.scoring.selectors import CriteriaTable
    from thidua.scoring.services.sheets import EntryInput

HEADER_ROW = 6  # meta in rows 1-4, header in row 6, criteria from row 7
META_CLUSTER, META_YEAR, META_UNIT = "B2", "B3", "B4"
COL_CODE, COL_NAME, COL_MAX, COL_VALUE, COL_MEASURE, COL_NOTE = "A", "B", "C", "D", "E", "F"
WIDTHS = (9, 60, 10, 12, 14, 36, 20, 12)


# ----------------------------------------------------------------- writing


def unit_sheet_xlsx(
    *,
    table: CriteriaTable,
    cluster_year: ClusterYear,
    organization: Organization,
    entries: dict[int, ScoreEntry] | None = None,
) -> bytes:
    """The unit's self-scoring sheet; with ``entries`` it carries the current values."""
    from openpyxl import Workbook

    st = styles()
    wb = Workbook()
    ws = wb.active
    ws.title = _("Tự chấm điểm")
    _write_meta(ws, st, table, cluster_year, organization)
    header_row(
        ws,
        st,
        HEADER_ROW,
        [
            _("Mã"),
            _("Nội dung tiêu chí"),
            _("Điểm tối đa"),
            _("Điểm tự chấm"),
            _("Số liệu thực hiện"),
            _("Giải trình"),
            _("Cách chấm"),
            _("Minh chứng"),
        ],
    )
    _write_rows(ws, st, table, entries or {})
    for letter, width in zip("ABCDEFGH", WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    return save(wb)


def _write_meta(
    ws: Any,
    st: dict[str, Any],
    table: CriteriaTable,
    cluster_year: ClusterYear,
    organization: Organization,
) -> None:
    """The title, the codes the import checks (B2–B4) and how to fill the sheet in."""
    ws["A1"] = _("BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM {year}").format(year=cluster_year.year)
    ws["A1"].font = st["title"]
    meta = [
        (_("Mã cụm"), cluster_year.cluster.code, cluster_year.cluster.name),
        (_("Năm"), cluster_year.year, ""),
        (_("Mã đơn vị"), organization.code, organization.name),
    ]
    for offset, (label, code, name) in enumerate(meta, start=2):
        ws.cell(row=offset, column=1, value=label).font = st["bold"]
        ws.cell(row=offset, column=2, value=code)
        ws.cell(row=offset, column=3, value=name)
    ws["A5"] = _(
        "Điền điểm vào cột D (từ 0 đến điểm tối đa). Tiêu chí tính theo số liệu: điền cột E, "
        "điểm tự tính. Không sửa mã ở cột A và các ô B2–B4. Bộ tiêu chí: {name}, phiên bản {v}."
    ).format(name=table.criteria_set.name, v=table.criteria_set.version)
    ws["A5"].alignment = st["wrap"]
    ws.merge_cells("A5:H5")
    ws.row_dimensions[5].height = 32


def _write_rows(
    ws: Any, st: dict[str, Any], table: CriteriaTable, entries: dict[int, ScoreEntry]
) -> None:
    validations: dict[Decimal, Any] = {}
    for row, item in enumerate(table.rows, start=HEADER_ROW + 1):
        group = item.kind == "group"
        cells = _group_cells(item.obj) if group else _criterion_cells(item.obj, entries)
        for col, value in enumerate(cells, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.border = st["border"]
            cell.alignment = st["wrap"]
            if group:
                cell.font, cell.fill = st["bold"], st["group_fill"]
        if not group:
            _mark_criterion_row(ws, st, row, item.obj, validations)


def _group_cells(group: Any) -> list[Any]:
    return [group.code, group.name, num(group.max_points), None, None, None, "", ""]


def _criterion_cells(criterion: Any, entries: dict[int, ScoreEntry]) -> list[Any]:
    entry = entries.get(criterion.pk)
    points = entry.self_value if entry and criterion.method not in COMPUTED_METHODS else None
    return [
        criterion.code,
        criterion.name,
        num(criterion.max_points),
        num(points),
        num(entry.measure) if entry else None,
        entry.note if entry else "",
        method_text(criterion),
        _("Bắt buộc") if criterion.evidence_required else "",
    ]


def _mark_criterion_row(
    ws: Any, st: dict[str, Any], row: int, criterion: Any, validations: dict[Decimal, Any]
) -> None:
    """Grey out the cell not to fill, check the points cell (0 to max), add the guidance."""
    from openpyxl.comments import Comment
    from openpyxl.worksheet.datavalidation import DataValidation

    if criterion.method in COMPUTED_METHODS:
        ws.cell(row=row, column=4).fill = st["locked_fill"]
    else:
        ws.cell(row=row, column=5).fill = st["locked_fill"]
        if criterion.max_points not in validations:
            dv = DataValidation(
                type="decimal",
                operator="between",
                formula1="0",
                formula2=str(criterion.max_points),
                allow_blank=True,
                showErrorMessage=True,
                error=_("Điểm từ 0 đến {max}").format(max=points_text(criterion.max_points)),
            )
            ws.add_data_validation(dv)
            validations[criterion.max_points] = dv
        validations[criterion.max_points].add(f"D{row}")
    if criterion.guidance:
        ws.cell(row=row, column=2).comment = Comment(criterion.guidance, "Thi Đua")


# ----------------------------------------------------------------- reading


@dataclass
class ImportResult:
    entries: list[EntryInput]
    rows: int


def parse_unit_sheet(
    upload: Any,
    *,
    table: CriteriaTable,
    cluster_year: ClusterYear,
    organization: Organization,
) -> ImportResult:
    """Read a filled unit sheet. Raise one ValidationError listing every bad cell."""
    ws = open_workbook(upload).worksheets[0]
    errors = _wrong_sheet(ws, cluster_year, organization)
    if errors:
        raise ValidationError(errors, code="wrong_sheet")
    entries, errors = _read_rows(ws, table)
    if errors:
        raise ValidationError(errors, code="bad_cells")
    return ImportResult(entries=entries, rows=len(entries))


def _wrong_sheet(ws: Any, cluster_year: ClusterYear, organization: Organization) -> list[str]:
    """The file must be this unit's sheet of this cluster year (cells B2–B4)."""
    checks = [
        (META_CLUSTER, cluster_year.cluster.code, _("mã cụm")),
        (META_YEAR, str(cluster_year.year), _("năm")),
        (META_UNIT, organization.code, _("mã đơn vị")),
    ]
    errors = []
    for ref, expected, label in checks:
        found = cell_text(ws[ref].value)
        if found != expected:
            errors.append(
                _(
                    "Ô {ref}: {label} trong tệp là “{found}”, không khớp “{expected}” "
                    "({unit}, {cluster} năm {year}). Hãy tải đúng bảng điểm của đơn vị."
                ).format(
                    ref=ref,
                    label=label,
                    found=found or _("(trống)"),
                    expected=expected,
                    unit=organization.name,
                    cluster=cluster_year.cluster.name,
                    year=cluster_year.year,
                )
            )
    return errors


def _read_rows(ws: Any, table: CriteriaTable) -> tuple[list[EntryInput], list[str]]:
    group_codes = {g.code for g in table.groups}
    seen: dict[str, int] = {}
    entries: list[EntryInput] = []
    errors: list[str] = []
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        code = cell_text(ws[f"{COL_CODE}{row}"].value)
        if not code or code in group_codes:
            continue
        criterion = table.by_code.get(code)
        if criterion is None:
            errors.append(
                _("Ô {col}{row}: mã tiêu chí “{code}” không có trong bộ tiêu chí.").format(
                    col=COL_CODE, row=row, code=code
                )
            )
            continue
        if code in seen:
            errors.append(
                _("Ô {col}{row}: tiêu chí {code} bị lặp (đã có ở dòng {first}).").format(
                    col=COL_CODE, row=row, code=code, first=seen[code]
                )
            )
            continue
        seen[code] = row
        try:
            entries.append(_read_row(ws, row, criterion))
        except ValidationError as exc:
            errors.extend(exc.messages)
    return entries, errors


def _read_row(ws: Any, row: int, criterion: Any) -> EntryInput:
    from thidua.scoring.services.sheets import EntryInput  # services import this module

    note = cell_text(ws[f"{COL_NOTE}{row}"].value)
    if criterion.method in COMPUTED_METHODS:
        label = _("Ô {col}{row} (tiêu chí {code})").format(
            col=COL_MEASURE, row=row, code=criterion.code
        )
        measure = validate_measure(
            parse_decimal(ws[f"{COL_MEASURE}{row}"].value, label=label), label=label
        )
        return EntryInput(criterion_id=criterion.pk, measure=measure, note=note)
    label = _("Ô {col}{row} (tiêu chí {code})").format(col=COL_VALUE, row=row, code=criterion.code)
    value = parse_decimal(ws[f"{COL_VALUE}{row}"].value, label=label)
    validate_points(value, max_points=criterion.max_points, method=criterion.method, label=label)
    return EntryInput(criterion_id=criterion.pk, value=value, note=note)
