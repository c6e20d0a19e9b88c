"""Scope follows lineage: the people of a successor authority see everything of the authorities
it succeeded, read-only, and its board officers run the predecessors' open years.

Hội đồng TĐKT tỉnh Nam Định was succeeded by the world's authority (HN here, standing for Ninh
Bình) on 01/7/2025: Nam Định's 2024 year is closed history, its 2025 year is open work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.conftest import World
from tests.factories import (
    AuthorityFactory,
    AuthoritySuccessionFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    ClusterYearFactory,
    UserFactory,
)
from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import (
    cluster_years_for_user,
    managed_cluster_years,
    organizations_for_user,
)
from thidua.organizations.models import Organization
from thidua.planning import services as planning_services
from thidua.planning.models import Movement
from thidua.planning.selectors import movements_for_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MANAGING = ["clusters.manage_clusteryear", "clusters.change_heads", "clusters.change_members"]


@dataclass
class Merged:
    closed: ClusterYear  # Nam Định 2024
    open: ClusterYear  # Nam Định 2025
    unit: Organization


def _nam_dinh(world: World, *, succeeded: bool = True) -> Merged:
    nam_dinh = AuthorityFactory(code="ND", name="Hội đồng TĐKT tỉnh Nam Định")
    cluster = ClusterFactory(authority=nam_dinh, code="ND-K01", name="Khối các sở Nam Định")
    closed = ClusterYearFactory(cluster=cluster, year=2024)
    open_ = ClusterYearFactory(cluster=cluster, year=2025)
    unit = ClusterMembershipFactory(
        cluster_year=closed, organization__name="Sở Nội vụ tỉnh Nam Định"
    ).organization
    ClusterMembershipFactory(cluster_year=open_, organization=unit)
    if succeeded:
        AuthoritySuccessionFactory(
            predecessor=nam_dinh, successor=world.authority, effective_date=dt.date(2025, 7, 1)
        )
    return Merged(closed=closed, open=open_, unit=unit)


@pytest.fixture
def merged(world: World) -> Merged:
    return _nam_dinh(world)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_before_the_succession_the_predecessors_page_is_not_found(world: World) -> None:
    _nam_dinh(world, succeeded=False)
    assert _client(world.board).get("/clusters/ND-K01/2024/").status_code == 404


@pytest.mark.parametrize("persona", ["board", "council", "viewer"])
def test_people_of_the_successor_see_the_predecessors_years_and_documents(
    world: World, merged: Merged, persona: str
) -> None:
    client = _client(world.user(persona))
    for year in (2024, 2025):
        assert client.get(f"/clusters/ND-K01/{year}/").status_code == 200
        assert client.get(f"/documents/ND-K01/{year}/").status_code == 200
    pdf = client.get("/documents/member-list/ND-K01/2024.pdf")
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")


def test_the_successors_board_officer_sees_the_predecessors_units(
    world: World, merged: Merged
) -> None:
    assert merged.unit in organizations_for_user(world.board)
    assert _client(world.board).get(f"/organizations/{merged.unit.pk}/").status_code == 200


def test_the_open_year_passes_to_the_successors_board_officer(world: World, merged: Merged) -> None:
    board = world.board
    assert [board.has_perm(p, merged.open) for p in MANAGING] == [True, True, True]
    response = _client(board).post("/clusters/ND-K01/2025/theme/", {"theme": "Đoàn kết, đổi mới"})
    merged.open.refresh_from_db()
    assert (response.status_code, merged.open.theme) == (302, "Đoàn kết, đổi mới")


def test_the_closed_year_of_the_predecessor_is_read_only(world: World, merged: Merged) -> None:
    board = world.board
    assert [board.has_perm(p, merged.closed) for p in MANAGING] == [False, False, False]
    page = _client(board).get("/clusters/ND-K01/2024/").content.decode()
    assert 'action="/clusters/ND-K01/2024/theme/"' not in page
    response = _client(board).post("/clusters/ND-K01/2024/theme/", {"theme": "Sửa lịch sử"})
    merged.closed.refresh_from_db()
    assert (response.status_code, merged.closed.theme) == (403, "")


@pytest.mark.parametrize("persona", ["council", "viewer"])
def test_council_members_and_viewers_of_the_successor_only_read(
    world: World, merged: Merged, persona: str
) -> None:
    user = world.user(persona)
    assert [user.has_perm(p, merged.open) for p in MANAGING] == [False, False, False]


def test_the_scope_and_the_permission_agree(world: World, merged: Merged) -> None:
    board = world.board
    everything = ClusterYear.objects.all()
    assert {cy for cy in everything if board.has_perm("clusters.manage_clusteryear", cy)} == set(
        managed_cluster_years(board)
    )
    assert set(managed_cluster_years(board)) == {world.cy, merged.open}
    assert set(cluster_years_for_user(board)) == {world.cy, merged.closed, merged.open}


@pytest.mark.parametrize("persona", ["other_board", "outsider"])
def test_a_third_authoritys_people_still_get_404(
    world: World, merged: Merged, persona: str
) -> None:
    client = _client(world.user(persona))
    for url in (
        "/clusters/ND-K01/2025/",
        "/documents/ND-K01/2025/",
        "/documents/member-list/ND-K01/2024.pdf",
        f"/organizations/{merged.unit.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert not world.user(persona).has_perm("clusters.manage_clusteryear", merged.open)


def test_the_predecessors_own_board_officer_keeps_its_years(world: World, merged: Merged) -> None:
    nam_dinh_board = UserFactory(role="board_officer", authority=merged.open.cluster.authority)
    assert set(cluster_years_for_user(nam_dinh_board)) == {merged.closed, merged.open}
    assert world.cy not in set(cluster_years_for_user(nam_dinh_board))


@pytest.mark.parametrize("extra_clusters", [1, 10])
def test_cluster_list_query_count_is_unchanged_with_predecessors(
    client: Client,
    world: World,
    merged: Merged,
    django_assert_num_queries: Any,
    extra_clusters: int,
) -> None:
    nam_dinh = merged.open.cluster.authority
    for _ in range(extra_clusters):
        cy = ClusterYearFactory(cluster=ClusterFactory(authority=nam_dinh), year=2025)
        ClusterMembershipFactory(cluster_year=cy)
    client.force_login(world.board)
    with django_assert_num_queries(7):  # the same as without predecessors (test_views)
        response = client.get("/clusters/", {"year": 2025})
    assert len(response.context["page"].object_list) == 1 + extra_clusters


def test_the_successors_board_officer_can_be_chosen_to_verify_scores_of_the_open_year(
    world: World, merged: Merged
) -> None:
    response = _client(world.board).get("/scoring/ND-K01/2025/settings/")
    choices = list(response.context["form"].fields["verifier_users"].queryset)
    assert (response.status_code, world.board in choices) == (200, True)
    closed = _client(world.admin).get("/scoring/ND-K01/2024/settings/")
    assert world.board not in list(closed.context["form"].fields["verifier_users"].queryset)


def test_along_a_chain_the_work_passes_at_the_latest_date_in_the_scope_and_the_rules(
    world: World,
) -> None:
    a, b = AuthorityFactory.create_batch(2)
    AuthoritySuccessionFactory(predecessor=a, successor=b, effective_date=dt.date(2025, 7, 1))
    AuthoritySuccessionFactory(
        predecessor=b, successor=world.authority, effective_date=dt.date(2030, 1, 1)
    )
    cluster = ClusterFactory(authority=a)
    years = {y: ClusterYearFactory(cluster=cluster, year=y) for y in (2026, 2030, 2031)}
    board = world.board

    managed = set(managed_cluster_years(board))
    by_rule = {cy for cy in years.values() if board.has_perm("clusters.manage_clusteryear", cy)}

    assert managed & set(years.values()) == by_rule == {years[2030], years[2031]}
    assert set(years.values()) <= set(cluster_years_for_user(board))


def test_the_year_page_says_whose_cluster_it_was_and_whether_the_year_is_closed(
    world: World, merged: Merged
) -> None:
    client = _client(world.board)

    def card(url: str) -> str:
        cards = [
            c for c in client.get(url).context["sections"] if c.url.startswith("/authorities/")
        ]
        return cards[0].summary if cards else ""

    assert "01/07/2025" in card("/clusters/ND-K01/2025/")
    assert "do cơ quan của bạn điều hành" in card("/clusters/ND-K01/2025/")
    assert "chỉ để xem" in card("/clusters/ND-K01/2024/")
    assert card("/clusters/HN-C06/2023/") == ""


def test_the_predecessors_running_movement_passes_to_the_successor_the_ended_one_stays(
    world: World, merged: Merged
) -> None:
    nam_dinh = merged.open.cluster.authority

    def movement(ends_on: dt.date) -> Movement:
        return Movement.objects.create(
            authority=nam_dinh,
            kind="regular",
            title=f"Phong trào đến {ends_on:%Y}",
            starts_on=dt.date(2024, 1, 1),
            ends_on=ends_on,
        )

    running, ended = movement(dt.date(2025, 12, 31)), movement(dt.date(2024, 12, 31))
    board = world.board
    assert {running, ended} <= set(movements_for_user(board))
    assert [board.has_perm("planning.change_movement", m) for m in (running, ended)] == [
        True,
        False,
    ]
    assert not world.other_board.has_perm("planning.change_movement", running)
    assert running not in set(movements_for_user(world.other_board))


def _launch(world: World, cluster_years: list[ClusterYear]) -> Movement:
    return planning_services.launch_movement(
        authority=world.authority,
        kind="regular",
        title="Phong trào thi đua năm 2025",
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        cluster_years=cluster_years,
        by=world.board,
    )


def test_the_successor_launches_a_movement_for_the_predecessors_open_year(
    world: World, merged: Merged
) -> None:
    page = _client(world.board).get("/planning/movements/new/")
    offered = set(page.context["form"].fields["cluster_years"].queryset)
    assert (merged.open in offered, merged.closed in offered) == (True, False)

    movement = _launch(world, [merged.open])

    assert list(movement.cluster_years.all()) == [merged.open]
    with pytest.raises(ValidationError) as caught:
        _launch(world, [merged.closed])
    assert caught.value.messages == [
        "Khối các sở Nam Định năm 2024 đã khép lại trước khi "
        "Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội kế thừa."
    ]
