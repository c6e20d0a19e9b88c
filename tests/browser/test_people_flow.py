"""Browser: a board officer creates an account, then gives it a new role; axe finds nothing
serious on the user list, the new-account form, the created page and the user's page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World, assert_accessible, login
from thidua.accounts.enums import Role
from thidua.accounts.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_board_officer_creates_a_user_and_assigns_a_role(page: Any, world: World) -> None:
    login(page, "board")
    page.get_by_role("link", name="Người dùng", exact=True).click()
    page.wait_for_url("**/accounts/users/")
    assert_accessible(page)

    page.get_by_role("link", name="Tạo tài khoản").click()
    page.get_by_label("Họ và tên").fill("Nguyễn Văn An")
    page.get_by_label("Tên đăng nhập").fill("annv")
    page.get_by_label("Vai trò", exact=True).select_option(Role.UNIT_OFFICER)
    # The unit picker: a search by name whose “Chọn” puts the unit's code in the field.
    page.get_by_label("Tìm đơn vị theo tên hoặc mã (chọn để điền mã)").press_sequentially(
        world.member.code
    )
    page.get_by_role("button", name=f"Chọn {world.member.label}").click()
    assert page.get_by_label("Đơn vị", exact=True).input_value() == world.member.code
    assert_accessible(page)
    page.get_by_role("button", name="Tạo tài khoản").click()
    password = page.locator("code.temporary-password").inner_text()
    assert User.objects.get(username="annv").check_password(password)
    assert_accessible(page)

    page.get_by_role("link", name="Xem trang người dùng").click()
    page.get_by_label("Vai trò", exact=True).select_option(Role.UNIT_LEADER)
    page.get_by_label("Đơn vị", exact=True).fill(world.member.code)  # typed, without the search
    page.get_by_role("button", name="Giao vai trò").click()
    page.wait_for_selector("text=Đã giao vai trò mới.")
    assert "Thủ trưởng đơn vị" in page.locator("#roles-heading + .table-wrap").inner_text()
    assert_accessible(page)
    assert User.objects.get(username="annv").role == Role.UNIT_LEADER
