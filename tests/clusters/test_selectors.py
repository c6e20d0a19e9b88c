"""The scope selectors of clusters and the predicates that must give the same answers."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404

from tests.conftest import World
from tests.factories import ClusterFactory, ClusterYearFactory, UserFactory
from thidua.clusters.models import ClusterYear
from thidua.clusters.rules import can_see_cluster_year
from thidua.clusters.selectors import (
    cluster_year_detail,
    cluster_year_or_404,
    cluster_years_for_user,
    managed_cluster_years,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

PERSONAS = [
    "admin",
    "board",
    "other_board",
    "secretariat",
    "officer",
    "leader",
    "council",
    "viewer",
    "outsider",
    "deputy_officer",
]


@pytest.fixture
def years(world: World) -> list[ClusterYear]:
    """The world's two years and one more of its authority, headed by the member unit."""
    extra = ClusterYearFactory(
        cluster=ClusterFactory(authority=world.authority, code="HN-C07"), year=2024
    )
    extra.memberships.create(
        organization=world.member, year=2024, authority=world.authority, kind="cluster"
    )
    extra.head = world.member
    extra.save()
    return [world.cy, world.other_cy, extra]


@pytest.mark.parametrize("persona", PERSONAS)
def test_managed_cluster_years_are_those_the_user_may_run(
    world: World, years: list[ClusterYear], persona: str
) -> None:
    user = world.user(persona)
    assert sorted(cy.pk for cy in managed_cluster_years(user)) == sorted(
        cy.pk for cy in years if user.has_perm("clusters.manage_clusteryear", cy)
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_can_see_cluster_year_is_the_scope(
    world: World, years: list[ClusterYear], persona: str
) -> None:
    user = world.user(persona)
    in_scope = set(cluster_years_for_user(user))
    assert [can_see_cluster_year(user, cy) for cy in years] == [cy in in_scope for cy in years]


def test_a_viewer_of_a_unit_sees_its_years_by_either_rule(world: World) -> None:
    viewer = UserFactory(role="viewer", organization=world.member)
    assert (list(cluster_years_for_user(viewer)), can_see_cluster_year(viewer, world.cy)) == (
        [world.cy],
        True,
    )


def test_cluster_year_or_404_narrows_any_queryset_to_the_scope(world: World) -> None:
    everything = ClusterYear.objects.all()
    assert cluster_year_or_404(world.officer, "HN-C06", 2023, everything) == world.cy
    with pytest.raises(Http404):
        cluster_year_or_404(world.outsider, "HN-C06", 2023, everything)
    with pytest.raises(Http404):
        cluster_year_or_404(world.officer, "HN-C06", 2099)


def test_cluster_year_or_404_keeps_what_the_page_asked_for(
    world: World, django_assert_num_queries: Any
) -> None:
    cy = cluster_year_or_404(world.board, "HN-C06", 2023, cluster_year_detail(world.board))
    with django_assert_num_queries(0):
        names = [m.organization.name for m in cy.memberships.all()]
    assert names == ["Sở Ngoại vụ", "Sở Nội vụ", "Văn phòng UBND Thành phố"]


def test_cluster_year_or_404_narrows_a_queryset_of_another_persons_scope(world: World) -> None:
    """The member unit's officer sees the year; the outsider does not, even through a queryset
    built on the officer's scope (only the asker's own scope is trusted as already narrowed)."""
    officers_years = cluster_year_detail(world.officer)
    assert cluster_year_or_404(world.officer, "HN-C06", 2023, officers_years) == world.cy
    with pytest.raises(Http404):
        cluster_year_or_404(world.outsider, "HN-C06", 2023, officers_years)


def test_cluster_year_or_404_narrows_a_scope_widened_by_or(world: World) -> None:
    widened = cluster_year_detail(world.outsider) | ClusterYear.objects.all()
    with pytest.raises(Http404):
        cluster_year_or_404(world.outsider, "HN-C06", 2023, widened)
    with pytest.raises(Http404):
        cluster_year_or_404(world.outsider, "HN-C06", 2023, widened.filter(year=2023))


def test_cluster_year_or_404_does_not_repeat_the_scope_of_a_scoped_queryset(
    world: World, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2) as captured:  # the year, then its members
        cluster_year_or_404(world.officer, "HN-C06", 2023, cluster_year_detail(world.officer))
    year_sql = captured.captured_queries[0]["sql"]
    assert year_sql.count('FROM "clusters_clustermembership"') == 1
