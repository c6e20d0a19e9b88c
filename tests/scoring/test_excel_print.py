"""The scoring workbooks print as an office expects: A4 landscape one page wide, the header row
on every page, page numbers, a merged title; numbers are numbers; the blank self-scoring sheet
adds up by formulas (the bonus capped by the criteria set), is protected but for the cells to
fill and ends with the head's signature block; a capped bonus is shown capped with a note; and a
unit named like a formula is printed, never run."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from tests.factories_scoring import fill_sheet
from tests.scoring.conftest import ScoringWorld
from thidua.organizations.models import Organization
from thidua.scoring import excel, selectors
from thidua.scoring.models import CriteriaSet
from thidua.scoring.services.imports import import_unit_sheet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = Decimal
INJECTION = '=HYPERLINK("http://x","y")'


def _book(content: bytes) -> Any:
    return load_workbook(io.BytesIO(content)).worksheets[0]


def _blank(sw: ScoringWorld) -> Any:
    return _book(
        excel.unit_sheet_xlsx(
            table=selectors.criteria_table(CriteriaSet.objects.get(pk=sw.cs.pk)),
            cluster_year=sw.cy,
            organization=sw.w.member,
        )
    )


def _score_table(sw: ScoringWorld) -> Any:
    return _book(excel.score_table_xlsx(selectors.ranking_data(sw.cy)))


def _criteria(sw: ScoringWorld) -> Any:
    return _book(excel.criteria_xlsx(selectors.criteria_table(sw.cs)))


def _row_of(ws: Any, column: str, text: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws[f"{column}{r}"].value == text)


def _assert_prints(ws: Any, title_rows: str) -> None:
    setup = ws.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (
        9,
        "landscape",
        1,
        0,
    )
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == title_rows
    assert "Trang &P/&N" in ws.oddFooter.center.text


def _rename_member(sw: ScoringWorld, name: str) -> None:
    Organization.objects.filter(pk=sw.w.member.pk).update(name=name, short_name="")
    sw.w.member.refresh_from_db()


@pytest.mark.parametrize("export", [_blank, _score_table, _criteria])
def test_every_scoring_workbook_prints_one_page_wide_in_landscape(
    sw: ScoringWorld, export: Any
) -> None:
    ws = export(sw)
    _assert_prints(ws, "$6:$6" if export is _blank else "$5:$5")
    assert "A1:" in " ".join(str(r) for r in ws.merged_cells.ranges)
    assert ws["A1"].alignment.horizontal == "center"
    assert ws["A1"].font.name == "Times New Roman"


def test_the_score_table_has_a_merged_title_block_and_numeric_points(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer, values={"II.2": D("12.5")})
    ws = _score_table(sw)
    last = ws.max_column
    assert {"A1", "A2", "A3"} <= {str(r).split(":")[0] for r in ws.merged_cells.ranges}
    assert [ws["A1"].value, ws["A2"].value] == [
        "CỤM THI ĐUA SỐ 6",
        "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2023",
    ]
    assert ws["A3"].value.startswith("Cụm thi đua số 6, năm 2023.")
    assert f"A1:{get_column_letter(last)}1" in {str(r) for r in ws.merged_cells.ranges}
    points = ws.cell(row=_row_of(ws, "B", "II.2"), column=5)
    assert (points.value, points.data_type, points.number_format) == (12.5, "n", "#,##0.00")
    rank = ws.cell(row=_row_of(ws, "C", "Xếp hạng"), column=5)
    assert (rank.value, rank.data_type, rank.number_format) == (1, "n", "#,##0")


def test_a_bonus_above_the_cap_is_shown_capped_with_a_note(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer, values={"TH.1": 5, "TH.2": 5, "TH.3": 5})
    ws = _score_table(sw)
    row = max(r for r in range(1, ws.max_row + 1) if ws[f"C{r}"].value == "Điểm thưởng")
    assert [ws.cell(row=row, column=c).value for c in (4, 5)] == [10, 10]  # the cap, capped
    assert ws.cell(row=_row_of(ws, "B", "TH"), column=5).value == 15  # the group as scored
    total = _row_of(ws, "C", "Tổng điểm")
    assert [ws.cell(row=total, column=c).value for c in (4, 5)] == [110, 110]  # 100 + 10
    assert "tối đa 10 điểm (đạt 15 điểm)" in ws.cell(row=row, column=5).comment.text
    notes = [ws[f"A{r}"].value for r in range(row, ws.max_row + 1) if ws[f"A{r}"].value]
    assert notes == ["Ghi chú: Điểm thưởng tính tối đa 10 điểm (Sở Nội vụ: đạt 15 điểm)."]


def test_no_note_when_no_bonus_is_capped(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer, values={"TH.1": 5})
    ws = _score_table(sw)
    assert not any(
        str(ws[f"A{r}"].value or "").startswith("Ghi chú") for r in range(1, ws.max_row + 1)
    )


def test_the_blank_sheet_adds_up_by_formulas_capped_by_the_criteria_set(sw: ScoringWorld) -> None:
    CriteriaSet.objects.filter(pk=sw.cs.pk).update(bonus_cap=D("7.5"), penalty_cap=D(3))
    ws = _blank(sw)
    row = {code: _row_of(ws, "A", code) for code in ("I", "I.1", "I.2", "III.1", "TH", "TR")}
    assert ws[f"D{row['I']}"].value == f"=MIN(SUM(D{row['I.1']},D{row['I.2']}),60)"
    assert ws[f"D{row['I.2']}"].value == (
        f'=IF(E{row["I.2"]}="","",ROUND(MAX(0,MIN(20,20*E{row["I.2"]}/100)),2))'
    )
    e = f"E{row['III.1']}"
    assert ws[f"D{row['III.1']}"].value == (
        f'=IF({e}="","",ROUND(MAX(0,MIN(15,IF({e}>=100,15,IF({e}>=80,10,IF({e}>=50,5,0))))),2))'
    )
    assert ws[f"D{row['TH']}"].value.startswith("=SUM(D")
    totals = {ws[f"B{r}"].value: ws[f"D{r}"].value for r in range(row["TR"] + 2, row["TR"] + 6)}
    assert totals == {
        "Điểm các tiêu chí": f"=MIN(SUM(D{row['I']},D{_row_of(ws, 'A', 'II')},D{_row_of(ws, 'A', 'III')}),100)",
        "Điểm thưởng (tính tối đa 7,5 điểm)": f"=MIN(SUM(D{row['TH']}),7.5)",
        "Điểm trừ": f"=MIN(SUM(D{row['TR']}),3)",
        "TỔNG ĐIỂM TỰ CHẤM": f"=MAX(0,D{row['TR'] + 2}+D{row['TR'] + 3}-D{row['TR'] + 4})",
    }
    assert {ws[f"D{r}"].data_type for r in range(row["TR"] + 2, row["TR"] + 6)} == {"f"}
    assert ws[f"A{row['TR'] + 2}"].value is None  # the import skips the total rows


def test_the_blank_sheet_is_protected_but_for_the_cells_to_fill(sw: ScoringWorld) -> None:
    ws = _blank(sw)
    assert ws.protection.sheet is True
    manual, computed, group = (_row_of(ws, "A", code) for code in ("I.1", "I.2", "I"))

    def locked(ref: str) -> bool:
        return bool(ws[ref].protection.locked)

    assert [locked(f"D{manual}"), locked(f"F{manual}"), locked(f"E{computed}")] == [False] * 3
    assert [
        locked(f"E{manual}"),
        locked(f"D{computed}"),
        locked(f"D{group}"),
        locked(f"A{manual}"),
        locked(f"C{manual}"),
        locked("B2"),
        locked("B4"),
    ] == [True] * 7


def test_the_blank_sheet_ends_with_the_heads_signature_block(sw: ScoringWorld) -> None:
    ws = _blank(sw)
    title = _row_of(ws, "E", "THỦ TRƯỞNG ĐƠN VỊ")
    assert ws[f"E{title - 1}"].value == "…………, ngày …… tháng …… năm ……"
    assert ws[f"E{title + 1}"].value == "(Ký, ghi rõ họ tên, đóng dấu)"
    assert f"E{title}:H{title}" in {str(r) for r in ws.merged_cells.ranges}
    assert title > _row_of(ws, "B", "TỔNG ĐIỂM TỰ CHẤM")
    assert ws[f"E{title}"].font.b and ws[f"E{title + 1}"].font.i


def test_the_filled_sheet_with_its_formulas_still_imports(sw: ScoringWorld) -> None:
    wb = load_workbook(
        io.BytesIO(
            excel.unit_sheet_xlsx(
                table=selectors.criteria_table(sw.cs),
                cluster_year=sw.cy,
                organization=sw.w.member,
            )
        )
    )
    ws = wb.worksheets[0]
    ws[f"D{_row_of(ws, 'A', 'I.1')}"] = 30
    ws[f"E{_row_of(ws, 'A', 'III.1')}"] = 85
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = SimpleUploadedFile("tu-cham.xlsx", buffer.getvalue(), excel.XLSX_TYPE)
    _sheet, rows = import_unit_sheet(
        cluster_year=sw.cy, organization=sw.w.member, user=sw.w.officer, upload=upload
    )
    assert rows == 9


class _Blank(int):
    """An empty cell: 0 in arithmetic, equal to "" (as in Excel)."""

    def __eq__(self, other: object) -> bool:
        return other in ("", 0)

    __hash__ = int.__hash__


def _evaluate(ws: Any, ref: str) -> Any:
    """Excel's meaning of the few functions the sheet uses (SUM, MIN, MAX, IF, ROUND)."""
    value = ws[ref].value
    if value is None:
        return _Blank(0)
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    numbers = lambda args: [a for a in args if not isinstance(a, str)]  # noqa: E731
    names = {
        "_c": lambda col, row: _evaluate(ws, f"{col}{row}"),
        "_sum": lambda *a: sum(numbers(a)),
        "_min": lambda *a: min(numbers(a)),
        "_max": lambda *a: max(numbers(a)),
        "_if": lambda test, yes, no: yes if test else no,
        "_round": round,
    }
    text = re.sub(r"(?<![<>])=", "==", value[1:])
    text = re.sub(r"\b([A-H])(\d+)\b", r'_c("\1",\2)', text)
    for name in ("SUM", "MIN", "MAX", "IF", "ROUND"):
        text = text.replace(f"{name}(", f"_{name.lower()}(")
    return eval(text, {"__builtins__": {}}, names)  # noqa: S307  # our own formulas only


