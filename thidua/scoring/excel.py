"""Excel in and out, in the layout offices use.

- ``score_table_xlsx``: criteria as rows, units as columns, then totals, ranks and classes.
- ``unit_sheet_xlsx``: a unit's self-scoring sheet (blank, or with its current values) that the
  unit fills in and imports back with ``parse_unit_sheet``: every cell is checked and each
  problem is reported cell by cell in Vietnamese ("Ô D7 (tiêu chí I.2): 12 vượt điểm tối đa 10").
- ``criteria_xlsx`` / ``parse_criteria``: the criteria table itself.

openpyxl is imported inside the functions (it is heavy and only needed here).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.scoring.enums import COMPUTED_METHODS, ScoringMethod, Section
from thidua.scoring.validators import (
    method_text,
    parse_decimal,
    parse_tiers,
    points_text,
    tiers_text,
    validate_measure,
    validate_points,
)

if TYPE_CHECKING:
    from thidua.clusters.models import ClusterYear
    from thidua.organizations.models import Organization
    from thidua.scoring.models import ScoreEntry
    from thidua.scoring.selectors import CriteriaTable, RankingData
    from thidua.scoring.services.criteria_items import CriterionInput, ImportedGroup
    from thidua.scoring.services.sheets import EntryInput

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 6  # the unit sheet: meta in rows 1-4, header in row 6, criteria from row 7
META_CLUSTER, META_YEAR, META_UNIT = "B2", "B3", "B4"
COL_CODE, COL_NAME, COL_MAX, COL_VALUE, COL_MEASURE, COL_NOTE = "A", "B", "C", "D", "E", "F"


def _styles() -> dict[str, Any]:
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


def _save(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _num(value: Decimal | None) -> Decimal | int | None:
    """A number as Excel shows it: 10 rather than 10.00."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


# ----------------------------------------------------------------- the score table


