"""The score table of a cluster year: criteria as rows, units as columns (in rank order), then
the totals, ranks and classes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from thidua.scoring.excel.common import header_row, num, save, styles

if TYPE_CHECKING:
    from thidua.scoring.selectors import CriteriaTable, RankingData


def score_table_xlsx(data: RankingData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    st = styles()
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
    header_row(ws, st, row, header)
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
    return save(wb)


def _score_rows(
    ws: Any, st: dict[str, Any], data: RankingData, table: CriteriaTable, row: int
) -> int:
    from thidua.scoring.selectors import group_points_by_unit

    group_points = group_points_by_unit(data)
    number = 0
    for item in table.rows:
        row += 1
        obj = item.obj
        cells: list[Any]
        if item.kind == "group":
            subtotals = [group_points[line.organization.pk].get(obj.pk) for line in data.lines]
            cells = ["", obj.code, obj.name, num(obj.max_points), *[num(v) for v in subtotals]]
        else:
            number += 1
            values = [num(line.values.get(obj.pk)) for line in data.lines]
            cells = [number, obj.code, obj.name, num(obj.max_points), *values]
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
        (_("Điểm các tiêu chí"), None, [num(x.row.score.criteria_total) for x in lines]),
        (_("Điểm thưởng"), None, [num(x.row.score.bonus) for x in lines]),
        (_("Điểm trừ"), None, [num(x.row.score.penalty) for x in lines]),
        (
            _("Tổng điểm"),
            num(table.criteria_set.max_total),
            [num(x.row.score.total) for x in lines],
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
