from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import ClusterFactory, ClusterMembershipFactory, ClusterYearFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def current(response: Any) -> list[str]:
    return [cy.cluster.code for cy in response.context["current_years"]]


def test_board_home_shows_latest_year_of_authority(client: Client, world: World) -> None:
    ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    ClusterYearFactory(
        cluster=ClusterFactory(authority=world.authority, code="HN-C07", name="Cụm thi đua số 7"),
        year=2024,
    )
    client.force_login(world.board)
    response = client.get("/")
    assert (response.context["latest_year"], current(response)) == (2024, ["HN-C06", "HN-C07"])


def test_secretariat_home_lists_headed_years(client: Client, world: World) -> None:
    client.force_login(world.secretariat)
    response = client.get("/")
    assert [str(cy) for cy in response.context["headed_years"]] == ["Cụm thi đua số 6 — 2023"]


def test_unit_officer_home_lists_own_clusters_only(client: Client, world: World) -> None:
    ClusterYearFactory(cluster=ClusterFactory(authority=world.authority, code="HN-C07"), year=2023)
    client.force_login(world.officer)
    assert current(client.get("/")) == ["HN-C06"]


def test_outsider_home_shows_nothing_of_other_authority(client: Client, world: World) -> None:
    client.force_login(world.outsider)
    assert current(client.get("/")) == ["HP-C01"]


def test_user_without_scope_gets_explanation(client: Client, db: Any) -> None:
    from tests.factories import UserFactory

    client.force_login(UserFactory(role="viewer"))
    assert "Bạn chưa được phân quyền" in client.get("/").content.decode()


def test_home_requires_login(client: Client, db: Any) -> None:
    assert client.get("/").url == "/accounts/login/?next=/"


@pytest.mark.parametrize("clusters", [1, 8])
def test_home_query_count_is_constant(
    client: Client, world: World, django_assert_num_queries: Any, clusters: int
) -> None:
    for _ in range(clusters):
        ClusterMembershipFactory(
            cluster_year=ClusterYearFactory(
                cluster=ClusterFactory(authority=world.authority), year=2023
            )
        )
    client.force_login(world.board)
    # 4 for the page, 1 for the planning movements panel, 7 for the start-of-year "late units" panel
    with django_assert_num_queries(12):
        response = client.get("/")
    assert len(response.context["current_years"]) == 1 + clusters


def test_english_interface_is_available(client: Client, world: World) -> None:
    client.force_login(world.board)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body


def test_browser_language_does_not_override_vietnamese(client: Client, world: World) -> None:
    client.force_login(world.board)
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert ('<html lang="vi">' in body, "Trang chủ" in body) == (True, True)


def test_an_english_request_does_not_leave_english_active(client: Client, world: World) -> None:
    from django.utils import translation

    client.force_login(world.board)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.get("/")
    assert translation.get_language() == "vi"
