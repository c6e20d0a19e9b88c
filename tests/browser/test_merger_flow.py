"""Browser (issue 8's flow): a board officer merges three communes of a cluster into a new ward
with the wizard (preview, then confirm), opens the cluster's next year — the ward is proposed in
the communes' place — and the ward's page shows the old communes' years, marked with their names;
axe finds nothing serious on the way."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World, assert_accessible, login
from tests.factories import ClusterMembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMUNES = [("HN-XA", "Xã An Mỹ"), ("HN-XB", "Xã Bình Lộc"), ("HN-XC", "Xã Cẩm Giàng")]


def test_board_officer_merges_communes_into_a_ward_and_opens_next_year(
    page: Any, world: World
) -> None:
    for code, name in COMMUNES:
        ClusterMembershipFactory(
            cluster_year=world.cy,
            organization__code=code,
            organization__name=name,
            organization__kind="commune",
            organization__authority=world.authority,
        )
    login(page, "board")

    page.goto("/restructuring/new/")
    page.get_by_role("link", name="Sáp nhập, hợp nhất").click()
    page.get_by_label("Đơn vị cũ (mã)").fill("HN-XA, HN-XB, HN-XC")
    page.get_by_label("Số quyết định").fill("1234/QĐ-UBND")
    page.get_by_label("Ngày quyết định").fill("2023-12-15")
    page.get_by_label("Ngày hiệu lực").fill("2024-01-01")
    page.get_by_label("Đơn vị mới").fill("HN-PHL; Phường Hòa Lạc")
    page.get_by_role("button", name="Bước 5: xem trước").click()
    page.wait_for_selector("#preview")
    preview = page.locator("#preview").inner_text()
    assert "Phường Hòa Lạc" in preview and "Xã Cẩm Giàng" in preview
    assert_accessible(page)
    page.get_by_role("button", name="Bước 6: xác nhận thực hiện").click()
    page.wait_for_url("**/restructuring/*/")
    assert "1234/QĐ-UBND" in page.locator("main").inner_text()

    page.goto("/clusters/HN-C06/2023/")
    page.get_by_role("link", name="Mở năm tiếp theo").click()
    page.wait_for_url("**/clusters/HN-C06/2023/next-year/")
    assert page.get_by_label("Phường Hòa Lạc", exact=False).first.is_checked()
    left_out = page.locator(".left-out").inner_text()
    assert all(name in left_out for _code, name in COMMUNES)
    assert_accessible(page)
    page.get_by_role("button", name="Mở năm 2024").click()
    page.wait_for_url("**/clusters/HN-C06/2024/")
    members = page.locator("main").inner_text()
    assert "Phường Hòa Lạc" in members and "Xã An Mỹ" not in members

    page.get_by_role("link", name="Phường Hòa Lạc").first.click()
    page.wait_for_url("**/organizations/*/")
    history = page.locator("main").inner_text()
    assert "2024" in history and "2023" in history
    for _code, name in COMMUNES:
        assert f"của {name}" in history
    assert_accessible(page)
