"""Browser: an officer sees the bell's count, reads a notification in the list (htmx), the bell
follows, and chooses what they receive; axe finds nothing serious."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World, assert_accessible, login
from thidua.notifications import services
from thidua.notifications.enums import NotificationKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_reads_notifications_and_chooses_what_to_receive(page: Any, world: World) -> None:
    for title in ("Đăng ký thi đua bị trả lại", "Sắp đến hạn “Tự chấm điểm”"):
        services.notify(
            recipients=[world.officer],
            kind=NotificationKind.RETURNED,
            title=title,
            body="Lý do: thiếu mô hình",
            link="/clusters/",
        )
    login(page, "officer")
    bell = page.locator("#notification-bell")
    bell.locator(".badge").wait_for()
    assert "2" in bell.inner_text()
    assert_accessible(page)

    bell.click()
    page.wait_for_url("**/notifications/")
    assert page.locator(".notification-unread").count() == 2
    assert_accessible(page)
    page.locator(".notification").first.get_by_role(
        "button", name="Đánh dấu đã đọc", exact=True
    ).click()
    page.locator(".notification-unread").nth(1).wait_for(state="detached")
    page.wait_for_function(
        "document.querySelector('#notification-bell .badge')?.textContent.trim().startsWith('1')"
    )

    page.get_by_role("link", name="Cài đặt nhận thông báo").click()
    page.wait_for_url("**/notifications/preferences/")
    assert_accessible(page)
    page.get_by_label("Sắp đến hạn: e-mail").select_option("immediate")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu cài đặt nhận thông báo.").wait_for()
    assert page.get_by_label("Sắp đến hạn: e-mail").input_value() == "immediate"
