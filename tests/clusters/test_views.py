from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import (
    ClusterFactory,
    ClusterMembershipFactory,
    ClusterYearFactory,
    OrganizationFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

YEAR_URL = "/clusters/HN-C06/2023/"


def codes(response: Any) -> list[tuple[str, int]]:
    return [(cy.cluster.code, cy.year) for cy in response.context["page"].object_list]


@pytest.mark.parametrize(
    "persona", ["admin", "board", "council", "viewer", "secretariat", "officer", "leader"]
)
def test_cluster_year_page_allowed_for_people_in_scope(
    client: Client, world: World, persona: str
) -> None:
    client.force_login(world.user(persona))
    response = client.get(YEAR_URL)
    assert [m.organization.name for m in response.context["memberships"]] == [
        "Sở Ngoại vụ",
        "Sở Nội vụ",
        "Văn phòng UBND Thành phố",
    ]


@pytest.mark.parametrize("persona", ["other_board", "outsider"])
def test_cluster_year_page_is_404_outside_scope(client: Client, world: World, persona: str) -> None:
    client.force_login(world.user(persona))
    assert client.get(YEAR_URL).status_code == 404


def test_cluster_list_scoped_and_filtered(client: Client, world: World) -> None:
    ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    ClusterYearFactory(
        cluster=ClusterFactory(
            authority=world.authority, kind="bloc", code="HN-K01", name="Khối các sở"
        ),
        year=2024,
    )
    client.force_login(world.board)
    assert codes(client.get("/clusters/")) == [("HN-C06", 2024), ("HN-K01", 2024), ("HN-C06", 2023)]
    assert codes(client.get("/clusters/", {"year": 2023})) == [("HN-C06", 2023)]
    assert codes(client.get("/clusters/", {"kind": "bloc"})) == [("HN-K01", 2024)]
    assert codes(client.get("/clusters/", {"q": "khoi cac so"})) == [("HN-K01", 2024)]
    assert codes(client.get("/clusters/", {"authority": world.other_authority.pk})) == [
        ("HN-C06", 2024),
        ("HN-K01", 2024),
        ("HN-C06", 2023),
    ]


def test_unit_officer_lists_only_own_clusters(client: Client, world: World) -> None:
    ClusterYearFactory(cluster=ClusterFactory(authority=world.authority, code="HN-C07"), year=2023)
    client.force_login(world.officer)
    assert codes(client.get("/clusters/")) == [("HN-C06", 2023)]


def test_cluster_list_htmx_returns_results_partial(client: Client, world: World) -> None:
    client.force_login(world.board)
    response = client.get("/clusters/", {"q": "cum"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert (body.lstrip().startswith('<div id="results">'), "<html" in body) == (True, False)


def test_latest_year_redirect(client: Client, world: World) -> None:
    ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    client.force_login(world.board)
    assert client.get("/clusters/HN-C06/").url == "/clusters/HN-C06/2024/"
    client.force_login(world.outsider)
    assert client.get("/clusters/HN-C06/").status_code == 404


@pytest.mark.parametrize("extra_members", [1, 10])
def test_cluster_year_page_query_count_is_constant(
    client: Client, world: World, django_assert_num_queries: Any, extra_members: int
) -> None:
    for _ in range(extra_members):
        ClusterMembershipFactory(cluster_year=world.cy)
    client.force_login(world.officer)
    # 5 for the page, 4 for the planning sections (plans, drives, summary report), 1 for the
    # start-of-year sections (pledge, registrations), 1 for scoring, 1 for the conference (voting)
    with django_assert_num_queries(12):
        response = client.get(YEAR_URL)
    assert len(response.context["memberships"]) == 3 + extra_members
    client.force_login(world.board)  # the board also gets the management forms
    # + 1 for "is next year open?" (Mở năm tiếp theo); the unit selects of the heads, past-heads
    # and removal forms offer the members the page loaded (no query), and “Thêm thành viên”
    # picks by code: no options
    with django_assert_num_queries(13):
        response = client.get(YEAR_URL)
    assert len(response.context["memberships"]) == 3 + extra_members


@pytest.mark.parametrize(("extra_clusters", "members"), [(1, 1), (60, 3)])
def test_cluster_list_query_count_is_constant(
    client: Client, world: World, django_assert_num_queries: Any, extra_clusters: int, members: int
) -> None:
    for i in range(extra_clusters):
        name = f"Khối thi đua {i + 1:02d}"  # after “Cụm thi đua số 6” in Vietnamese order
        cy = ClusterYearFactory(cluster=ClusterFactory(authority=world.authority, name=name))
        for _ in range(members):
            ClusterMembershipFactory(cluster_year=cy)
    client.force_login(world.board)
    # session and user, the form's years and authorities, how many rows, the page's ids, and
    # the page's rows with their members (counted for those 50 only)
    with django_assert_num_queries(7):
        response = client.get("/clusters/")
    rows = response.context["page"].object_list
    assert len(rows) == min(1 + extra_clusters, 50)
    assert response.context["page"].paginator.count == 1 + extra_clusters
    assert (rows[0].cluster.name, rows[0].year) == ("Khối thi đua 01", 2024)  # newest year first
    assert {cy.member_count for cy in rows if cy.year == 2024} == {members}


def test_cluster_list_counts_the_members_of_each_row(client: Client, world: World) -> None:
    """The count of each row is its own: the page's ids, not a join that mixes the rows."""
    empty = ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    bigger = ClusterYearFactory(
        cluster=ClusterFactory(authority=world.authority, name="Khối các sở"), year=2023
    )
    for _ in range(5):
        ClusterMembershipFactory(cluster_year=bigger)
    client.force_login(world.board)
    rows = client.get("/clusters/").context["page"].object_list
    assert [(cy.cluster.name, cy.year, cy.member_count) for cy in rows] == [
        ("Cụm thi đua số 6", 2024, 0),
        ("Cụm thi đua số 6", 2023, 3),
        ("Khối các sở", 2023, 5),
    ]
    assert empty.pk == rows[0].pk


def test_cluster_list_second_page_follows_the_first(client: Client, world: World) -> None:
    for i in range(55):
        name = f"Khối thi đua {i + 1:02d}"
        ClusterYearFactory(cluster=ClusterFactory(authority=world.authority, name=name), year=2023)
    client.force_login(world.board)
    first = codes(client.get("/clusters/"))
    second = codes(client.get("/clusters/", {"page": 2}))
    names = [n for n, _ in first + second]
    assert (len(first), len(second), len(set(names))) == (50, 6, 56)


# ---- management actions: heads and members (board officer), theme (secretariat too)


def test_board_officer_sets_heads(client: Client, world: World) -> None:
    client.force_login(world.board)
    response = client.post(
        YEAR_URL + "heads/",
        {"head": world.member.pk, "deputy": world.head.pk, "decision_ref": "Biên bản hội nghị"},
    )
    world.cy.refresh_from_db()
    assert (response.status_code, world.cy.head, world.cy.deputy) == (302, world.member, world.head)


def test_secretariat_cannot_change_heads(client: Client, world: World) -> None:
    client.force_login(world.secretariat)
    response = client.post(YEAR_URL + "heads/", {"head": world.member.pk, "deputy": world.head.pk})
    world.cy.refresh_from_db()
    assert (response.status_code, world.cy.head) == (403, world.head)


def test_head_not_member_gets_message_and_no_change(client: Client, world: World) -> None:
    stranger = OrganizationFactory(authority=world.authority)
    client.force_login(world.board)
    response = client.post(YEAR_URL + "heads/", {"head": stranger.pk, "deputy": ""}, follow=True)
    world.cy.refresh_from_db()
    assert world.cy.head == world.head
    assert "không phải thành viên" in response.content.decode()


def test_secretariat_sets_theme_but_unit_officer_cannot(client: Client, world: World) -> None:
    client.force_login(world.secretariat)
    client.post(YEAR_URL + "theme/", {"theme": "Đoàn kết, sáng tạo"})
    world.cy.refresh_from_db()
    assert world.cy.theme == "Đoàn kết, sáng tạo"
    client.force_login(world.officer)
    assert client.post(YEAR_URL + "theme/", {"theme": "X"}).status_code == 403


def test_board_adds_member_and_two_cluster_clash_is_reported(client: Client, world: World) -> None:
    new = OrganizationFactory(authority=world.authority, name="Sở Y tế")
    client.force_login(world.board)
    client.post(YEAR_URL + "members/add/", {"add-organization": new.code})
    assert world.cy.memberships.filter(organization=new).exists()
    other = ClusterYearFactory(
        cluster=ClusterFactory(authority=world.authority, code="HN-C07"), year=2023
    )
    response = client.post(
        "/clusters/HN-C07/2023/members/add/", {"add-organization": new.code}, follow=True
    )
    assert other.memberships.count() == 0
    assert "đã là thành viên của Cụm thi đua số 6 năm 2023" in response.content.decode()


def test_board_removes_member_with_reason(client: Client, world: World) -> None:
    client.force_login(world.board)
    client.post(
        YEAR_URL + "members/remove/", {"remove-organization": world.member.pk, "remove-reason": ""}
    )
    assert world.cy.memberships.filter(organization=world.member).exists()
    client.post(
        YEAR_URL + "members/remove/",
        {"remove-organization": world.member.pk, "remove-reason": "Sáp nhập"},
    )
    assert not world.cy.memberships.filter(organization=world.member).exists()


def test_management_post_outside_scope_is_404(client: Client, world: World) -> None:
    client.force_login(world.other_board)
    assert client.post(YEAR_URL + "heads/", {"head": world.member.pk}).status_code == 404
