"""The criteria table as Excel: one row per group ("Nhóm") and per criterion ("Tiêu chí"),
written from a set (or as a template) and read back into a draft, every bad cell reported."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.core import xlsx
from thidua.core.xlsx import Column
from thidua.scoring.enums import ScoringMethod, Section
from thidua.scoring.excel.common import cell_text, num, open_first_sheet
from thidua.scoring.validators import parse_decimal, parse_tiers, points_text, tiers_text

if TYPE_CHECKING:
    from thidua.scoring.selectors import CriteriaTable
    from thidua.scoring.services.criteria_items import CriterionInput, ImportedGroup

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
WIDTHS = (9, 8, 44, 9, 14, 14, 9, 10, 18, 11, 32)
KINDS = (
    "center",
    "center",
    "text",
    "points",
    "text",
    "text",
    "decimal",
    "text",
    "text",
    "center",
    "text",
)
HEADER_ROW = 5  # the title block above; a file with the header in row 1 is read too
TEMPLATE_ROWS: list[list[Any]] = [
    [ROW_GROUP, "I", "Thực hiện nhiệm vụ chính trị, chuyên môn", 60, str(Section.NORMAL.label)],
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


# ----------------------------------------------------------------- writing


def criteria_xlsx(table: CriteriaTable | None) -> bytes:
    """The criteria table in the import format (a template when ``table`` is None): a title
    block, the header row (repeated on every printed page), one row per group and criterion."""
    wb, ws = xlsx.new_sheet(_("Bộ tiêu chí"))
    columns = [
        Column(title, width, kind)
        for title, width, kind in zip(CRITERIA_HEADER, WIDTHS, KINDS, strict=True)
    ]
    xlsx.set_widths(ws, columns)
    xlsx.title_block(ws, _title_lines(table), last_col=len(columns))
    xlsx.header_row(ws, HEADER_ROW, columns)
    rows = TEMPLATE_ROWS if table is None else [_table_row(item) for item in table.rows]
    for r, values in enumerate(rows, start=HEADER_ROW + 1):
        group = values[0] == ROW_GROUP
        shade = xlsx.GROUP_FILL if group else None
        xlsx.table_row(
            ws, r, values + [None] * (len(columns) - len(values)), columns, bold=group, shade=shade
        )
    xlsx.fit_row_heights(ws, HEADER_ROW, HEADER_ROW + len(rows))
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    xlsx.print_setup(ws, landscape=True, title_rows=(HEADER_ROW, HEADER_ROW))
    return xlsx.save(wb)


def _title_lines(table: CriteriaTable | None) -> list[str]:
    if table is None:
        return ["", _("MẪU BỘ TIÊU CHÍ CHẤM ĐIỂM THI ĐUA"), ""]
    cs = table.criteria_set
    cy = cs.cluster_year
    return [
        cy.cluster.name.upper(),
        _("BỘ TIÊU CHÍ CHẤM ĐIỂM THI ĐUA NĂM {year}").format(year=cy.year),
        _("{name}, phiên bản {version}; thang điểm {total}, điểm thưởng tối đa {bonus}.").format(
            name=cs.name,
            version=cs.version,
            total=points_text(cs.max_total),
            bonus=points_text(cs.bonus_cap),
        ),
    ]


def _table_row(item: Any) -> list[Any]:
    obj = item.obj
    if item.kind == "group":
        return [ROW_GROUP, obj.code, obj.name, num(obj.max_points), str(Section(obj.section).label)]
    return [
        ROW_CRITERION,
        obj.code,
        obj.name,
        num(obj.max_points),
        "",
        str(ScoringMethod(obj.method).label),
        num(obj.target),
        obj.measure_label,
        tiers_text(obj.tiers) if obj.tiers else "",
        "Có" if obj.evidence_required else "Không",
        obj.guidance,
    ]


# ----------------------------------------------------------------- reading


@dataclass
class _Parsed:
    groups: list[ImportedGroup] = field(default_factory=list)
    criteria: list[tuple[str, CriterionInput]] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)
    current_group: str | None = None


def parse_criteria(upload: Any) -> tuple[list[ImportedGroup], list[tuple[str, CriterionInput]]]:
    """Read the criteria table. Raise one ValidationError listing every bad cell."""
    ws = open_first_sheet(upload)
    parsed = _Parsed()
    errors: list[str] = []
    for row in range(_header_row(ws) + 1, ws.max_row + 1):
        kind = cell_text(ws[f"A{row}"].value)
        code = cell_text(ws[f"B{row}"].value)
        if not kind and not code:
            continue
        try:
            _parse_row(ws, row, kind, code, parsed)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors, code="bad_cells")
    if not parsed.groups:
        raise ValidationError(_("Tệp không có dòng Nhóm nào."), code="empty")
    return parsed.groups, parsed.criteria


def _header_row(ws: Any) -> int:
    """The row of the header ("Loại dòng" in column A): 5 in our exports, 1 in older files."""
    for row in range(1, min(ws.max_row, 10) + 1):
        if cell_text(ws[f"A{row}"].value).lower() == CRITERIA_HEADER[0].lower():
            return row
    return 1


def _parse_row(ws: Any, row: int, kind: str, code: str, parsed: _Parsed) -> None:
    if not code:
        raise ValidationError(_("Ô B{row}: thiếu mã.").format(row=row))
    if code in parsed.codes:
        raise ValidationError(_("Ô B{row}: mã “{code}” bị lặp.").format(row=row, code=code))
    parsed.codes.add(code)
    max_points = parse_decimal(ws[f"D{row}"].value, label=_("Ô D{row}").format(row=row))
    if kind.lower() == ROW_GROUP.lower():
        parsed.groups.append(_group(ws, row, code, max_points, parsed.groups))
        parsed.current_group = code
    elif kind.lower() == ROW_CRITERION.lower():
        if parsed.current_group is None:
            raise ValidationError(
                _("Dòng {row}: tiêu chí {code} phải nằm dưới một dòng Nhóm.").format(
                    row=row, code=code
                )
            )
        parsed.criteria.append((parsed.current_group, _criterion(ws, row, code, max_points)))
    else:
        raise ValidationError(
            _("Ô A{row}: loại dòng phải là “Nhóm” hoặc “Tiêu chí”.").format(row=row)
        )


def _group(
    ws: Any, row: int, code: str, max_points: Decimal | None, groups: list[ImportedGroup]
) -> ImportedGroup:
    from thidua.scoring.services.criteria_items import ImportedGroup  # services import us

    section_text = cell_text(ws[f"E{row}"].value)
    section = (
        _choice(section_text, Section.choices, label=_("Ô E{row}").format(row=row))
        if section_text
        else Section.NORMAL
    )
    parent = max((g.code for g in groups if code.startswith(g.code + ".")), key=len, default=None)
    return ImportedGroup(code, cell_text(ws[f"C{row}"].value), section, max_points, parent)


def _criterion(ws: Any, row: int, code: str, max_points: Decimal | None) -> CriterionInput:
    from thidua.scoring.services.criteria_items import CriterionInput  # services import us

    method_raw = cell_text(ws[f"F{row}"].value)
    method = (
        _choice(method_raw, ScoringMethod.choices, label=_("Ô F{row}").format(row=row))
        if method_raw
        else ScoringMethod.MANUAL
    )
    tiers_raw = cell_text(ws[f"I{row}"].value)
    return CriterionInput(
        group=None,  # type: ignore[arg-type]  # set by the service
        code=code,
        name=cell_text(ws[f"C{row}"].value),
        max_points=max_points,
        method=method,
        target=parse_decimal(ws[f"G{row}"].value, label=_("Ô G{row}").format(row=row)),
        measure_label=cell_text(ws[f"H{row}"].value),
        tiers=parse_tiers(tiers_raw, label=_("Ô I{row}").format(row=row)) if tiers_raw else [],
        evidence_required=cell_text(ws[f"J{row}"].value).lower() in YES,
        guidance=cell_text(ws[f"K{row}"].value),
    )


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
