"""A unit's self-scoring sheet as Excel: written blank (or with the current values) for the unit
to fill in, and read back cell by cell; every problem is reported with its cell."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core import xlsx
from thidua.core.xlsx import Column
from thidua.scoring.enums import COMPUTED_METHODS, Section
from thidua.scoring.excel import sheet_formulas as formulas
from thidua.scoring.excel.common import cell_text, num, open_first_sheet
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

HEADER_ROW = 6  # title in row 1, meta in rows 2-4, guidance in 5, header in 6, criteria from 7
META_CLUSTER, META_YEAR, META_UNIT = "B2", "B3", "B4"
COL_CODE, COL_NAME, COL_MAX, COL_VALUE, COL_MEASURE, COL_NOTE = "A", "B", "C", "D", "E", "F"
VALUE, MEASURE, NOTE = 4, 5, 6
LAST_COL = 8
SIGN_FROM = 5  # the signature block stands over columns E–H, column A stays free


def _columns() -> list[Column]:
    return [
        Column(_("Mã"), 8, "center"),
        Column(_("Nội dung tiêu chí"), 50),
        Column(_("Điểm tối đa"), 10, "points"),
        Column(_("Điểm tự chấm"), 11, "points"),
        Column(_("Số liệu thực hiện"), 12, "decimal"),
        Column(_("Giải trình"), 30),
        Column(_("Cách chấm"), 20),
        Column(_("Minh chứng"), 11, "center"),
    ]


# ----------------------------------------------------------------- writing


def unit_sheet_xlsx(
    *,
    table: CriteriaTable,
    cluster_year: ClusterYear,
    organization: Organization,
    entries: dict[int, ScoreEntry] | None = None,
) -> bytes:
    """The unit's self-scoring sheet; with ``entries`` it carries the current values. The totals
    are formulas, the sheet is protected but for the cells to fill, and it ends with the place
    and date line and the signature block of the unit's head."""
    wb, ws = xlsx.new_sheet(_("Tự chấm điểm"))
    columns = _columns()
    xlsx.set_widths(ws, columns)
    _write_meta(ws, table, cluster_year, organization)
    xlsx.header_row(ws, HEADER_ROW, columns)
    rows = _write_rows(ws, table, columns, entries or {})
    last = _write_totals(ws, table, columns, rows)
    xlsx.fit_row_heights(ws, HEADER_ROW, last)
    _write_signature(ws, last + 2)
    _protect(ws)
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    xlsx.print_setup(ws, landscape=True, title_rows=(HEADER_ROW, HEADER_ROW))
    return xlsx.save(wb)


def _write_meta(
    ws: Any,
    table: CriteriaTable,
    cluster_year: ClusterYear,
    organization: Organization,
) -> None:
    """The title, the codes the import checks (B2–B4) and how to fill the sheet in."""
    xlsx.title_block(
        ws,
        [_("BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM {year}").format(year=cluster_year.year)],
        last_col=LAST_COL,
    )
    ws["A1"].font = xlsx.font(bold=True, size=14)
    meta = [
        (_("Mã cụm"), cluster_year.cluster.code, cluster_year.cluster.name),
        (_("Năm"), cluster_year.year, ""),
        (_("Mã đơn vị"), organization.code, organization.name),
    ]
    for row, (label, code, name) in enumerate(meta, start=2):
        xlsx.put(ws, row, 1, label).font = xlsx.font(bold=True)
        xlsx.put(ws, row, 2, code, number_format=xlsx.YEAR).alignment = xlsx.alignment("text")
        xlsx.merged_text(ws, row, name, first_col=3, last_col=LAST_COL, bold=True, align="text")
    guidance = _(
        "Điền điểm vào cột D (từ 0 đến điểm tối đa). Tiêu chí tính theo số liệu: điền cột E, "
        "điểm tự tính. Chỉ các ô để trắng được sửa; các dòng nhóm và tổng điểm tự cộng. "
        "Không sửa mã ở cột A và các ô B2–B4. Bộ tiêu chí: {name}, phiên bản {v}."
    ).format(name=table.criteria_set.name, v=table.criteria_set.version)
    xlsx.merged_text(ws, 5, guidance, first_col=1, last_col=LAST_COL, italic=True, align="text")


