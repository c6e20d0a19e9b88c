"""The shared print setup of every Excel export, and safe cells: text that a spreadsheet would
run is written as text, in XLSX and in CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from thidua.core import xlsx
from thidua.core.xlsx import Column

pytestmark = [pytest.mark.unit]

INJECTION = '=HYPERLINK("http://x","y")'
RISKY = [INJECTION, "+1+2", "-3+4", "@SUM(A1)", "\t=1", "\r=1"]


def reopen(workbook: Any) -> Any:
    return load_workbook(io.BytesIO(xlsx.save(workbook))).active


def printed_sheet(*, landscape: bool) -> Any:
    wb, ws = xlsx.new_sheet("Một tên trang tính rất dài quá ba mươi mốt ký tự")
    columns = [Column("Đơn vị", 30), Column("Số", 8, "int"), Column("Ngày", 12, "date")]
    xlsx.set_widths(ws, columns)
    xlsx.title_block(ws, ["CỤM THI ĐUA SỐ 6", "DANH SÁCH", "Năm 2023"], last_col=3)
    xlsx.header_row(ws, 5, columns)
    xlsx.table_row(ws, 6, ["Sở Nội vụ", 12, dt.date(2024, 1, 31)], columns)
    xlsx.print_setup(ws, landscape=landscape, title_rows=(5, 5))
    return reopen(wb)


@pytest.mark.parametrize(("landscape", "orientation"), [(True, "landscape"), (False, "portrait")])
def test_a_sheet_prints_on_a4_one_page_wide_with_page_numbers(
    landscape: bool, orientation: str
) -> None:
    ws = printed_sheet(landscape=landscape)
    setup = ws.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (
        9,
        orientation,
        1,
        0,
    )
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$5:$5"
    assert "Trang &P/&N" in ws.oddFooter.center.text
    assert ws.oddFooter.center.font == "Times New Roman,Regular"


def test_the_margins_follow_decree_30() -> None:
    margins = printed_sheet(landscape=True).page_margins
    in_mm = [round(v * 25.4) for v in (margins.left, margins.right, margins.top, margins.bottom)]
    assert in_mm == [30, 15, 20, 20]


def test_the_title_block_is_merged_and_centred_over_the_table() -> None:
    ws = printed_sheet(landscape=True)
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:C1", "A2:C2", "A3:C3"}
    assert [ws[f"A{r}"].value for r in (1, 2, 3)] == ["CỤM THI ĐUA SỐ 6", "DANH SÁCH", "Năm 2023"]
    assert {ws[f"A{r}"].alignment.horizontal for r in (1, 2, 3)} == {"center"}
    assert ws["A2"].font.b and ws["A3"].font.i


def test_cells_are_typed_bordered_and_in_times_new_roman() -> None:
    ws = printed_sheet(landscape=True)
    number, date = ws["B6"], ws["C6"]
    assert (number.value, number.data_type, number.number_format) == (12, "n", "#,##0")
    assert (date.value.date(), date.is_date, date.number_format) == (
        dt.date(2024, 1, 31),
        True,
        "dd/mm/yyyy",
    )
    assert {ws[c].font.name for c in ("A1", "A5", "A6", "B6")} == {"Times New Roman"}
    assert ws["A6"].border.left.style == "thin"
    assert ws["A5"].alignment.wrap_text and ws["A6"].alignment.wrap_text
    assert [ws.column_dimensions[c].width for c in "ABC"] == [30, 8, 12]
    assert ws.title == "Một tên trang tính rất dài quá"


def test_an_aware_datetime_is_written_in_local_time_as_a_date() -> None:
    wb, ws = xlsx.new_sheet("T")
    xlsx.put(ws, 1, 1, dt.datetime(2024, 1, 31, 2, 30, tzinfo=dt.UTC))
    cell = reopen(wb)["A1"]
    assert (cell.value.isoformat(), cell.number_format) == (
        "2024-01-31T09:30:00",
        "dd/mm/yyyy hh:mm",
    )


def test_a_decimal_is_a_number_with_two_decimals() -> None:
    wb, ws = xlsx.new_sheet("T")
    xlsx.table_row(ws, 1, [Decimal("38.5")], [Column("Điểm", 9, "points")])
    cell = reopen(wb)["A1"]
    assert (cell.value, cell.data_type, cell.number_format) == (38.5, "n", "#,##0.00")


@pytest.mark.parametrize("text", RISKY)
def test_text_that_looks_like_a_formula_stays_text_in_xlsx(text: str) -> None:
    wb, ws = xlsx.new_sheet("T")
    xlsx.put(ws, 1, 1, text)
    xlsx.append_safe(ws, ["Sở", text])
    ws2 = reopen(wb)
    for cell in (ws2["A1"], ws2["B2"]):
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_only_the_formulas_we_build_are_formulas() -> None:
    wb, ws = xlsx.new_sheet("T")
    xlsx.formula(ws, 1, 1, "=SUM(B1:B3)")
    xlsx.put(ws, 2, 1, "Sở Nội vụ")
    ws2 = reopen(wb)
    assert (ws2["A1"].data_type, ws2["A1"].value) == ("f", "=SUM(B1:B3)")
    assert (ws2["A2"].data_type, ws2["A2"].quotePrefix) == ("s", False)


@pytest.mark.parametrize("text", RISKY)
def test_text_that_looks_like_a_formula_is_quoted_in_csv(text: str) -> None:
    content = xlsx.csv_text(["Đơn vị", "Số"], [[text, -2], [None, 3]])
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert rows == [["Đơn vị", "Số"], ["'" + text, "-2"], ["", "3"]]


def test_row_heights_follow_the_text_and_the_column_width() -> None:
    _wb, ws = xlsx.new_sheet("T")
    columns = [Column("Nội dung", 20), Column("Điểm", 8, "points")]
    xlsx.set_widths(ws, columns)
    xlsx.table_row(ws, 1, ["ngắn", 1], columns)
    xlsx.table_row(ws, 2, ["một nội dung tiêu chí dài " * 4, 1], columns)
    xlsx.table_row(ws, 3, ["dòng một\ndòng hai\ndòng ba", 1], columns)
    xlsx.fit_row_heights(ws, 1, 3)
    heights = [ws.row_dimensions[r].height for r in (1, 2, 3)]
    assert heights[0] < heights[2] < heights[1]
    assert heights[2] == pytest.approx(xlsx.LINE_HEIGHT * 3 + 4)


def test_a_signature_block_is_merged_with_room_to_sign() -> None:
    _wb, ws = xlsx.new_sheet("T")
    xlsx.set_widths(ws, [Column(str(i), 10) for i in range(4)])
    end = xlsx.signature_block(
        ws,
        10,
        first_col=3,
        last_col=4,
        lines=[("Hà Nội, ngày … tháng … năm …", "place"), ("THỦ TRƯỞNG", "title"), ("", "space")],
    )
    assert end == 13
    assert {str(r) for r in ws.merged_cells.ranges} == {"C10:D10", "C11:D11", "C12:D12"}
    assert (ws["C10"].font.i, ws["C11"].font.b) == (True, True)
    assert ws.row_dimensions[12].height == xlsx.LINE_HEIGHT * 4


def _look(cell: Any) -> tuple[Any, ...]:
    return (
        cell.font.name,
        cell.font.b,
        cell.border.left.style,
        cell.alignment.horizontal,
        cell.alignment.wrap_text,
        cell.number_format,
        cell.quotePrefix,
        cell.data_type,
        cell.fill.fgColor.rgb,
    )


def test_every_row_of_a_table_is_styled_like_the_first() -> None:
    """Later rows copy the style of the first cell of their kind: the same look, each value
    still typed (a risky text in a column of plain text is quoted; a date stays a date)."""
    columns = [Column("Đơn vị", 20), Column("Hạn", 12, "datetime"), Column("Số", 6, "int")]
    due = dt.datetime(2024, 1, 31, 10, 0, tzinfo=dt.UTC)  # 17:00 in Hà Nội
    wb, ws = xlsx.new_sheet("Bảng")
    xlsx.table_row(ws, 1, ["Sở Nội vụ", due, 3], columns)
    xlsx.table_row(ws, 2, ["Sở Tư pháp", due, 4], columns)
    xlsx.table_row(ws, 3, ["=HYPERLINK(1)", None, 5], columns, bold=True, shade="DDDDDD")
    xlsx.table_row(ws, 4, ["=HYPERLINK(2)", None, 6], columns, bold=True, shade="DDDDDD")
    fresh_wb, fresh = xlsx.new_sheet("Mới")  # the same values, each the first of its kind
    xlsx.table_row(fresh, 2, ["Sở Tư pháp", due, 4], columns)
    xlsx.table_row(fresh, 4, ["=HYPERLINK(2)", None, 6], columns, bold=True, shade="DDDDDD")
    ws, fresh = reopen(wb), reopen(fresh_wb)
    for row in (2, 4):
        assert [_look(c) for c in ws[row]] == [_look(c) for c in fresh[row]]
    assert [c.value for c in ws[2]] == [
        "Sở Tư pháp",
        timezone.localtime(due).replace(tzinfo=None),
        4,
    ]
    assert (ws["A4"].value, ws["A4"].data_type, ws["A4"].quotePrefix) == (
        "=HYPERLINK(2)",
        "s",
        True,
    )
