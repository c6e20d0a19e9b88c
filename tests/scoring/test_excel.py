"""Excel out and in: the score table, a unit's sheet (round trip) and every import error,
reported cell by cell in Vietnamese, all or nothing."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.factories_scoring import fill_sheet, fresh
from tests.scoring.conftest import ScoringWorld
from thidua.audit.models import AuditEvent
from thidua.scoring import excel, selectors
from thidua.scoring.enums import SheetStatus
from thidua.scoring.models import Criterion, ScoreEntry, ScoreSheet
from thidua.scoring.services.criteria import create_criteria_set
from thidua.scoring.services.imports import import_criteria, import_unit_sheet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = Decimal


def _blank(sw: ScoringWorld) -> Any:
    content = excel.unit_sheet_xlsx(
        table=selectors.criteria_table(sw.cs), cluster_year=sw.cy, organization=sw.w.member
    )
    return load_workbook(io.BytesIO(content))


def _row_of(ws: Any, code: str) -> int:
    return next(r for r in range(7, ws.max_row + 1) if ws[f"A{r}"].value == code)


def _upload(wb: Any, name: str = "tu-cham.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), excel.XLSX_TYPE)


def _import(sw: ScoringWorld, wb: Any) -> Any:
    return import_unit_sheet(
        cluster_year=fresh(sw.w.cy), organization=sw.w.member, user=sw.w.officer, upload=_upload(wb)
    )


def _values(sw: ScoringWorld) -> dict[str, Any]:
    return {
        e.criterion.code: (e.self_value, e.measure, e.note)
        for e in ScoreEntry.objects.filter(sheet__organization=sw.w.member).select_related(
            "criterion"
        )
    }


def test_blank_sheet_layout(sw: ScoringWorld) -> None:
    ws = _blank(sw).worksheets[0]
    assert [ws[c].value for c in ("A1", "B2", "B3", "B4", "C4")] == [
        "BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM 2023",
        "HN-C06",
        2023,
        sw.w.member.code,
        "Sở Nội vụ",
    ]
    assert [ws.cell(row=6, column=c).value for c in range(1, 9)] == [
        "Mã", "Nội dung tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Số liệu thực hiện",
        "Giải trình", "Cách chấm", "Minh chứng",
    ]  # fmt: skip
    assert [ws[f"A{r}"].value for r in range(7, 12)] == ["I", "I.1", "I.2", "II", "II.1"]
    assert [ws.cell(row=8, column=c).value for c in (1, 3, 4, 8)] == ["I.1", 40, None, "Bắt buộc"]


def test_round_trip_blank_sheet_filled_and_imported(sw: ScoringWorld) -> None:
    wb = _blank(sw)
    ws = wb.worksheets[0]
    fills = {
        "I.1": ("D", 38.5),
        "I.2": ("E", 96),
        "II.1": ("D", 10),
        "II.2": ("D", "12,5"),
        "III.1": ("E", 85),
    }
    for code, (col, value) in fills.items():
        ws[f"{col}{_row_of(ws, code)}"] = value
    ws[f"F{_row_of(ws, 'I.1')}"] = "Hoàn thành 240/247 nhiệm vụ"
    sheet, rows = _import(sw, wb)
    assert rows == 9
    assert _values(sw) == {
        "I.1": (D("38.5"), None, "Hoàn thành 240/247 nhiệm vụ"),
        "I.2": (D("19.2"), D(96), ""),
        "II.1": (D(10), None, ""),
        "II.2": (D("12.5"), None, ""),
        "III.1": (D(10), D(85), ""),
    }
    assert (sheet.status, sheet.version) == (SheetStatus.DRAFT, 2)
    assert AuditEvent.objects.filter(action="scoring.sheet.import").count() == 1
    # The filled sheet exports back with the same values.
    again = excel.unit_sheet_xlsx(
        table=selectors.criteria_table(sw.cs),
        cluster_year=sw.cy,
        organization=sw.w.member,
        entries=selectors.entries_by_criterion(sheet),
    )
    ws2 = load_workbook(io.BytesIO(again)).worksheets[0]
    assert ws2[f"D{_row_of(ws2, 'I.1')}"].value == 38.5
    assert ws2[f"E{_row_of(ws2, 'III.1')}"].value == 85


def _errors_of(sw: ScoringWorld, change: Any) -> list[str]:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer, submit=False, values={"II.2": D(7)})
    before = _values(sw)
    wb = _blank(sw)
    change(wb.worksheets[0])
    with pytest.raises(ValidationError) as exc:
        _import(sw, wb)
    assert _values(sw) == before  # all or nothing
    return exc.value.messages


def test_a_score_above_the_maximum_names_the_cell(sw: ScoringWorld) -> None:
    def change(ws: Any) -> None:
        ws[f"D{_row_of(ws, 'II.2')}"] = 14
        ws[f"D{_row_of(ws, 'I.1')}"] = 45

    assert _errors_of(sw, change) == ["Ô D8 (tiêu chí I.1): 45 vượt điểm tối đa 40"]


@pytest.mark.parametrize(
    ("code", "column", "value", "message"),
    [
        ("II.2", "D", -2, "Ô D{row} (tiêu chí II.2): điểm không được âm (-2)."),
        ("II.2", "D", "mười", "Ô D{row} (tiêu chí II.2): “mười” không phải là số."),
        ("II.2", "D", 7.555, "Ô D{row} (tiêu chí II.2): 7,555 có quá 2 chữ số thập phân."),
        ("II.1", "D", 5, "Ô D{row} (tiêu chí II.1): tiêu chí có/không chỉ nhận 0 hoặc 10 điểm."),
        ("I.2", "E", -1, "Ô E{row} (tiêu chí I.2): số liệu không được âm (-1)."),
    ],
)
def test_every_bad_cell_is_reported(
    sw: ScoringWorld, code: str, column: str, value: Any, message: str
) -> None:
    rows: dict[str, int] = {}

    def change(ws: Any) -> None:
        rows["row"] = _row_of(ws, code)
        ws[f"{column}{rows['row']}"] = value

    assert _errors_of(sw, change) == [message.format(row=rows["row"])]


def test_unknown_and_repeated_criteria_codes_are_reported(sw: ScoringWorld) -> None:
    def change(ws: Any) -> None:
        ws["A30"], ws["D30"] = "I.9", 3
        ws["A31"], ws["D31"] = "II.2", 3

    assert _errors_of(sw, change) == [
        "Ô A30: mã tiêu chí “I.9” không có trong bộ tiêu chí.",
        f"Ô A31: tiêu chí II.2 bị lặp (đã có ở dòng {_row_of(_blank(sw).worksheets[0], 'II.2')}).",
    ]


def test_the_sheet_of_another_unit_or_year_is_refused(sw: ScoringWorld) -> None:
    def change(ws: Any) -> None:
        ws["B4"] = sw.w.deputy.code
        ws["B3"] = 2022

    assert _errors_of(sw, change) == [
        "Ô B3: năm trong tệp là “2022”, không khớp “2023” (Sở Nội vụ, Cụm thi đua số 6 năm 2023). "
        "Hãy tải đúng bảng điểm của đơn vị.",
        f"Ô B4: mã đơn vị trong tệp là “{sw.w.deputy.code}”, không khớp “{sw.w.member.code}” "
        "(Sở Nội vụ, Cụm thi đua số 6 năm 2023). Hãy tải đúng bảng điểm của đơn vị.",
    ]


def test_a_file_that_is_not_excel_is_refused(sw: ScoringWorld) -> None:
    upload = SimpleUploadedFile("tu-cham.xlsx", b"not a zip", excel.XLSX_TYPE)
    with pytest.raises(ValidationError) as exc:
        import_unit_sheet(
            cluster_year=sw.cy, organization=sw.w.member, user=sw.w.officer, upload=upload
        )
    assert exc.value.messages == ["Nội dung tệp “tu-cham.xlsx” không phải Excel (XLSX) hợp lệ."]


def test_the_import_page_shows_the_cell_report(sw: ScoringWorld) -> None:
    wb = _blank(sw)
    ws = wb.worksheets[0]
    ws[f"D{_row_of(ws, 'I.1')}"] = 45
    client = Client()
    client.force_login(sw.w.officer)
    url = reverse("scoring:sheet_import", args=["HN-C06", 2023, sw.w.member.code])
    response = client.post(url, {"file": _upload(wb)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Chưa nhập: có 1 lỗi" in page
    assert "Ô D8 (tiêu chí I.1): 45 vượt điểm tối đa 40" in page
    assert ScoreEntry.objects.count() == 0


def test_a_submitted_sheet_cannot_be_overwritten_by_an_import(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    with pytest.raises(PermissionDenied) as exc:
        _import(sw, _blank(sw))
    assert "đã nộp, không sửa được nữa" in str(exc.value)
    assert ScoreSheet.objects.get(organization=sw.w.member).status == SheetStatus.SUBMITTED


def test_score_table_has_criteria_as_rows_and_units_as_columns(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer, values={"II.2": D(12), "TH.1": D(3)})
    content = excel.score_table_xlsx(selectors.ranking_data(sw.cy))
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    header = [ws.cell(row=5, column=c).value for c in range(1, 8)]
    assert header[:4] == ["STT", "Mã", "Nội dung tiêu chí", "Điểm tối đa"]
    assert header[4] == "Sở Nội vụ"  # ranked first: the only unit with points
    rows = {
        ws.cell(row=r, column=2).value or ws.cell(row=r, column=3).value: r
        for r in range(6, ws.max_row + 1)
    }
    assert ws.cell(row=rows["II.2"], column=5).value == 12
    assert ws.cell(row=rows["II"], column=5).value == 22
    assert [
        ws.cell(row=rows[label], column=5).value for label in ("Tổng điểm", "Xếp hạng", "Xếp loại")
    ] == [
        100,
        1,
        "Xuất sắc",
    ]


def test_criteria_table_round_trip_into_a_draft(sw: ScoringWorld) -> None:
    content = excel.criteria_xlsx(selectors.criteria_table(sw.cs))
    draft_year = sw.w.other_cy
    draft = create_criteria_set(cluster_year=draft_year, user=sw.w.admin, name="Nhập từ Excel")
    import_criteria(
        criteria_set=draft,
        user=sw.w.admin,
        upload=SimpleUploadedFile("tieu-chi.xlsx", content, excel.XLSX_TYPE),
    )
    table = selectors.criteria_table(draft)
    assert [(c.code, c.max_points, c.method, c.evidence_required) for c in table.criteria][:3] == [
        ("I.1", D(40), "manual", True),
        ("I.2", D(20), "proportional", False),
        ("II.1", D(10), "yes_no", False),
    ]
    assert Criterion.objects.get(criteria_set=draft, code="III.1").tiers == [
        ["100", "15"],
        ["80", "10"],
        ["50", "5"],
    ]
    assert [g.section for g in table.top_groups] == [
        "normal",
        "normal",
        "normal",
        "bonus",
        "penalty",
    ]


def test_a_bad_criteria_file_changes_nothing(sw: ScoringWorld) -> None:
    draft = create_criteria_set(cluster_year=sw.w.other_cy, user=sw.w.admin, name="X")
    wb = Workbook()
    ws = wb.active
    ws.append(excel.CRITERIA_HEADER)
    ws.append(["Tiêu chí", "I.1", "Không có nhóm", 10])
    ws.append(["Nhóm", "II", "Nhóm II", 25, "Phần lạ"])
    with pytest.raises(ValidationError) as exc:
        import_criteria(criteria_set=draft, user=sw.w.admin, upload=_upload(wb))
    assert exc.value.messages == [
        "Dòng 2: tiêu chí I.1 phải nằm dưới một dòng Nhóm.",
        "Ô E3: “Phần lạ” không phải một lựa chọn hợp lệ (Tiêu chí chấm điểm, Điểm thưởng, Điểm trừ).",
    ]
    assert draft.groups.count() == 0
