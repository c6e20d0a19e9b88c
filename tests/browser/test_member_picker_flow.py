"""Browser: a board officer adds a member with the “Thêm thành viên” picker, by keyboard — types
part of the name, sees only the units the cluster year may take, chooses one, adds it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World, assert_accessible, login
from tests.factories import (
    ClusterFactory,
    ClusterMembershipFactory,
    ClusterYearFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_board_officer_adds_a_member_with_the_search_picker(page: Any, world: World) -> None:
    OrganizationFactory(code="HN-SYT", name="Sở Y tế", province="Hà Nội", authority=world.authority)
    OrganizationFactory(code="HP-SYT", name="Sở Y tế", authority=world.other_authority)
    in_another_cluster = ClusterYearFactory(
        cluster=ClusterFactory(authority=world.authority, code="HN-C07"), year=2023
    )
    ClusterMembershipFactory(  # seen by the officer, but already in a cluster of 2023
        cluster_year=in_another_cluster, organization__name="Sở Y tế dự phòng"
    )
    login(page, "board")
    page.goto("/clusters/HN-C06/2023/")

    search = page.get_by_label("Tìm đơn vị theo tên hoặc mã (chọn để điền mã)")
    search.focus()
    page.keyboard.type("so y te")
    choose = page.locator("#id_add-organization-results [data-set-code]")
    choose.first.wait_for()
    assert choose.count() == 1  # neither Hải Phòng's nor one already in a cluster of the year
    assert choose.first.get_attribute("data-set-code") == "HN-SYT"
    assert_accessible(page)

    page.keyboard.press("Tab")  # from the search box to its first result
    page.keyboard.press("Enter")
    code_box = page.locator("#id_add-organization")
    assert code_box.input_value() == "HN-SYT"
    page.get_by_role("button", name="Thêm", exact=True).click()

    page.wait_for_url("**/clusters/HN-C06/2023/")
    assert page.get_by_text("Đã thêm thành viên.").is_visible()
    rows = page.locator("#h-members + .table-wrap tbody tr")
    assert rows.count() == 4
    assert rows.filter(has_text="Sở Y tế").count() == 1
    assert world.cy.memberships.filter(organization__code="HN-SYT").exists()
