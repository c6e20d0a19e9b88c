from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_api_cluster_years_scoped_to_user(client: Client, world: World) -> None:
    client.force_login(world.board)
    data = client.get("/api/v1/cluster-years/").json()
    assert [(r["cluster_code"], r["year"], r["head"]) for r in data["results"]] == [
        ("HN-C06", 2023, world.head.code)
    ]
    assert sorted(m["name"] for m in data["results"][0]["members"]) == [
        "Sở Ngoại vụ",
        "Sở Nội vụ",
        "Văn phòng UBND Thành phố",
    ]


def test_api_cluster_year_outside_scope_is_404(client: Client, world: World) -> None:
    client.force_login(world.other_board)
    assert client.get(f"/api/v1/cluster-years/{world.cy.pk}/").status_code == 404


def test_api_organizations_search_without_diacritics(client: Client, world: World) -> None:
    client.force_login(world.board)
    data = client.get("/api/v1/organizations/", {"q": "so noi vu"}).json()
    assert [r["name"] for r in data["results"]] == ["Sở Nội vụ"]


def test_api_requires_authentication(client: Client, world: World) -> None:
    assert client.get("/api/v1/organizations/").status_code == 401


def test_openapi_schema_lists_endpoints(client: Client, world: World) -> None:
    client.force_login(world.board)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert {"/api/v1/organizations/", "/api/v1/cluster-years/"} <= set(schema["paths"])