def _write_rows(
    ws: Any, table: CriteriaTable, columns: list[Column], entries: dict[int, ScoreEntry]
) -> dict[tuple[str, int], int]:
    """The criteria rows; returns the row of each (kind, pk)."""
    rows = {
        (item.kind, item.obj.pk): row for row, item in enumerate(table.rows, start=HEADER_ROW + 1)
    }
    groups = formulas.group_points(table, rows)
    validations: dict[Decimal, Any] = {}
    for row, item in enumerate(table.rows, start=HEADER_ROW + 1):
        if item.kind == "group":
            cells = _group_cells(item.obj)
            xlsx.table_row(ws, row, cells, columns, bold=True, shade=xlsx.GROUP_FILL)
            xlsx.formula(ws, row, VALUE, groups[item.obj.pk]).fill = xlsx.fill(xlsx.GROUP_FILL)
            continue
        xlsx.table_row(ws, row, _criterion_cells(item.obj, entries), columns)
        _mark_criterion_row(ws, row, item.obj, validations)
    return rows


def _write_totals(
    ws: Any, table: CriteriaTable, columns: list[Column], rows: dict[tuple[str, int], int]
) -> int:
    """Totals as formulas (the bonus capped by the criteria set); column A stays empty."""
    first = HEADER_ROW + len(table.rows) + 1
    cs = table.criteria_set
    labels = {
        Section.NORMAL: (_("Điểm các tiêu chí"), cs.max_total),
        Section.BONUS: (_("Điểm thưởng (tính tối đa {cap} điểm)"), cs.bonus_cap),
        Section.PENALTY: (_("Điểm trừ"), cs.penalty_cap),
        "total": (_("TỔNG ĐIỂM TỰ CHẤM"), cs.max_total + cs.bonus_cap),
    }
    row = first
    for row, (key, text) in enumerate(formulas.totals(table, rows, first), start=first):
        label, cap = labels[key]
        label = label.format(cap=points_text(cap)) if key == Section.BONUS else label
        xlsx.table_row(ws, row, [None, label, num(cap), None, None, None, None, None], columns)
        xlsx.formula(ws, row, VALUE, text)
        ws.cell(row=row, column=2).font = xlsx.font(bold=True)
    return row


def _write_signature(ws: Any, row: int) -> None:
    """The place and date line and the block of the unit's head, right of column D."""
    xlsx.signature_block(
        ws,
        row,
        first_col=SIGN_FROM,
        last_col=LAST_COL,
        lines=[
            (_("…………, ngày …… tháng …… năm ……"), "place"),
            (_("THỦ TRƯỞNG ĐƠN VỊ"), "title"),
            (_("(Ký, ghi rõ họ tên, đóng dấu)"), "note"),
            ("", "space"),
            ("", "name"),
        ],
    )


def _protect(ws: Any) -> None:
    """Only the input cells stay open; no password, so an office can still unprotect it."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


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


def _mark_criterion_row(ws: Any, row: int, criterion: Any, validations: dict[Decimal, Any]) -> None:
    """Open the cells to fill, grey out the other, check the points (0 to max), add guidance.
    A computed criterion's points follow its measure by formula."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.cell(row=row, column=NOTE).protection = Protection(locked=False)
    if criterion.method in COMPUTED_METHODS:
        ws.cell(row=row, column=MEASURE).protection = Protection(locked=False)
        computed = formulas.criterion_points(criterion, row)
        if computed:
            xlsx.formula(ws, row, VALUE, computed).font = xlsx.font()
        ws.cell(row=row, column=VALUE).fill = xlsx.fill(xlsx.LOCKED_FILL)
    else:
        ws.cell(row=row, column=VALUE).protection = Protection(locked=False)
        ws.cell(row=row, column=MEASURE).fill = xlsx.fill(xlsx.LOCKED_FILL)
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
    ws = open_first_sheet(upload)
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
