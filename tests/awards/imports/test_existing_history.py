"""The import against history written by the services: identical rows are skipped, new rows of
the same people are added, people outside the officer's scope read as unknown."""

from __future__ import annotations

import pytest

from tests.awards.history.helpers import D
from tests.awards.imports.helpers import good_sheets, xlsx_bytes
from tests.conftest import World
from tests.people.helpers import person
from thidua.awards.imports import import_history
from thidua.people import services
from thidua.people.models import Employment, YearRecord

pytestmark = pytest.mark.django_db


def test_history_entered_by_hand_is_skipped_and_new_years_are_added(world: World) -> None:
    someone = person(world.board, world.member, code="CB-001", name="Nguyễn Văn An")
    services.record_rating(user=world.board, person=someone, year=2021, rating="HTXS")
    sheets = good_sheets(world)
    sheets["Cá nhân"][0][7] = "01/01/2018"
    result = import_history(data=xlsx_bytes(sheets), filename="a.xlsx", user=world.board)
    assert result.errors == []
    counts = {s.name: (s.new, s.skipped) for s in result.sheets}
    assert counts["Cá nhân"] == (1, 1)  # CB-001's period was there, CB-002 is new
    assert counts["Xếp loại"] == (3, 1)
    assert Employment.objects.filter(person=someone).count() == 1
    assert YearRecord.objects.filter(person=someone).count() == 3


def test_a_person_of_another_authority_reads_as_unknown(world: World) -> None:
    person(world.other_board, world.outsider_org, code="HP-001", name="Phạm Thị Hoa")
    sheets = {"Xếp loại": [["HP-001", 2023, "HTT", 12]]}
    result = import_history(data=xlsx_bytes(sheets), filename="a.xlsx", user=world.board)
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("Xếp loại", 2, "Mã cá nhân")]
    assert "“HP-001”" in result.errors[0].message
    assert not YearRecord.objects.exists()
    allowed = import_history(data=xlsx_bytes(sheets), filename="a.xlsx", user=world.other_board)
    assert allowed.errors == [] and allowed.counts.ratings == 1


def test_a_person_code_taken_outside_the_scope_cannot_be_created_again(world: World) -> None:
    person(world.other_board, world.outsider_org, code="CB-001", name="Phạm Thị Hoa")
    result = import_history(
        data=xlsx_bytes(good_sheets(world)), filename="a.xlsx", user=world.board
    )
    assert (
        "Cá nhân",
        2,
        "Mã cá nhân",
        "Mã cá nhân “CB-001” đã được dùng cho một người ngoài phạm vi của bạn.",
    ) in [(e.sheet, e.row, e.column, e.message) for e in result.errors]


def test_a_rating_in_a_year_without_a_unit(world: World) -> None:
    sheets = good_sheets(world)
    sheets["Xếp loại"].append(["CB-002", 2017, "HT", 12])
    result = import_history(data=xlsx_bytes(sheets), filename="a.xlsx", user=world.board)
    assert [(e.sheet, e.row, e.column, e.message) for e in result.errors] == [
        ("Xếp loại", 6, "Năm", "Trần Thị Bình không công tác tại đơn vị nào trong năm 2017.")
    ]


def test_an_award_for_the_wrong_kind_of_subject(world: World) -> None:
    sheets = good_sheets(world)
    sheets["Khen thưởng"][1][2] = "T-CSTDCS"
    result = import_history(data=xlsx_bytes(sheets), filename="a.xlsx", user=world.board)
    assert [(e.sheet, e.row, e.column, e.message) for e in result.errors] == [
        ("Khen thưởng", 3, "Mã danh hiệu/hình thức", "Chiến sĩ thi đua cơ sở (thử) không dành cho tập thể.")
    ]  # fmt: skip


def test_a_conflicting_collective_year_and_discipline(world: World) -> None:
    sheets = good_sheets(world)
    import_history(data=xlsx_bytes(sheets), filename="a.xlsx", user=world.board)
    sheets["Tập thể"][0][3] = 41
    sheets["Kỷ luật"][0][2] = "cảnh cáo"
    result = import_history(data=xlsx_bytes(sheets), filename="a.xlsx", user=world.board)
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [
        ("Tập thể", 2, "Tổng số thành viên"),
        ("Kỷ luật", 2, "Hình thức"),
    ]
    assert "Sở Nội vụ đã có số liệu năm 2023 khác với tệp" in result.errors[0].message
    assert D(2021, 3, 10).strftime("%d/%m/%Y") in result.errors[1].message
