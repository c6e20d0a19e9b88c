"""Browser: a board officer uploads a file with a bad row, reads the error table, fixes the
file, imports it and opens the new cluster year; axe finds nothing serious on the way."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World, assert_accessible, login
from tests.factories_import import csv_bytes, row, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

C12 = {"cluster": "HN-C12", "year": 2025, "cluster_name": "Cụm thi đua số 12"}


def rows(world: World, bad_code: str) -> list[list[Any]]:
    return [
        row(code="HN-SXD", name="Sở Xây dựng", kind="Sở, ban, ngành", role="Cụm trưởng", **C12),
        row(code="HN-SCT", name="Sở Công Thương", kind="Sở, ban, ngành", role="Cụm phó", **C12),
        row(code=bad_code, **C12),
    ]


def test_board_officer_fixes_a_rejected_file_and_imports_it(page: Any, world: World) -> None:
    login(page, "board")
    page.get_by_role("link", name="Nhập dữ liệu").click()
    page.wait_for_url("**/clusters/import/")
    assert_accessible(page)

    page.get_by_label("Tệp dữ liệu (XLSX hoặc CSV)").set_input_files(
        {"name": "cum-12.csv", "mimeType": "text/csv", "buffer": csv_bytes(rows(world, "HN-SNV"))}
    )
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.wait_for_selector("#import-errors")
    errors = page.locator("#import-errors tbody tr")
    assert errors.all_inner_texts() == [
        "4\tMã đơn vị\tĐơn vị “HN-SNV” không tồn tại. Muốn tạo đơn vị mới, hãy ghi “Tên đơn vị” "
        "(và “Loại đơn vị”)."
    ]
    assert (
        "không có dữ liệu nào được ghi" in page.get_by_role("heading", level=2).first.inner_text()
    )
    assert_accessible(page)

    fixed = xlsx_bytes(rows(world, world.member.code))
    page.get_by_label("Tệp dữ liệu (XLSX hoặc CSV)").set_input_files(
        {"name": "cum-12.xlsx", "mimeType": "application/octet-stream", "buffer": fixed}
    )
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.wait_for_selector("#import-result")
    assert page.locator("#h-result").inner_text() == "Đã nhập xong"
    assert_accessible(page)

    page.get_by_role("link", name="Cụm thi đua số 12 — 2025").click()
    page.wait_for_url("**/clusters/HN-C12/2025/")
    assert page.get_by_role("heading", level=1).inner_text() == "Cụm thi đua số 12 — năm 2025"
    member_rows = page.locator("#h-members + .table-wrap tbody tr")
    assert member_rows.count() == 3
    assert "Cụm trưởng" in member_rows.filter(has_text="Sở Xây dựng").inner_text()
    assert "Cụm phó" in member_rows.filter(has_text="Sở Công Thương").inner_text()
    assert_accessible(page)
