"""Each bad input of issue 10 gives its Vietnamese message with sheet, row and column, and the
file is refused as a whole: nothing is written, not even the good rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.awards.history.helpers import D, award
from tests.awards.imports.helpers import HEADERS, csv_bytes, good_sheets, xlsx_bytes
from tests.conftest import World
from tests.people.helpers import person
from thidua.audit.models import AuditEvent
from thidua.awards.history import AwardRecord
from thidua.awards.imports import import_history
from thidua.awards.models import AwardType
from thidua.people.models import Person, YearRecord

pytestmark = pytest.mark.django_db


def refused(world: World, data: bytes, filename: str = "lich-su.xlsx") -> list[tuple[Any, ...]]:
    def state() -> tuple[int, ...]:
        return (
            Person.objects.count(),
            YearRecord.objects.count(),
            AwardRecord.objects.count(),
            AuditEvent.objects.filter(action="import.history").count(),
        )

    before = state()
    result = import_history(data=data, filename=filename, user=world.board)
    assert not result.ok and not result.written
    assert state() == before
    return [(e.sheet, e.row, e.column, e.message) for e in result.errors]


def test_an_unknown_unit_code(world: World) -> None:
    sheets = good_sheets(world)
    sheets["Cá nhân"][1][4] = "KHONG-CO"
    assert (
        "Cá nhân",
        3,
        "Mã đơn vị",
        "Không tìm thấy đơn vị có mã “KHONG-CO” (hoặc đơn vị không thuộc phạm vi của bạn).",
    ) in refused(world, xlsx_bytes(sheets))


def test_an_unknown_award_code_and_an_unknown_person(world: World) -> None:
    sheets = good_sheets(world)
    sheets["Khen thưởng"][0][2] = "KHONG-CO"
    sheets["Xếp loại"][3][0] = "CB-999"
    errors = refused(world, xlsx_bytes(sheets))
    assert (
        "Khen thưởng",
        2,
        "Mã danh hiệu/hình thức",
        "Không tìm thấy danh hiệu, hình thức khen thưởng có mã “KHONG-CO” áp dụng năm 2023 "
        "(xem trang Danh mục khen thưởng).",
    ) in errors
    assert ("Xếp loại", 5, "Mã cá nhân") in [e[:3] for e in errors]
    assert "“CB-999”" in next(e[3] for e in errors if e[:2] == ("Xếp loại", 5))


def test_a_future_year(world: World) -> None:
    sheets = good_sheets(world)
    next_year = timezone.localdate().year + 1
    sheets["Xếp loại"][0][1] = next_year
    current = next_year - 1
    assert (
        "Xếp loại",
        2,
        "Năm",
        f"Năm {next_year} chưa đến: chỉ ghi nhận đến năm {current}.",
    ) in refused(world, xlsx_bytes(sheets))


def test_a_person_in_two_units_at_once_within_the_file(world: World) -> None:
    sheets = good_sheets(world)
    sheets["Cá nhân"].append(
        ["CB-001", "Nguyễn Văn An", 1980, "Nam", world.head.code, "công chức", "", "01/06/2020", "", ""]
    )  # fmt: skip
    assert (
        "Cá nhân",
        4,
        "Từ ngày",
        "Nguyễn Văn An đang công tác tại Sở Nội vụ từ 01/01/2018: một người chỉ thuộc một đơn vị "
        "tại một thời điểm",
    ) in refused(world, xlsx_bytes(sheets))


def test_a_person_in_two_units_at_once_with_the_database(world: World) -> None:
    person(world.board, world.head, code="CB-001", name="Nguyễn Văn An", valid_from=D(2015, 1, 1))
    sheets = good_sheets(world)
    errors = refused(world, xlsx_bytes(sheets))
    assert ("Cá nhân", 2, "Từ ngày") in [e[:3] for e in errors]
    assert "đang công tác tại Văn phòng UBND Thành phố từ 01/01/2015" in errors[0][3]


def test_an_initiative_used_twice_in_the_file(world: World) -> None:
    sheets = good_sheets(world)
    sheets["Khen thưởng"][1][7] = "SK-01"
    assert (
        "Khen thưởng",
        3,
        "Sáng kiến đã dùng",
        "Sáng kiến SK-01 đã dùng cho Chiến sĩ thi đua cơ sở (thử) năm 2023",
    ) in refused(world, xlsx_bytes(sheets))


def test_an_initiative_already_used_in_the_database(world: World) -> None:
    sheets = good_sheets(world)
    import_history(data=xlsx_bytes(sheets), filename="a.xlsx", user=world.board)
    kind = AwardType.objects.get(code="T-TTLDTT")
    award(world.board, kind, organization=world.member, year=2022)
    more = {
        "Khen thưởng": [
            ["tập thể", world.member.code, "T-TTLDTT", 2022, "2022/QĐ-SNV", "15/01/2023", "", "SK-01", ""]
        ]
    }  # fmt: skip
    assert (
        "Khen thưởng",
        2,
        "Sáng kiến đã dùng",
        "Sáng kiến SK-01 đã dùng cho Chiến sĩ thi đua cơ sở (thử) năm 2023",
    ) in refused(world, xlsx_bytes(more))


def test_a_conflicting_existing_row_is_an_error_not_an_overwrite(world: World) -> None:
    sheets = good_sheets(world)
    import_history(data=xlsx_bytes(sheets), filename="a.xlsx", user=world.board)
    sheets["Xếp loại"][0][2] = "HT"
    errors = refused(world, xlsx_bytes(sheets))
    assert (
        "Xếp loại",
        2,
        "Mức xếp loại",
        "Nguyễn Văn An đã có xếp loại năm 2021 (Hoàn thành xuất sắc nhiệm vụ); lịch sử không bị "
        "ghi đè.",
    ) in errors
    assert YearRecord.objects.get(person__code="CB-001", year=2021).rating == 4


def test_a_wrong_column(world: World) -> None:
    headers = {**HEADERS, "Xếp loại": ["Mã cá nhân*", "Năm*", "Mức xếp loại*", "Điểm"]}
    sheets = good_sheets(world)
    errors = refused(world, xlsx_bytes(sheets, headers))
    assert errors[0][:3] == ("Xếp loại", 1, "Điểm")
    assert errors[0][3].startswith("Cột “Điểm” (cột D) không thuộc trang “Xếp loại”.")


def test_a_missing_required_column(world: World) -> None:
    headers = {**HEADERS, "Tập thể": HEADERS["Tập thể"][:3] + HEADERS["Tập thể"][4:]}
    sheets = good_sheets(world)
    sheets["Tập thể"] = [[world.member.code, 2023, "HTXS", 40, 32, 5, ""]]
    assert (
        "Tập thể",
        1,
        "Tổng số thành viên",
        "Thiếu cột bắt buộc “Tổng số thành viên”.",
    ) in refused(world, xlsx_bytes(sheets, headers))


def test_a_windows_1252_csv(world: World) -> None:
    data = csv_bytes("Kỷ luật", [["CB-002", "ky luat", "", "", "10/03/2021", "10/03/2021", ""]])
    broken = data.decode("utf-8-sig").encode("utf-8").decode("cp1252", "replace").encode("utf-8")
    errors = refused(world, broken, "ky-luat.csv")
    assert errors[0][:3] == ("", 0, "")
    assert "lỗi bảng mã" in errors[0][3]
    latin = "Mã cá nhân*,Loại*\nCB-002,kỷ luật\n".encode("cp1258", "replace")
    assert "không dùng bảng mã UTF-8" in refused(world, latin, "ky-luat.csv")[0][3]


def test_bad_cells_name_their_column(world: World) -> None:
    sheets = good_sheets(world)
    sheets["Cá nhân"][0][7] = "31/02/2018"
    sheets["Sáng kiến"][0][7] = "thế giới"
    sheets["Tập thể"][0][5] = 41
    errors = refused(world, xlsx_bytes(sheets))
    columns = {e[:3] for e in errors}
    assert ("Cá nhân", 2, "Từ ngày") in columns
    assert ("Sáng kiến", 2, "Phạm vi ảnh hưởng") in columns
    assert (
        "Tập thể",
        2,
        "Số đạt LĐTT",
        "Số đạt Lao động tiên tiến (41) phải từ 0 đến tổng số thành viên (40).",
    ) in errors


def test_an_unknown_sheet_name(world: World) -> None:
    sheets = good_sheets(world)
    data = xlsx_bytes({"Danh sách": sheets["Xếp loại"]}, {"Danh sách": HEADERS["Xếp loại"]})
    errors = refused(world, data)
    assert errors[0][0] == "Danh sách" and "không được nhận ra" in errors[0][3]


def test_a_csv_whose_headers_match_no_sheet(world: World) -> None:
    data = "Mã,Tên\nA,B\n".encode()
    errors = refused(world, data, "khac.csv")
    assert errors[0][:3] == ("", 0, "")
    assert errors[0][3].startswith("Không nhận ra dòng tiêu đề trong 10 dòng đầu của tệp.")


def test_the_page_limit_points_to_the_command(world: World) -> None:
    rows = [["CB-001", 2000 + i % 20, "HT", 12] for i in range(5_001)]
    result = import_history(
        data=csv_bytes("Xếp loại", rows), filename="x.csv", user=world.board, max_rows=5_000
    )
    assert [e.message for e in result.errors] == [
        "Tệp có quá nhiều dòng để nhập trên trang web: tối đa 5.000 dòng mỗi lần. Hãy chia nhỏ "
        "tệp, hoặc nhờ quản trị viên dùng lệnh “thidua import-history”."
    ]
