"""Failed sign-ins are throttled per account and per address (django-axes), with a Vietnamese
message, an audited lockout, and a reset on success."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, override_settings

from tests.conftest import World
from thidua.audit.models import AuditEvent

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LOCKED = "tạm bị khóa do đăng nhập sai nhiều lần"


def sign_in(client: Client, username: str, password: str) -> object:
    return client.post("/accounts/login/", {"username": username, "password": password})


def fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        assert sign_in(client, username, "sai").status_code == 200


def test_the_limit_and_cooloff_come_from_the_environment_with_office_defaults() -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
    assert settings.AXES_RESET_ON_SUCCESS is True


def test_an_account_is_locked_after_too_many_wrong_passwords(world: World) -> None:
    client = Client(REMOTE_ADDR="10.0.0.1")
    fail(client, "board", settings.AXES_FAILURE_LIMIT - 1)
    response = sign_in(client, "board", "sai")
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page and "thử lại sau 15 phút hoặc liên hệ quản trị" in page
    assert 'name="password"' in page  # the login page again, not an error page
    # even the right password, and from another address: the account waits
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert sign_in(other, "board", "pw").status_code == 429
    assert "_auth_user_id" not in other.session


def test_an_address_is_locked_after_too_many_wrong_passwords_on_several_accounts(
    world: World,
) -> None:
    client = Client(REMOTE_ADDR="10.0.0.3")
    names = ["board", "officer", "council", "viewer", "leader"]
    for name in names[:-1]:
        fail(client, name, 1)
    assert sign_in(client, names[-1], "sai").status_code == 429
    # the address is locked for an account that never failed; another address is not
    assert sign_in(client, "secretariat", "pw").status_code == 429
    assert sign_in(Client(REMOTE_ADDR="10.0.0.4"), "secretariat", "pw").status_code == 302


def test_a_lockout_is_audited_once_without_the_password(world: World) -> None:
    client = Client(REMOTE_ADDR="10.0.0.5")
    fail(client, "board", settings.AXES_FAILURE_LIMIT - 1)
    sign_in(client, "board", "mat-khau-sai-bi-mat")
    sign_in(client, "board", "mat-khau-sai-bi-mat")  # knocking on the locked door: no new event
    events = AuditEvent.objects.filter(action="accounts.login_locked_out")
    assert events.count() == 1
    event = events.get()
    assert event.object_id == str(world.board.pk)
    assert event.after["ip"] == "10.0.0.5" and event.after["failures"] == 5
    assert "mat-khau-sai-bi-mat" not in str(event.after) + event.note


def test_a_lockout_of_an_unknown_name_is_audited_by_the_name(world: World) -> None:
    client = Client(REMOTE_ADDR="10.0.0.6")
    fail(client, "khong-co-ai", settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, "khong-co-ai", "sai").status_code == 429
    event = AuditEvent.objects.get(action="accounts.login_locked_out")
    assert event.object_repr == "khong-co-ai" and event.object_id == ""


def test_a_successful_sign_in_resets_the_count(world: World) -> None:
    client = Client(REMOTE_ADDR="10.0.0.7")
    fail(client, "board", settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, "board", "pw").status_code == 302
    client.logout()
    fail(client, "board", settings.AXES_FAILURE_LIMIT - 1)  # counting from zero again
    assert sign_in(client, "board", "pw").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=2)
def test_the_limit_is_a_setting(world: World) -> None:
    client = Client(REMOTE_ADDR="10.0.0.8")
    fail(client, "board", 1)
    assert sign_in(client, "board", "sai").status_code == 429


def test_force_login_and_test_client_login_are_not_throttled(world: World) -> None:
    client = Client()
    assert client.login(username="board", password="pw")
    client.force_login(world.officer)
    assert client.get("/accounts/me/").status_code == 200
