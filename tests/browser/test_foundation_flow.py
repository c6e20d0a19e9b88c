"""Browser: a board officer logs in and opens a cluster-year page; axe finds nothing serious."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World, assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_board_officer_logs_in_and_opens_cluster_year(page: Any, world: World) -> None:
    login(page, "board")
    assert_accessible(page)

    page.get_by_role("link", name="Cụm, khối thi đua").first.click()
    page.wait_for_url("**/clusters/")
    assert_accessible(page)

    page.get_by_role("link", name="Cụm thi đua số 6").click()
    page.wait_for_url("**/clusters/HN-C06/2023/")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Cụm thi đua số 6 — năm 2023"
    rows = page.locator("#h-members + .table-wrap tbody tr")
    assert rows.count() == 3
    assert "Cụm trưởng" in rows.filter(has_text="Văn phòng UBND Thành phố").inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Đơn vị", exact=True).click()
    page.get_by_label("Tìm kiếm (không cần dấu)").fill("so noi vu")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**q=so+noi+vu**")
    assert page.locator("#results tbody tr").all_inner_texts()[0].startswith("Sở Nội vụ")
    assert_accessible(page)
