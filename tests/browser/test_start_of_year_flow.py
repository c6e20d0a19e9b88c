"""Browser: a unit officer registers (a title, 2 models, 1 topic), the secretariat returns it
once with a reason and then accepts it, and the leaders sign the pledge until it is in force.
axe-core finds nothing serious on the pages visited."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World, assert_accessible, login
from tests.factories_start_of_year import make_pledge
from tests.start_of_year.conftest import catalogue, leaders  # noqa: F401 -- fixtures of the start-of-year tests
from thidua.start_of_year.models import Pledge, Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REGISTRATION = "/start-of-year/HN-C06/2023/registrations/{code}/"
PLEDGE = "/start-of-year/HN-C06/2023/pledge/"


def add_item(page: Any, summary: str, label: str, name: str) -> None:
    page.locator("summary", has_text=summary).click()
    page.get_by_label(label).fill(name)
    page.get_by_role("button", name=summary).click()
    page.wait_for_load_state()


@pytest.mark.usefixtures("leaders")
def test_officer_registers_secretariat_reviews_leaders_sign(page: Any, world: World) -> None:
    url = REGISTRATION.format(code=world.member.code)

    # 1. The unit officer registers.
    login(page, "officer")
    page.goto("/start-of-year/HN-C06/2023/registrations/")
    assert_accessible(page)
    page.get_by_role("link", name="Đăng ký của đơn vị tôi").click()
    page.wait_for_url(f"**{url}")
    page.get_by_role("combobox", name="Danh hiệu, hình thức đăng ký").select_option(
        label="Cờ thi đua xuất sắc của UBND Thành phố"
    )
    page.get_by_label("Mục tiêu, chỉ tiêu chính").fill("Dẫn đầu Cụm thi đua số 6")
    page.get_by_role("button", name="Lưu đăng ký").click()
    page.wait_for_load_state()
    add_item(page, "Thêm mô hình", "Tên mô hình", "Một cửa điện tử liên thông")
    add_item(page, "Thêm mô hình", "Tên mô hình", "Sổ tay thi đua số")
    add_item(page, "Thêm chuyên đề", "Tên chuyên đề", "Cải cách hành chính năm 2023")
    assert_accessible(page)
    page.get_by_role("button", name="Gửi đăng ký").click()
    page.wait_for_load_state()
    assert page.locator("#registration-status").inner_text() == "Đã gửi, chờ duyệt"

    # 2. The secretariat returns it once with a reason.
    login(page, "secretariat")
    page.goto(url)
    assert_accessible(page)
    page.get_by_label("Lý do trả lại").fill("Bổ sung kết quả dự kiến của mô hình")
    page.get_by_role("button", name="Trả lại").click()
    page.wait_for_load_state()
    assert page.locator("#registration-status").inner_text() == "Bị trả lại"

    # 3. The officer sees the reason and sends it again.
    login(page, "officer")
    page.goto(url)
    assert "Bổ sung kết quả dự kiến của mô hình" in page.locator(".message-error").inner_text()
    page.get_by_role("button", name="Gửi đăng ký").click()
    page.wait_for_load_state()

    # 4. The secretariat accepts; the history shows every step.
    login(page, "secretariat")
    page.goto(url)
    page.get_by_role("button", name="Chấp nhận đăng ký").click()
    page.wait_for_load_state()
    assert page.locator("#registration-status").inner_text() == "Đã chấp nhận"
    assert page.locator("#history tbody tr").count() == 4
    assert_accessible(page)
    registration = Registration.objects.get()
    assert (
        registration.award.code,  # type: ignore[union-attr]
        registration.emulation_models.count(),
        registration.topics.count(),
    ) == ("CTD_XS_HN", 2, 1)

    # 5. The pledge is opened; each member's leader signs until it is in force.
    make_pledge(world.cy, world.secretariat)
    for username in ("leader", "head_leader", "deputy_leader"):
        login(page, username)
        page.goto(PLEDGE)
        assert_accessible(page)
        page.get_by_role("button", name="Ký giao ước").click()
        page.wait_for_load_state()
    assert page.locator("#signed-count").inner_text() == "3/3"
    assert "Có hiệu lực" in page.locator("#pledge-status").inner_text()
    assert Pledge.objects.get().status == "in_force"
    assert_accessible(page)
