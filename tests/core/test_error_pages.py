"""403, 404 and 500 pages: Vietnamese, in the site layout with the menu, saying what to do next."""

from __future__ import annotations

from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings

from tests.conftest import World
from thidua.core.errors import server_error

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MENU = 'class="main-nav"'
NEXT = "Bạn có thể làm gì tiếp"


def _client(world: World) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(world.board)
    return client


@override_settings(DEBUG=False)
def test_the_404_page_is_vietnamese_with_the_menu_and_next_steps(world: World) -> None:
    response = _client(world).get("/clusters/KHONG-CO/2023/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html
    assert NEXT in html and "danh sách cụm, khối thi đua" in html
    assert MENU in html


@override_settings(DEBUG=False)
def test_the_404_page_for_a_visitor_says_to_log_in(db: Any) -> None:
    response = Client().get("/khong-co-trang-nay/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Đăng nhập</a> rồi thử lại" in html


@override_settings(DEBUG=False, ROOT_URLCONF="tests.core.error_urls")
def test_the_403_page_gives_the_reason_the_menu_and_next_steps(world: World) -> None:
    response = _client(world).get("/test-errors/forbidden/")

    html = response.content.decode()
    assert response.status_code == 403
    assert "Đã quá hạn chót nộp bảng điểm (31/03/2025)." in html
    assert NEXT in html and MENU in html


@override_settings(DEBUG=False, ROOT_URLCONF="tests.core.error_urls")
def test_the_500_page_is_vietnamese_with_the_menu_and_the_request_id(world: World) -> None:
    client = _client(world)

    response = client.get("/test-errors/boom/", headers={"X-Request-ID": "req-4242"})

    html = response.content.decode()
    assert response.status_code == 500
    assert "Đã có lỗi trong hệ thống" in html
    assert NEXT in html and "Thử lại sau ít phút" in html
    assert "req-4242" in html
    assert MENU in html  # rendered with the request: the person still has the menu


@override_settings(DEBUG=False, ROOT_URLCONF="tests.core.error_urls")
def test_the_500_page_in_english_follows_the_chosen_language(world: World) -> None:
    client = _client(world)
    client.cookies["django_language"] = "en"

    response = client.get("/test-errors/boom/")

    assert response.status_code == 500
    assert 'lang="en"' in response.content.decode()


@pytest.mark.unit
def test_the_500_template_renders_without_a_request() -> None:
    html = render_to_string("500.html")

    assert "Đã có lỗi trong hệ thống" in html and NEXT in html


@pytest.mark.unit
def test_the_500_handler_falls_back_when_the_template_itself_fails() -> None:
    request = RequestFactory().get("/")

    response = server_error(request, template_name="khong-co-mau.html")

    assert response.status_code == 500
    assert "Đã có lỗi trong hệ thống" in response.content.decode()
