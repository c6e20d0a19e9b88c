"""The command line: ``thidua scores export|blank`` and ``thidua ranking``."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from tests.factories_scoring import fill_sheet
from tests.scoring.conftest import ScoringWorld

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_scores_export_writes_the_score_table(sw: ScoringWorld, tmp_path: Path) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer, values={"II.2": Decimal(10)})
    target = tmp_path / "bang-diem.xlsx"
    out = io.StringIO()
    call_command(
        "scores", "export", "--cluster", "HN-C06", "--year", "2023", "-o", str(target), stdout=out
    )
    ws = load_workbook(target).worksheets[0]
    assert ws["A2"].value == "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2023"
    assert ws.cell(row=5, column=5).value == "Sở Nội vụ"
    assert out.getvalue().startswith(f"Đã ghi {target} (")


def test_scores_blank_writes_a_units_sheet(sw: ScoringWorld, tmp_path: Path) -> None:
    target = tmp_path / "tu-cham.xlsx"
    call_command(
        "scores", "blank", "--cluster", "HN-C06", "--year", "2023", "--unit", sw.w.member.code,
        "-o", str(target), stdout=io.StringIO(),
    )  # fmt: skip
    assert load_workbook(target).worksheets[0]["B4"].value == sw.w.member.code


def test_ranking_prints_rank_unit_total_and_class(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer, values={"II.2": Decimal("12.5")})
    fill_sheet(sw.cy, sw.w.deputy, sw.w.deputy_officer, values={"II.2": Decimal(5)})
    out = io.StringIO()
    call_command("ranking", "--cluster", "HN-C06", "--year", "2023", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Cụm thi đua số 6 — năm 2023 (tạm tính, chưa phê duyệt)"
    assert [line.split() for line in lines[2:]] == [
        ["1", "Sở", "Nội", "vụ", "97,5", "Xuất", "sắc"],
        ["2", "Sở", "Ngoại", "vụ", "90", "Xuất", "sắc"],
        ["3", "Văn", "phòng", "UBND", "Thành", "phố", "0", "Trung", "bình"],
    ]


def test_unknown_cluster_is_a_clear_error(db: object) -> None:
    with pytest.raises(CommandError) as exc:
        call_command("ranking", "--cluster", "XX", "--year", "2023")
    assert str(exc.value) == "Không có cụm/khối XX năm 2023."
