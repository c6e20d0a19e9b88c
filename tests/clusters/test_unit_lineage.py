"""A unit's page shows its own history and its predecessors' (transitively): cluster years and
roles, registrations, approved scores and ranks — each predecessor's row marked with its name
and the restructuring that ended it; rows of cluster years the person may not see stay hidden;
the number of queries does not grow with the years or the predecessors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import (
    ClusterFactory,
    ClusterMembershipFactory,
    ClusterYearFactory,
    OrganizationFactory,
    SuccessionFactory,
)
from tests.factories_start_of_year import make_registration
from thidua.clusters.models import ClusterYear
from thidua.organizations.enums import SuccessionKind
from thidua.organizations.models import Organization, Succession
from thidua.organizations.selectors import forebears, predecessor_ids
from thidua.scoring.enums import RoundStatus
from thidua.scoring.models import ResultRow, ScoringRound

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOTE = "Các năm của đơn vị tiền thân được hiển thị để tham khảo"


def page(user: Any, org: Organization) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(f"/organizations/{org.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def merge(old: Organization, new: Organization, day: dt.date, kind: str = SuccessionKind.MERGE):
    return SuccessionFactory(predecessor=old, successor=new, kind=kind, effective_date=day)


def year_with(world: World, org: Organization, year: int, *, head: bool = False) -> ClusterYear:
    cy = ClusterYearFactory(
        cluster=ClusterFactory(authority=world.authority, name=f"Khối các sở {year}"), year=year
    )
    ClusterMembershipFactory(cluster_year=cy, organization=org)
    if head:
        cy.head = org
        cy.save()
    return cy


def approved_result(cy: ClusterYear, org: Organization, total: str, rank: int) -> None:
    """The approved result row as the approval writes it (the scoring tests cover approving)."""
    scoring_round, _ = ScoringRound.objects.get_or_create(
        cluster_year=cy, defaults={"aggregation": "mean", "status": RoundStatus.APPROVED}
    )
    ResultRow.objects.create(
        scoring_round=scoring_round,
        organization=org,
        position=rank,
        rank=rank,
        self_total=Decimal(total),
        criteria_total=Decimal(total),
        bonus=Decimal(0),
        penalty=Decimal(0),
        total=Decimal(total),
        classification="Xuất sắc",
    )


@pytest.fixture
def merged(world: World) -> dict[str, Any]:
    """Sở Kế hoạch và Đầu tư (renamed from Sở Kế hoạch in 2010) merged with Sở Tài chính into
    Sở Tài chính mới on 01/03/2025; each old unit had years of its own."""
    new = OrganizationFactory(name="Sở Tài chính (mới)", authority=world.authority)
    khdt = OrganizationFactory(name="Sở Kế hoạch và Đầu tư", authority=world.authority)
    kh = OrganizationFactory(name="Sở Kế hoạch", authority=world.authority)
    merge(khdt, new, dt.date(2025, 3, 1))
    merge(kh, khdt, dt.date(2010, 1, 1), SuccessionKind.RENAME)
    cy_2024 = year_with(world, khdt, 2024, head=True)
    cy_2009 = year_with(world, kh, 2009)
    cy_2025 = year_with(world, new, 2025)
    return {"new": new, "khdt": khdt, "kh": kh, "2024": cy_2024, "2009": cy_2009, "2025": cy_2025}


def test_predecessors_are_followed_transitively_in_one_query(
    merged: dict[str, Any], django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        ids = predecessor_ids(merged["new"])
    assert set(ids) == {merged["khdt"].pk, merged["kh"].pk}
    assert Succession._meta.db_table == "organizations_succession"  # the CTE names it


def test_a_predecessor_is_marked_with_its_name_and_the_restructuring_that_ended_it(
    merged: dict[str, Any],
) -> None:
    markers = {f.organization.name: f.marker for f in forebears(merged["new"])}
    assert markers == {
        "Sở Kế hoạch và Đầu tư": "của Sở Kế hoạch và Đầu tư, trước khi hợp nhất 01/03/2025",
        "Sở Kế hoạch": "của Sở Kế hoạch, trước khi đổi tên 01/01/2010",
    }


def test_unit_page_shows_the_predecessors_cluster_years_and_roles(
    world: World, merged: dict[str, Any]
) -> None:
    html = page(world.board, merged["new"])
    assert "Khối các sở 2025" in html
    assert "Khối các sở 2024" in html
    assert "(của Sở Kế hoạch và Đầu tư, trước khi hợp nhất 01/03/2025)" in html
    assert "(của Sở Kế hoạch, trước khi đổi tên 01/01/2010)" in html
    assert "Khối trưởng" in html or "Cụm trưởng" in html  # headed by its predecessor in 2024
    assert NOTE in html


def test_unit_page_shows_the_predecessors_registrations_and_results(
    world: World, merged: dict[str, Any]
) -> None:
    make_registration(merged["2024"], merged["khdt"], _officer_of(merged["khdt"]), models=0)
    approved_result(merged["2024"], merged["khdt"], "95.5", 1)
    html = page(world.board, merged["new"])
    assert "Đăng ký thi đua qua các năm" in html
    assert "Kết quả chấm điểm, xếp hạng qua các năm" in html
    assert "hạng 1" in html


def _officer_of(org: Organization) -> Any:
    from tests.factories import UserFactory
    from thidua.accounts.enums import Role

    return UserFactory(role=Role.UNIT_OFFICER, organization=org)


def test_a_unit_without_predecessors_has_no_note(world: World) -> None:
    html = page(world.board, world.member)
    assert "Cụm thi đua số 6" in html
    assert NOTE not in html


def test_predecessor_years_outside_the_persons_scope_are_not_shown(
    world: World, merged: dict[str, Any]
) -> None:
    """A year of the predecessor in another authority's cluster: the board officer of this
    authority does not see it; the system administrator does."""
    elsewhere = ClusterYearFactory(
        cluster=ClusterFactory(authority=world.other_authority, name="Cụm Hải Phòng 2023"),
        year=2023,
    )
    ClusterMembershipFactory(cluster_year=elsewhere, organization=merged["khdt"])
    assert "Cụm Hải Phòng 2023" not in page(world.board, merged["new"])
    assert "Cụm Hải Phòng 2023" in page(world.admin, merged["new"])


def _chain(world: World, depth: int, years: int) -> Organization:
    """A unit at the end of a chain of ``depth`` predecessors, each with ``years`` years, a
    registration and an approved result in each."""
    unit = OrganizationFactory(name=f"Đơn vị cuối {depth}", authority=world.authority)
    later = unit
    officer = None
    for level in range(depth):
        old = OrganizationFactory(name=f"Tiền thân {depth}-{level}", authority=world.authority)
        merge(old, later, dt.date(2024 - level, 1, 1))
        officer = _officer_of(old)
        for offset in range(years):
            cy = year_with(world, old, 2024 - level * 3 - offset)
            make_registration(cy, old, officer, models=0)
            approved_result(cy, old, "90", 2)
        later = old
    return unit


# session, user, unit, the earlier and later chains (2 + 2; the lineage's predecessors are the
# earlier chain's), one per section (memberships, registrations, results, awards), the leaders:
# the same for 1 and for 12 old years.
QUERIES = 12


@pytest.mark.parametrize("depth,years", [(1, 1), (4, 3)])
def test_unit_page_queries_do_not_grow_with_years_or_predecessors(
    world: World, depth: int, years: int, django_assert_num_queries: Any
) -> None:
    unit = _chain(world, depth, years)
    client = Client()
    client.force_login(world.board)
    client.get(f"/organizations/{unit.pk}/")  # warm the session
    with django_assert_num_queries(QUERIES):
        response = client.get(f"/organizations/{unit.pk}/")
    assert response.content.decode().count("lineage-marker") == depth * years * 3


def test_the_apps_contribute_their_sections_and_a_slug_is_registered_once() -> None:
    from django.core.exceptions import ImproperlyConfigured

    from thidua.clusters.unit_sections import UNIT_SECTIONS, UnitSection, register_unit_section

    assert [s.slug for s in UNIT_SECTIONS] == [
        "clusters.memberships",
        "start_of_year.registrations",
        "scoring.results",
        "awards.history",
    ]
    with pytest.raises(ImproperlyConfigured):
        register_unit_section(UnitSection("scoring.results", 99, lambda r, o, lineage: None))