def test_the_sheets_formulas_give_the_total_the_app_gives(sw: ScoringWorld) -> None:
    """Filled in and computed as Excel would, the sheet's total is the one the app computes
    once the same sheet is imported (``ranking.score_unit``): caps, tiers and all."""
    wb = load_workbook(
        io.BytesIO(
            excel.unit_sheet_xlsx(
                table=selectors.criteria_table(sw.cs), cluster_year=sw.cy, organization=sw.w.member
            )
        )
    )
    ws = wb.worksheets[0]
    fills = {"I.1": ("D", 38.5), "I.2": ("E", 96), "II.1": ("D", 10), "II.2": ("D", 12)}
    fills |= {"III.1": ("E", 85), "TH.1": ("D", 5), "TH.2": ("D", 5), "TH.3": ("D", 4)}
    fills |= {"TR.1": ("D", 2)}
    for code, (col, value) in fills.items():
        ws[f"{col}{_row_of(ws, 'A', code)}"] = value
    sheet_total = _evaluate(ws, f"D{_row_of(ws, 'B', 'TỔNG ĐIỂM TỰ CHẤM')}")
    bonus = _evaluate(ws, f"D{_row_of(ws, 'B', 'Điểm thưởng (tính tối đa 10 điểm)')}")
    wb.save(buffer := io.BytesIO())
    import_unit_sheet(
        cluster_year=sw.cy,
        organization=sw.w.member,
        user=sw.w.officer,
        upload=SimpleUploadedFile("tu-cham.xlsx", buffer.getvalue(), excel.XLSX_TYPE),
    )
    line = next(x for x in selectors.ranking_data(sw.cy).lines if x.organization == sw.w.member)
    # 38.5 + 19.2 + 10 + 12 + 10 (tier 80) = 89.7; bonus 14 capped at 10; minus 2 → 97.7
    assert (bonus, line.self_score.bonus) == (10, D(10))
    assert D(str(round(sheet_total, 2))) == line.self_score.total == D("97.7")


