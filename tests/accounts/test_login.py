from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_login_with_wrong_password_shows_vietnamese_error(client: Client, world: World) -> None:
    response = client.post("/accounts/login/", {"username": "board", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
