from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import World
from tests.factories import (
    ClusterFactory,
    ClusterMembershipFactory,
    ClusterYearFactory,
    DeadlineFactory,
)
from thidua.home.selectors import HOME_CARDS

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


def late_clusters(world: World, n: int, members: int = 2) -> None:
    """``n`` more cluster years of 2023 in the board's authority, their registration deadline
    passed and nobody registered: every member is late."""
    for i in range(n):
        cluster = ClusterFactory(authority=world.authority, name=f"Khối thi đua {i + 1:02d}")
        cy = ClusterYearFactory(cluster=cluster, year=2023)
        DeadlineFactory(cluster_year=cy, due_at=timezone.now() - dt.timedelta(days=1))
        for _ in range(members):
            ClusterMembershipFactory(cluster_year=cy)


@pytest.mark.parametrize("clusters", [1, 20])
def test_home_query_count_is_constant(
    client: Client, world: World, django_assert_num_queries: Any, clusters: int
) -> None:
    late_clusters(world, clusters)
    client.force_login(world.board)
    # 2 for the session and user, 2 for the page (the first cards of the latest year with how
    # many it has, their member counts), 1 for the planning movements panel, 3 for the
    # start-of-year "late units" panel
    with django_assert_num_queries(8):
        response = client.get("/")
    assert len(response.context["current_years"]) == min(1 + clusters, HOME_CARDS)
    late = {p.title: p.summary for p in response.context["panels"]}["Đơn vị chậm tiến độ năm 2023"]
    assert late == f"{2 * clusters} đơn vị chậm đăng ký, ký giao ước hoặc báo cáo tiến độ."


def test_home_shows_the_first_cards_and_links_to_all_of_the_year(
    client: Client, world: World
) -> None:
    late_clusters(world, HOME_CARDS, members=1)
    client.force_login(world.board)
    response = client.get("/")
    cards = response.context["current_years"]
    assert (len(cards), response.context["current_total"]) == (HOME_CARDS, HOME_CARDS + 1)
    assert [(cy.cluster.name, cy.member_count) for cy in cards[:3]] == [
        ("Cụm thi đua số 6", 3),
        ("Khối thi đua 01", 1),
        ("Khối thi đua 02", 1),
    ]
    body = response.content.decode()
    assert f'href="/clusters/?year=2023">Xem tất cả {HOME_CARDS + 1} cụm, khối năm 2023' in body


def test_home_with_few_cluster_years_has_no_link_to_more(client: Client, world: World) -> None:
    client.force_login(world.board)
    assert "Xem tất cả 1 cụm" not in client.get("/").content.decode()


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
