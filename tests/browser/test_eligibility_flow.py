"""Browser: a board officer imports a unit's history, checks a list of candidates, and reads
why each passes or fails, with the article of the rule set that applies (issue 10, "Done
when"); axe finds nothing serious on the way."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.apps import apps

from tests.awards.imports.helpers import HEADERS, xlsx_bytes
from tests.conftest import World, assert_accessible, login
from thidua.awards.services import load_award_catalogue
from thidua.legal.data.loader import load_definitions, load_instruments, write_version
from thidua.legal.data.national import NATIONAL
from thidua.legal.models import RuleSet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def law(db: Any) -> None:
    """The catalogue and the national rule sets come from data migrations; a transactional
    test database may have been flushed, so load them again."""
    load_award_catalogue()
    if not RuleSet.objects.filter(family="tdkt").exists():
        load_definitions(apps)
        instruments = load_instruments(apps)
        for version in NATIONAL:
            write_version(apps, version, instruments)


def history(world: World) -> bytes:
    unit = world.member.code
    sheets = {
        "Cá nhân": [
            ["CB-101", "Lê Thị Hoa", 1982, "Nữ", unit, "công chức", "", "01/01/2018", "", 2018],
        ],
        "Xếp loại": [["CB-101", year, "HTXS", 12] for year in (2022, 2023, 2024)],
        "Khen thưởng": [
            ["cá nhân", "CB-101", code, year, f"{year}/QĐ-SNV", f"15/01/{year + 1}", "", "", ""]
            for year in (2022, 2024)
            for code in ("LDTT", "CSTDCS")
        ],
    }
    return xlsx_bytes(sheets, HEADERS)


def candidates() -> bytes:
    text = (
        "Mã đối tượng,Mã danh hiệu/hình thức,Năm thành tích,Ngày nhận hồ sơ\n"
        "CB-101,CSTD_TINH,2024,15/01/2025\n"
        "CB-101,BK_TINH,2024,15/01/2025\n"
    )
    return io.BytesIO(text.encode("utf-8-sig")).getvalue()


def test_board_officer_imports_history_then_reads_why_candidates_pass_or_fail(
    page: Any, world: World, law: None
) -> None:
    login(page, "board")
    page.goto("/awards/import/")
    assert_accessible(page)
    page.get_by_label("Chỉ kiểm tra").uncheck()
    page.locator("input[type=file]").set_input_files(
        {"name": "lich-su.xlsx", "mimeType": "application/octet-stream", "buffer": history(world)}
    )
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.wait_for_selector("#import-result")
    assert_accessible(page)

    page.goto("/eligibility/batches/new/")
    assert_accessible(page)
    page.get_by_label("Tệp danh sách (XLSX hoặc CSV UTF-8)").set_input_files(
        {"name": "ung-vien.csv", "mimeType": "text/csv", "buffer": candidates()}
    )
    page.get_by_role("button", name="Kiểm tra tệp và bắt đầu").click()
    page.wait_for_url("**/eligibility/batches/*/")
    page.wait_for_selector("td >> text=Không đủ điều kiện")
    body = page.locator("main").inner_text()
    # CSTĐ tỉnh: the chain has a gap year, and the reason names the article of the law.
    assert "2022, 2024 đạt; 2023 không đạt" in body
    assert "Điều 22 Luật TĐKT 2022" in body
    # Bằng khen tỉnh: route (d) needs 2 consecutive CSTĐCS; the other route is explained too.
    assert "Điều 74" in body
    assert_accessible(page)
