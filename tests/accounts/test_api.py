"""Users and role assignments through the API: the same scope, services and refusals."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World
from thidua.accounts.enums import Role
from thidua.accounts.models import User

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def api(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_users_are_listed_in_the_managers_scope(world: World) -> None:
    rows = api(world.board).get("/api/v1/users/").json()["results"]
    names = {r["username"] for r in rows}
    assert {"board", "officer", "council"} <= names
    assert "outsider" not in names and "admin" not in names
    assert api(world.officer).get("/api/v1/users/").json()["results"] == []


def test_a_user_outside_the_scope_is_404(world: World) -> None:
    assert api(world.other_board).get(f"/api/v1/users/{world.officer.pk}/").status_code == 404
    url = f"/api/v1/users/{world.officer.pk}/deactivate/"
    assert api(world.other_board).post(url).status_code == 404


def test_creating_a_user_answers_with_the_temporary_password(world: World) -> None:
    response = api(world.board).post(
        "/api/v1/users/",
        {
            "username": "annv",
            "full_name": "Nguyễn Văn An",
            "role": Role.UNIT_OFFICER,
            "organization": world.member.code,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["organization"] == world.member.code
    assert User.objects.get(username="annv").check_password(body["temporary_password"])


def test_a_board_officer_cannot_create_an_administrator_through_the_api(world: World) -> None:
    response = api(world.board).post(
        "/api/v1/users/",
        {"username": "boss", "full_name": "Boss", "role": Role.SYSTEM_ADMIN},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "Quản trị hệ thống" in response.json()["detail"]


def test_a_wrong_scope_is_a_400_with_the_reason(world: World) -> None:
    response = api(world.board).post(
        "/api/v1/users/",
        {"username": "x", "full_name": "X", "role": Role.UNIT_LEADER, "authority": "HN"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "cần chọn một đơn vị" in response.json()["detail"]


def test_assigning_a_role_and_reading_the_history(world: World) -> None:
    client = api(world.board)
    response = client.post(
        f"/api/v1/users/{world.officer.pk}/assign-role/",
        {"role": Role.UNIT_LEADER, "organization": world.member.code, "note": "QĐ 5"},
        content_type="application/json",
    )
    assert response.status_code == 201
    history = client.get("/api/v1/role-assignments/", {"user": world.officer.pk}).json()
    assert [r["role"] for r in history["results"]] == [Role.UNIT_LEADER]
    assert history["results"][0]["assigned_by"] == "board"


def test_deactivating_and_reactivating(world: World) -> None:
    client = api(world.board)
    assert client.post(f"/api/v1/users/{world.officer.pk}/deactivate/").json()["is_active"] is False
    again = client.post(f"/api/v1/users/{world.officer.pk}/deactivate/")
    assert again.status_code == 403 and "đã bị khóa" in again.json()["detail"]
    assert client.post(f"/api/v1/users/{world.officer.pk}/reactivate/").json()["is_active"]


def test_the_schema_documents_users_and_role_assignments(world: World) -> None:
    schema = api(world.board).get("/api/schema/").content.decode()
    assert "/api/v1/users/{id}/assign-role/" in schema
    assert "/api/v1/role-assignments/" in schema


def test_correcting_a_name_through_the_api(world: World) -> None:
    response = api(world.board).patch(
        f"/api/v1/users/{world.officer.pk}/",
        {"full_name": "Nguyễn Thị Sửa", "email": "sua@example.vn"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["full_name"] == "Nguyễn Thị Sửa"
    found = api(world.board).get("/api/v1/users/", {"q": "nguyen thi sua"}).json()["results"]
    assert [r["username"] for r in found] == ["officer"]
    assert (
        api(world.other_board)
        .patch(
            f"/api/v1/users/{world.officer.pk}/",
            {"full_name": "X"},
            content_type="application/json",
        )
        .status_code
        == 404
    )
