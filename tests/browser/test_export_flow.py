"""Browser: a board officer exports the roll-up of a year in the background (“Xuất Excel”), is
taken to the job's page, downloads the file once it is ready and finds it in “Các tệp đã xuất”;
axe finds nothing serious on the way."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.conftest import World, assert_accessible, login
from thidua.start_of_year.exports import HEADER_ROW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_board_officer_exports_the_rollup_in_the_background(page: Any, world: World) -> None:
    login(page, "board")
    page.goto("/start-of-year/rollup/?year=2023")
    page.get_by_role("button", name="Xuất Excel").click()
    page.wait_for_url("**/start-of-year/exports/*/")
    link = page.get_by_role("link", name="Tải tong-hop-dang-ky-2023.xlsx")
    link.wait_for()
    assert_accessible(page)
    with page.expect_download() as info:
        link.click()
    sheet = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active
    units = [row[2] for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert units == ["Sở Ngoại vụ", "Sở Nội vụ", "Văn phòng UBND Thành phố"]

    page.goto("/start-of-year/exports/")
    assert page.get_by_role("link", name="Tổng hợp đăng ký thi đua và giao ước").count() == 1
    assert_accessible(page)
