"""The "Mở năm tiếp theo" page and the past-heads form on the cluster-year page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import (
    ClusterMembershipFactory,
    ClusterYearFactory,
    OrganizationFactory,
    SuccessionFactory,
)
from thidua.clusters.enums import HeadsStatus
from thidua.clusters.models import ClusterYear

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

YEAR_URL = "/clusters/HN-C06/2023/"
NEXT_URL = "/clusters/HN-C06/2023/next-year/"
# session, user, the year (+ members), the permission, the proposal (next year, members,
# successors taken, three carry-overs), the form's units (members list, head, deputy selects)
QUERIES = 14


def test_year_page_offers_opening_the_next_year_to_the_board(client: Client, world: World) -> None:
    client.force_login(world.board)
    assert f'href="{NEXT_URL}"' in client.get(YEAR_URL).content.decode()


def test_year_page_links_to_next_year_when_it_exists(client: Client, world: World) -> None:
    ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    client.force_login(world.board)
    page = client.get(YEAR_URL).content.decode()
    assert f'href="{NEXT_URL}"' not in page
    assert "đã có năm 2024" in page and 'href="/clusters/HN-C06/2024/"' in page


def test_proposal_page_lists_members_left_out_units_and_successors(
    client: Client, world: World
) -> None:
    world.member.valid_to = dt.date(2023, 12, 31)
    world.member.save()
    heir = OrganizationFactory(authority=world.authority, name="Sở Nội vụ và Lao động")
    SuccessionFactory(predecessor=world.member, successor=heir, effective_date=dt.date(2024, 1, 1))
    client.force_login(world.board)

    page = client.get(NEXT_URL).content.decode()

    assert "Mở năm 2024 của Cụm thi đua số 6" in page
    assert f'value="{heir.pk}" id="member-{heir.pk}" checked' in page
    assert f'value="{world.member.pk}"' not in page  # left out, not a checkbox
    assert "Đã giải thể ngày 31/12/2023" in page
    assert "Chưa chọn" in page


def test_confirming_opens_the_year_with_the_ticked_units(client: Client, world: World) -> None:
    client.force_login(world.board)
    response = client.post(NEXT_URL, {"members": [world.head.pk, world.member.pk]})
    assert response.status_code == 302 and response["Location"] == "/clusters/HN-C06/2024/"
    new = ClusterYear.objects.get(cluster=world.cy.cluster, year=2024)
    assert {m.organization for m in new.memberships.all()} == {world.head, world.member}
    page = client.get("/clusters/HN-C06/2024/").content.decode()
    assert "Đã mở năm 2024" in page and "Chưa chọn" in page


def test_confirming_without_members_shows_the_error_and_writes_nothing(
    client: Client, world: World
) -> None:
    client.force_login(world.board)
    response = client.post(NEXT_URL, {})
    assert response.status_code == 200
    assert "Cần chọn ít nhất một đơn vị" in response.content.decode()
    assert not ClusterYear.objects.filter(year=2024).exists()


@pytest.mark.parametrize("persona", ["secretariat", "officer", "viewer"])
def test_others_in_scope_get_403_with_the_reason(
    client: Client, world: World, persona: str
) -> None:
    client.force_login(world.user(persona))
    response = client.get(NEXT_URL)
    assert response.status_code == 403
    assert "mở năm tiếp theo" in response.content.decode()


def test_outside_the_scope_is_404(client: Client, world: World) -> None:
    client.force_login(world.other_board)
    assert client.get(NEXT_URL).status_code == 404


def test_proposal_page_when_next_year_exists_links_to_it(client: Client, world: World) -> None:
    ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    client.force_login(world.board)
    page = client.get(NEXT_URL).content.decode()
    assert "đã có năm 2024" in page and 'href="/clusters/HN-C06/2024/"' in page
    assert "<form" not in page.split("<main", 1)[-1] or 'name="members"' not in page


# ---- past heads from paper


def _past(world: World) -> ClusterYear:
    cy = world.cy  # 2023: a past year
    cy.head = cy.deputy = None
    cy.save()
    return cy


def test_secretariat_of_a_later_year_records_unknown_heads(client: Client, world: World) -> None:
    cy = _past(world)
    later = ClusterYearFactory(cluster=cy.cluster, year=2024, head=world.head)
    del later
    client.force_login(world.secretariat)
    response = client.post(f"{YEAR_URL}past-heads/", {"past-status": HeadsStatus.UNKNOWN})
    assert response.status_code == 302
    page = client.get(YEAR_URL).content.decode()
    assert page.count("Không rõ (không có hồ sơ)") >= 2


def test_board_records_past_heads_with_the_source(client: Client, world: World) -> None:
    cy = _past(world)
    client.force_login(world.board)
    client.post(
        f"{YEAR_URL}past-heads/",
        {
            "past-status": HeadsStatus.CHOSEN,
            "past-head": world.member.pk,
            "past-decision_ref": "QĐ số 12/QĐ-CTĐ",
            "past-decision_date": "2023-02-15",
        },
    )
    cy.refresh_from_db()
    assert (cy.head, cy.heads_status) == (world.member, HeadsStatus.CHOSEN)
    assert "QĐ số 12/QĐ-CTĐ ngày 15/02/2023" in client.get(YEAR_URL).content.decode()


def test_list_page_tells_unknown_from_not_chosen(client: Client, world: World) -> None:
    _past(world)
    ClusterYear.objects.filter(pk=world.cy.pk).update(heads_status=HeadsStatus.UNKNOWN)
    ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    client.force_login(world.board)
    page = client.get("/clusters/").content.decode()
    assert "Không rõ (không có hồ sơ)" in page and "Chưa chọn" in page


@pytest.mark.parametrize("extra_members", [1, 10])
def test_next_year_page_query_count_is_constant(
    client: Client, world: World, django_assert_num_queries: Any, extra_members: int
) -> None:
    for _ in range(extra_members):
        ClusterMembershipFactory(cluster_year=world.cy)
    client.force_login(world.board)
    with django_assert_num_queries(QUERIES):
        response = client.get(NEXT_URL)
    assert len(response.context["proposal"].units) == 3 + extra_members