def test_an_empty_computed_criterion_counts_nothing(sw: ScoringWorld) -> None:
    ws = _blank(sw)
    assert _evaluate(ws, f"D{_row_of(ws, 'A', 'I.2')}") == ""
    assert _evaluate(ws, f"D{_row_of(ws, 'B', 'TỔNG ĐIỂM TỰ CHẤM')}") == 0


@pytest.mark.parametrize("export", [_blank, _score_table])
def test_a_unit_named_like_a_formula_is_written_as_text(sw: ScoringWorld, export: Any) -> None:
    _rename_member(sw, INJECTION)
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    ws = export(sw)
    cells = [c for row in ws.iter_rows() for c in row if c.value == INJECTION]
    assert cells
    assert {(c.data_type, c.quotePrefix) for c in cells} == {("s", True)}


def test_a_criterion_named_like_a_formula_is_written_as_text(sw: ScoringWorld) -> None:
    from thidua.scoring.models import Criterion

    Criterion.objects.filter(criteria_set=sw.cs, code="I.1").update(name="+1+2", guidance="")
    for ws in (_criteria(sw), _blank(sw)):
        cell = ws[f"C{_row_of(ws, 'B', 'I.1')}"] if ws.title == "Bộ tiêu chí" else None
        cell = cell or ws[f"B{_row_of(ws, 'A', 'I.1')}"]
        assert (cell.value, cell.data_type, cell.quotePrefix) == ("+1+2", "s", True)


def test_the_criteria_template_prints_and_imports_from_under_its_title(sw: ScoringWorld) -> None:
    from thidua.scoring.excel.criteria import parse_criteria

    content = excel.criteria_xlsx(None)
    ws = _book(content)
    _assert_prints(ws, "$5:$5")
    assert ws["A2"].value == "MẪU BỘ TIÊU CHÍ CHẤM ĐIỂM THI ĐUA"
    assert [ws["A5"].value, ws["B6"].value, ws["B7"].value] == ["Loại dòng", "I", "I.1"]
    groups, criteria = parse_criteria(SimpleUploadedFile("mau.xlsx", content, excel.XLSX_TYPE))
    assert ([g.code for g in groups], [(group, c.code) for group, c in criteria]) == (
        ["I"],
        [("I", "I.1")],
    )
