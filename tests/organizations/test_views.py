from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import ClusterMembershipFactory, OrganizationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def names(response: Any) -> list[str]:
    return [org.name for org in response.context["page"].object_list]


def test_board_officer_lists_units_of_authority_in_vietnamese_order(
    client: Client, world: World
) -> None:
    OrganizationFactory(name="Huyện Đông Anh", authority=world.authority)
    OrganizationFactory(name="Huyện Dầu Tiếng", authority=world.authority)
    client.force_login(world.board)
    response = client.get("/organizations/")
    assert names(response) == [
        "Huyện Dầu Tiếng",
        "Huyện Đông Anh",
        "Sở Ngoại vụ",
        "Sở Nội vụ",
        "Văn phòng UBND Thành phố",
    ]


def test_search_ignores_diacritics_and_case(client: Client, world: World) -> None:
    OrganizationFactory(name="Huyện Đông Anh", authority=world.authority)
    client.force_login(world.board)
    assert names(client.get("/organizations/", {"q": "so noi vu"})) == ["Sở Nội vụ"]
    assert names(client.get("/organizations/", {"q": "DONG anh"})) == ["Huyện Đông Anh"]


def test_unit_officer_sees_own_unit_and_cluster_peers_only(client: Client, world: World) -> None:
    client.force_login(world.officer)
    assert names(client.get("/organizations/")) == [
        "Sở Ngoại vụ",
        "Sở Nội vụ",
        "Văn phòng UBND Thành phố",
    ]


def test_unit_page_shows_cluster_history(client: Client, world: World) -> None:
    client.force_login(world.board)
    response = client.get(f"/organizations/{world.head.pk}/")
    memberships = response.context["sections"][0]
    assert [(row.year, row.cluster, marker) for row, marker in memberships.marked] == [
        (2023, "Cụm thi đua số 6", "")
    ]
    assert "Cụm trưởng" in response.content.decode()


def test_unit_outside_scope_is_404(client: Client, world: World) -> None:
    client.force_login(world.board)
    assert client.get(f"/organizations/{world.outsider_org.pk}/").status_code == 404
    client.force_login(world.outsider)
    assert client.get(f"/organizations/{world.member.pk}/").status_code == 404


def test_anonymous_is_sent_to_login(client: Client, world: World) -> None:
    response = client.get("/organizations/")
    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/organizations/")


@pytest.mark.parametrize("extra", [1, 12])
def test_unit_list_query_count_is_constant(
    client: Client, world: World, django_assert_num_queries: Any, extra: int
) -> None:
    for _ in range(extra):
        ClusterMembershipFactory(cluster_year=world.cy)
    client.force_login(world.board)
    with django_assert_num_queries(4):
        response = client.get("/organizations/")
    assert len(response.context["page"].object_list) == 3 + extra
