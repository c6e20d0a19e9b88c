"""The restructuring API: the same services and permission as the wizard, documented."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.factories import AuthorityFactory, UserFactory
from tests.restructuring.conftest import Communes, decision
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.restructuring import services
from thidua.restructuring.models import Restructuring

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/api/v1/restructurings/"
MERGE = {
    "kind": "merge",
    "units": ["XA-A", "XA-B"],
    "new_units": [{"code": "PHUONG-X", "name": "Phường X"}],
    "decision_number": "1656/NQ-UBTVQH15",
    "decision_date": "2025-06-16",
    "effective_date": "2025-07-01",
}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def officer(communes: Communes) -> User:
    return UserFactory(role=Role.BOARD_OFFICER, authority=communes.authority)


def test_preview_then_commit_through_the_api(communes: Communes, officer: User) -> None:
    client = _client(officer)
    preview = _post(client, f"{URL}preview/", MERGE).json()

    created = _post(client, URL, MERGE)

    assert created.status_code == 201
    assert preview["summary"] == "1 cụm, khối bị ảnh hưởng."
    body = created.json()
    assert body["plan"] == {k: v for k, v in preview.items() if k != "summary"}
    assert sorted(body["units"]) == ["PHUONG-X", "XA-A", "XA-B"]
    assert set(communes.members(2026)) == {"PHUONG-X", "XA-C"}


def test_bad_input_is_a_400_with_the_field(communes: Communes, officer: User) -> None:
    response = _post(_client(officer), URL, {**MERGE, "units": ["XA-A"]})

    assert response.status_code == 400
    assert "units" in response.json()["errors"]
    assert not Restructuring.objects.exists()


def test_people_who_do_not_restructure_get_403(communes: Communes) -> None:
    viewer = UserFactory(role=Role.VIEWER, authority=communes.authority)

    assert _post(_client(viewer), f"{URL}preview/", MERGE).status_code == 403


def test_the_list_is_scoped_to_the_officers_authority(communes: Communes, officer: User) -> None:
    services.dissolve_unit(units=[communes.c], decision=decision(), user=None)
    other = UserFactory(role=Role.BOARD_OFFICER, authority=AuthorityFactory(code="HP"))

    assert [r["decision_number"] for r in _client(officer).get(URL).json()["results"]] == [
        "1656/QĐ-UBND"
    ]
    assert _client(other).get(URL).json()["results"] == []


def test_the_schema_documents_the_restructuring_endpoints(officer: User) -> None:
    schema = _client(officer).get("/api/schema/").content.decode()

    assert "/api/v1/restructurings/preview/" in schema
    assert "Thực hiện sắp xếp lại đơn vị" in schema


def test_a_unit_moved_in_shows_its_move_to_the_new_authoritys_officer(communes: Communes) -> None:
    new_authority = AuthorityFactory(code="TW")
    services.move_unit(unit=communes.a, authority=new_authority, decision=decision(), user=None)
    officer = UserFactory(role=Role.BOARD_OFFICER, authority=new_authority)

    assert [r["kind"] for r in _client(officer).get(URL).json()["results"]] == ["move"]
