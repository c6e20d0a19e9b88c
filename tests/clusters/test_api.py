from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import ClusterFactory, ClusterMembershipFactory, ClusterYearFactory

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


@pytest.mark.parametrize("size", [(1, 1, 4), (60, 3, 5)])  # clusters, members, queries
def test_api_cluster_years_list_query_count_is_constant(
    client: Client,
    world: World,
    django_assert_num_queries: Any,
    size: tuple[int, int, int],
) -> None:
    extra_clusters, members, queries = size
    for i in range(extra_clusters):
        cluster = ClusterFactory(authority=world.authority, code=f"HN-K{i + 1:02d}")
        cy = ClusterYearFactory(cluster=cluster, year=2024)
        for _ in range(members):
            ClusterMembershipFactory(cluster_year=cy)
    client.force_login(world.board)
    # session and user, the page's rows, the members of the page's rows, how many (only when
    # the page is full: a first page that is not tells the count; issue 13)
    with django_assert_num_queries(queries):
        data = client.get("/api/v1/cluster-years/").json()
    rows = [(r["cluster_code"], r["year"], len(r["members"])) for r in data["results"]]
    assert (data["count"], len(rows)) == (1 + extra_clusters, min(1 + extra_clusters, 50))
    assert rows[0] == ("HN-K01", 2024, members)  # newest year first, then by code
    if extra_clusters < 50:
        assert rows[-1] == ("HN-C06", 2023, 3)