def score_table_xlsx(data: RankingData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    st = _styles()
    cy = data.cluster_year
    table = data.table
    wb = Workbook()
    ws = wb.active
    ws.title = _("Tổng hợp")
    ws["A1"] = cy.cluster.name.upper()
    ws["A1"].font = st["bold"]
    ws["A2"] = _("BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM {year}").format(year=cy.year)
    ws["A2"].font = st["title"]
    ws["A3"] = (
        _("Kết quả đã được phê duyệt.") if data.approved else _("Kết quả tạm tính, chưa phê duyệt.")
    )
    header = [_("STT"), _("Mã"), _("Nội dung tiêu chí"), _("Điểm tối đa")]
    header += [line.organization.short_name or line.organization.name for line in data.lines]
    row = 5
    for col, text in enumerate(header, start=1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.fill, cell.border, cell.alignment = (
            st["bold"],
            st["header_fill"],
            st["border"],
            st["center"],
        )
    if table is not None:
        row = _score_rows(ws, st, data, table, row)
        _total_rows(ws, st, data, table, row)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 9
    ws.column_dimensions["C"].width = 60
    ws.column_dimensions["D"].width = 10
    for col in range(5, 5 + len(data.lines)):
        ws.column_dimensions[get_column_letter(col)].width = 14
    ws.freeze_panes = "E6"
    return _save(wb)


def _score_rows(
    ws: Any, st: dict[str, Any], data: RankingData, table: CriteriaTable, row: int
) -> int:
    group_points = _group_points_by_unit(data)
    number = 0
    for item in table.rows:
        row += 1
        obj = item.obj
        cells: list[Any]
        if item.kind == "group":
            subtotals = [group_points[line.organization.pk].get(obj.pk) for line in data.lines]
            cells = ["", obj.code, obj.name, _num(obj.max_points), *[_num(v) for v in subtotals]]
        else:
            number += 1
            values = [_num(line.values.get(obj.pk)) for line in data.lines]
            cells = [number, obj.code, obj.name, _num(obj.max_points), *values]
        for col, value in enumerate(cells, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.border = st["border"]
            if item.kind == "group":
                cell.font, cell.fill = st["bold"], st["group_fill"]
    return row


def _total_rows(
    ws: Any, st: dict[str, Any], data: RankingData, table: CriteriaTable, row: int
) -> None:
    lines = data.lines
    totals: list[tuple[str, Any, list[Any]]] = [
        (_("Điểm các tiêu chí"), None, [_num(x.row.score.criteria_total) for x in lines]),
        (_("Điểm thưởng"), None, [_num(x.row.score.bonus) for x in lines]),
        (_("Điểm trừ"), None, [_num(x.row.score.penalty) for x in lines]),
        (
            _("Tổng điểm"),
            _num(table.criteria_set.max_total),
            [_num(x.row.score.total) for x in lines],
        ),
        (_("Xếp hạng"), None, [x.row.rank for x in lines]),
        (_("Xếp loại"), None, [x.row.classification for x in lines]),
    ]
    for label, maximum, values in totals:
        row += 1
        ws.cell(row=row, column=3, value=label).font = st["bold"]
        ws.cell(row=row, column=4, value=maximum)
        for col, value in enumerate(values, start=5):
            cell = ws.cell(row=row, column=col, value=value)
            cell.font, cell.border = st["bold"], st["border"]
        for col in range(1, 5):
            ws.cell(row=row, column=col).border = st["border"]


def _group_points_by_unit(data: RankingData) -> dict[int, dict[int, Decimal]]:
    """Subtotals of every group (nested ones too) per unit, from the final values."""
    from thidua.scoring.ranking import group_subtotals

    assert data.table is not None
    scale = data.table.scale
    return {line.organization.pk: group_subtotals(scale, line.values) for line in data.lines}


# ----------------------------------------------------------------- a unit's sheet


def unit_sheet_xlsx(
    *,
    table: CriteriaTable,
    cluster_year: ClusterYear,
    organization: Organization,
    entries: dict[int, ScoreEntry] | None = None,
) -> bytes:
    """The unit's self-scoring sheet; with ``entries`` it carries the current values."""
    from openpyxl import Workbook

    st = _styles()
    entries = entries or {}
    wb = Workbook()
    ws = wb.active
    ws.title = _("Tự chấm điểm")
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
    header = [
        _("Mã"),
        _("Nội dung tiêu chí"),
        _("Điểm tối đa"),
        _("Điểm tự chấm"),
        _("Số liệu thực hiện"),
        _("Giải trình"),
        _("Cách chấm"),
        _("Minh chứng"),
    ]
    for col, text in enumerate(header, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=text)
        cell.font, cell.fill, cell.border, cell.alignment = (
            st["bold"],
            st["header_fill"],
            st["border"],
            st["center"],
        )
    validations: dict[Decimal, Any] = {}
    row = HEADER_ROW
    for item in table.rows:
        row += 1
        obj = item.obj
        if item.kind == "group":
            cells = [obj.code, obj.name, _num(obj.max_points), None, None, None, "", ""]
        else:
            entry = entries.get(obj.pk)
            cells = [
                obj.code,
                obj.name,
                _num(obj.max_points),
                _num(entry.self_value) if entry and obj.method not in COMPUTED_METHODS else None,
                _num(entry.measure) if entry else None,
                entry.note if entry else "",
                method_text(obj),
                _("Bắt buộc") if obj.evidence_required else "",
            ]
        for col, value in enumerate(cells, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.border = st["border"]
            cell.alignment = st["wrap"]
            if item.kind == "group":
                cell.font, cell.fill = st["bold"], st["group_fill"]
        if item.kind == "criterion":
            _mark_criterion_row(ws, st, row, obj, validations)
    for letter, width in zip("ABCDEFGH", (9, 60, 10, 12, 14, 36, 20, 12), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    return _save(wb)


@dataclass
class ImportResult:
    entries: list[EntryInput]
    rows: int


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


def _open_workbook(upload: Any) -> Any:
    from openpyxl import load_workbook

    try:
        upload.seek(0)
        return load_workbook(upload, data_only=True, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ValidationError(
            _("Không đọc được tệp Excel: {error}").format(error=exc), code="bad_file"
        ) from exc


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_unit_sheet(
    upload: Any,
    *,
    table: CriteriaTable,
    cluster_year: ClusterYear,
    organization: Organization,
) -> ImportResult:
    """Read a filled unit sheet. Raise one ValidationError listing every bad cell."""
    from thidua.scoring.services.sheets import EntryInput

    ws = _open_workbook(upload).worksheets[0]
    errors: list[str] = []
    checks = [
        (META_CLUSTER, cluster_year.cluster.code, _("mã cụm")),
        (META_YEAR, str(cluster_year.year), _("năm")),
        (META_UNIT, organization.code, _("mã đơn vị")),
    ]
    for ref, expected, label in checks:
        found = _text(ws[ref].value)
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
    if errors:
        raise ValidationError(errors, code="wrong_sheet")
    group_codes = {g.code for g in table.groups}
    seen: dict[str, int] = {}
    entries: list[EntryInput] = []
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        code = _text(ws[f"{COL_CODE}{row}"].value)
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
            entries.append(_read_row(ws, row, criterion, EntryInput))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors, code="bad_cells")
    return ImportResult(entries=entries, rows=len(entries))


def _read_row(ws: Any, row: int, criterion: Any, entry_cls: Any) -> Any:
    note = _text(ws[f"{COL_NOTE}{row}"].value)
    if criterion.method in COMPUTED_METHODS:
        label = _("Ô {col}{row} (tiêu chí {code})").format(
            col=COL_MEASURE, row=row, code=criterion.code
        )
        measure = validate_measure(
            parse_decimal(ws[f"{COL_MEASURE}{row}"].value, label=label), label=label
        )
        return entry_cls(criterion_id=criterion.pk, measure=measure, note=note)
    label = _("Ô {col}{row} (tiêu chí {code})").format(col=COL_VALUE, row=row, code=criterion.code)
    value = parse_decimal(ws[f"{COL_VALUE}{row}"].value, label=label)
    validate_points(value, max_points=criterion.max_points, method=criterion.method, label=label)
    return entry_cls(criterion_id=criterion.pk, value=value, note=note)


# ----------------------------------------------------------------- the criteria table

CRITERIA_HEADER = [
    "Loại dòng",
    "Mã",
    "Nội dung",
    "Điểm tối đa",
    "Phần",
    "Cách chấm",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Các mức (ngưỡng:điểm; …)",
    "Bắt buộc minh chứng",
    "Hướng dẫn chấm",
]
ROW_GROUP, ROW_CRITERION = "Nhóm", "Tiêu chí"
YES = {"có", "x", "yes", "1", "true", "bắt buộc"}


def criteria_xlsx(table: CriteriaTable | None) -> bytes:
    """The criteria table in the import format (a template when ``table`` is None)."""
    from openpyxl import Workbook

    st = _styles()
    wb = Workbook()
    ws = wb.active
    ws.title = _("Bộ tiêu chí")
    for col, text in enumerate(CRITERIA_HEADER, start=1):
        cell = ws.cell(row=1, column=col, value=text)
        cell.font, cell.fill, cell.border = st["bold"], st["header_fill"], st["border"]
    rows: list[list[Any]] = []
    if table is None:
        rows = [
            [
                ROW_GROUP,
                "I",
                "Thực hiện nhiệm vụ chính trị, chuyên môn",
                60,
                str(Section.NORMAL.label),
            ],
            [
                ROW_CRITERION,
                "I.1",
                "Hoàn thành chỉ tiêu kế hoạch năm",
                30,
                "",
                str(ScoringMethod.MANUAL.label),
                None,
                "",
                "",
                "Có",
                "",
            ],
        ]
    else:
        for item in table.rows:
            obj = item.obj
            if item.kind == "group":
                rows.append(
                    [
                        ROW_GROUP,
                        obj.code,
                        obj.name,
                        _num(obj.max_points),
                        str(Section(obj.section).label),
                    ]
                )
            else:
                rows.append(
                    [
                        ROW_CRITERION,
                        obj.code,
                        obj.name,
                        _num(obj.max_points),
                        "",
                        str(ScoringMethod(obj.method).label),
                        _num(obj.target),
                        obj.measure_label,
                        tiers_text(obj.tiers) if obj.tiers else "",
                        "Có" if obj.evidence_required else "Không",
                        obj.guidance,
                    ]
                )
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            ws.cell(row=r, column=c, value=value)
    widths = (10, 8, 60, 10, 18, 18, 10, 12, 22, 12, 40)
    for letter, width in zip("ABCDEFGHIJK", widths, strict=True):
        ws.column_dimensions[letter].width = width
    return _save(wb)


def _choice(text: str, choices: Any, *, label: str) -> str:
    folded = text.strip().lower()
    for value, name in choices:
        if folded in (str(value).lower(), str(name).lower()):
            return str(value)
    raise ValidationError(
        _("{label}: “{text}” không phải một lựa chọn hợp lệ ({options}).").format(
            label=label, text=text, options=", ".join(str(n) for _v, n in choices)
        )
    )


def parse_criteria(upload: Any) -> tuple[list[ImportedGroup], list[tuple[str, CriterionInput]]]:
    """Read the criteria table. Raise one ValidationError listing every bad cell."""
    from thidua.scoring.services.criteria_items import CriterionInput, ImportedGroup

    ws = _open_workbook(upload).worksheets[0]
    errors: list[str] = []
    groups: list[ImportedGroup] = []
    criteria: list[tuple[str, CriterionInput]] = []
    codes: set[str] = set()
    current_group: str | None = None
    for row in range(2, ws.max_row + 1):
        kind = _text(ws[f"A{row}"].value)
        code = _text(ws[f"B{row}"].value)
        if not kind and not code:
            continue
        try:
            if not code:
                raise ValidationError(_("Ô B{row}: thiếu mã.").format(row=row))
            if code in codes:
                raise ValidationError(_("Ô B{row}: mã “{code}” bị lặp.").format(row=row, code=code))
            codes.add(code)
            name = _text(ws[f"C{row}"].value)
            max_points = parse_decimal(ws[f"D{row}"].value, label=_("Ô D{row}").format(row=row))
            if kind.lower() == ROW_GROUP.lower():
                section_text = _text(ws[f"E{row}"].value)
                section = (
                    _choice(section_text, Section.choices, label=_("Ô E{row}").format(row=row))
                    if section_text
                    else Section.NORMAL
                )
                parent = max(
                    (g.code for g in groups if code.startswith(g.code + ".")), key=len, default=None
                )
                groups.append(ImportedGroup(code, name, section, max_points, parent))
                current_group = code
            elif kind.lower() == ROW_CRITERION.lower():
                if current_group is None:
                    raise ValidationError(
                        _("Dòng {row}: tiêu chí {code} phải nằm dưới một dòng Nhóm.").format(
                            row=row, code=code
                        )
                    )
                method_raw = _text(ws[f"F{row}"].value)
                method = (
                    _choice(method_raw, ScoringMethod.choices, label=_("Ô F{row}").format(row=row))
                    if method_raw
                    else ScoringMethod.MANUAL
                )
                tiers_raw = _text(ws[f"I{row}"].value)
                criteria.append(
                    (
                        current_group,
                        CriterionInput(
                            group=None,  # type: ignore[arg-type]  # set by the service
                            code=code,
                            name=name,
                            max_points=max_points,
                            method=method,
                            target=parse_decimal(
                                ws[f"G{row}"].value, label=_("Ô G{row}").format(row=row)
                            ),
                            measure_label=_text(ws[f"H{row}"].value),
                            tiers=parse_tiers(tiers_raw, label=_("Ô I{row}").format(row=row))
                            if tiers_raw
                            else [],
                            evidence_required=_text(ws[f"J{row}"].value).lower() in YES,
                            guidance=_text(ws[f"K{row}"].value),
                        ),
                    )
                )
            else:
                raise ValidationError(
                    _("Ô A{row}: loại dòng phải là “Nhóm” hoặc “Tiêu chí”.").format(row=row)
                )
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors, code="bad_cells")
    if not groups:
        raise ValidationError(_("Tệp không có dòng Nhóm nào."), code="empty")
    return groups, criteria
