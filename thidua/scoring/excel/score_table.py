"""The score table of a cluster year: criteria as rows, units as columns (in rank order), then
the totals, ranks and classes. Printed A4 landscape, one page wide, the header row repeated.
A bonus above the criteria set's cap is shown capped, with a note under the table."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from thidua.core import xlsx
from thidua.core.xlsx import Column
from thidua.scoring.excel.common import num
from thidua.scoring.selectors import bonus_before_cap, group_points_by_unit
from thidua.scoring.validators import points_text

if TYPE_CHECKING:
    from thidua.scoring.selectors import CriteriaTable, RankingData

HEADER_ROW = 5
FIRST_UNIT_COL = 5


def score_table_xlsx(data: RankingData) -> bytes:
    cy = data.cluster_year
    table = data.table
    wb, ws = xlsx.new_sheet(_("Tổng hợp"))
    columns = _columns(data)
    xlsx.set_widths(ws, columns)
    status = (
        _("Kết quả đã được phê duyệt.") if data.approved else _("Kết quả tạm tính, chưa phê duyệt.")
    )
    xlsx.title_block(
        ws,
        [
            cy.cluster.name.upper(),
            _("BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM {year}").format(year=cy.year),
            _("{cluster}, năm {year}. {status}").format(
                cluster=cy.cluster.name, year=cy.year, status=status
            ),
        ],
        last_col=len(columns),
    )
    xlsx.header_row(ws, HEADER_ROW, columns)
    row = HEADER_ROW
    if table is not None:
        row = _score_rows(ws, data, table, columns, row)
        row = _total_rows(ws, data, table, columns, row)
        xlsx.fit_row_heights(ws, HEADER_ROW, row)
        _bonus_note(ws, data, table, row + 2, len(columns))
    ws.freeze_panes = f"E{HEADER_ROW + 1}"
    xlsx.print_setup(ws, landscape=True, title_rows=(HEADER_ROW, HEADER_ROW))
    return xlsx.save(wb)


def _columns(data: RankingData) -> list[Column]:
    return [
        Column(_("STT"), 5, "center"),
        Column(_("Mã"), 8, "center"),
        Column(_("Nội dung tiêu chí"), 48),
        Column(_("Điểm tối đa"), 9, "points"),
        *(
            Column(line.organization.short_name or line.organization.name, 12, "points")
            for line in data.lines
        ),
    ]


def _score_rows(
    ws: Any, data: RankingData, table: CriteriaTable, columns: list[Column], row: int
) -> int:
    group_points = group_points_by_unit(data)
    number = 0
    for item in table.rows:
        row += 1
        obj = item.obj
        if item.kind == "group":
            subtotals = [group_points[line.organization.pk].get(obj.pk) for line in data.lines]
            cells = ["", obj.code, obj.name, num(obj.max_points), *[num(v) for v in subtotals]]
            xlsx.table_row(ws, row, cells, columns, bold=True, shade=xlsx.GROUP_FILL)
        else:
            number += 1
            values = [num(line.values.get(obj.pk)) for line in data.lines]
            xlsx.table_row(
                ws, row, [number, obj.code, obj.name, num(obj.max_points), *values], columns
            )
    return row


def _total_rows(
    ws: Any, data: RankingData, table: CriteriaTable, columns: list[Column], row: int
) -> int:
    lines = data.lines
    cs = table.criteria_set
    totals: list[tuple[str, Any, list[Any], str]] = [
        (
            _("Điểm các tiêu chí"),
            num(cs.max_total),
            [num(x.row.score.criteria_total) for x in lines],
            "points",
        ),
        (_("Điểm thưởng"), num(cs.bonus_cap), [num(x.row.score.bonus) for x in lines], "points"),
        (_("Điểm trừ"), num(cs.penalty_cap), [num(x.row.score.penalty) for x in lines], "points"),
        (
            _("Tổng điểm"),
            num(cs.max_total + cs.bonus_cap),  # the most a unit can reach: the scale and the bonus
            [num(x.row.score.total) for x in lines],
            "points",
        ),
        (_("Xếp hạng"), None, [x.row.rank for x in lines], "int"),
        (_("Xếp loại"), None, [x.row.classification for x in lines], "center"),
    ]
    for label, maximum, values, kind in totals:
        row += 1
        kinds = [*columns[:4], *(Column("", c.width, kind) for c in columns[4:])]
        xlsx.table_row(ws, row, ["", "", label, maximum, *values], kinds, bold=True)
        if label == _("Điểm thưởng"):
            _mark_capped_bonus(ws, data, table, row)
    return row


def _raw_bonus(data: RankingData) -> dict[int, Decimal]:
    """The bonus of each unit before the cap: the sum of its bonus groups."""
    return bonus_before_cap(data, group_points_by_unit(data))


def _capped(data: RankingData, table: CriteriaTable) -> list[tuple[int, Any, Decimal]]:
    cap = table.criteria_set.bonus_cap
    raw = _raw_bonus(data)
    return [
        (col, line, raw[line.organization.pk])
        for col, line in enumerate(data.lines, start=FIRST_UNIT_COL)
        if raw[line.organization.pk] > cap
    ]


def _mark_capped_bonus(ws: Any, data: RankingData, table: CriteriaTable, row: int) -> None:
    from openpyxl.comments import Comment

    cap = points_text(table.criteria_set.bonus_cap)
    for col, _line, raw in _capped(data, table):
        cell = ws.cell(row=row, column=col)
        cell.font = xlsx.font(bold=True, italic=True)
        cell.comment = Comment(
            _("Điểm thưởng tính tối đa {cap} điểm (đạt {raw} điểm).").format(
                cap=cap, raw=points_text(raw)
            ),
            "Thi Đua",
        )


def _bonus_note(ws: Any, data: RankingData, table: CriteriaTable, row: int, last_col: int) -> None:
    capped = _capped(data, table)
    if not capped:
        return
    units = "; ".join(
        _("{unit}: đạt {raw} điểm").format(
            unit=line.organization.short_name or line.organization.name, raw=points_text(raw)
        )
        for _col, line, raw in capped
    )
    text = _("Ghi chú: Điểm thưởng tính tối đa {cap} điểm ({units}).").format(
        cap=points_text(table.criteria_set.bonus_cap), units=units
    )
    xlsx.merged_text(ws, row, text, first_col=1, last_col=last_col, italic=True, align="text")
