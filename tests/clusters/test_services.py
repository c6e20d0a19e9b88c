from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import World
from tests.factories import ClusterFactory, ClusterYearFactory, OrganizationFactory
from thidua.audit.models import AuditEvent
from thidua.clusters import services
from thidua.clusters.models import ClusterMembership, ClusterYear

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_create_cluster_year_with_members_and_heads(world: World) -> None:
    cluster = ClusterFactory(authority=world.authority, code="HN-C99")
    a, b = (
        OrganizationFactory(authority=world.authority),
        OrganizationFactory(authority=world.authority),
    )
    cy = services.create_cluster_year(
        cluster=cluster,
        year=2024,
        members=[a, b],
        head=a,
        deputy=b,
        theme="Đoàn kết",
        user=world.board,
    )
    assert (cy.head, cy.deputy, cy.memberships.count()) == (a, b, 2)
    assert (
        AuditEvent.objects.filter(action="cluster_year.member.add", object_id=str(cy.pk)).count()
        == 2
    )


def test_unit_cannot_join_two_clusters_of_same_kind_and_authority_in_one_year(world: World) -> None:
    second = ClusterYearFactory(
        cluster=ClusterFactory(authority=world.authority, code="HN-C07"), year=2023
    )
    with pytest.raises(ValidationError, match="đã là thành viên của Cụm thi đua số 6 năm 2023"):
        services.add_member(cluster_year=second, organization=world.member, user=world.board)
    assert second.memberships.count() == 0


def test_unit_may_join_a_bloc_and_a_cluster_the_same_year(world: World) -> None:
    bloc = ClusterYearFactory(
        cluster=ClusterFactory(authority=world.authority, kind="bloc"), year=2023
    )
    services.add_member(cluster_year=bloc, organization=world.member, user=world.board)
    assert ClusterMembership.objects.filter(organization=world.member).count() == 2


def test_unit_may_join_the_same_cluster_next_year(world: World) -> None:
    next_year = ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    services.add_member(cluster_year=next_year, organization=world.member, user=world.board)
    assert list(
        ClusterMembership.objects.filter(organization=world.member)
        .order_by("year")
        .values_list("year", flat=True)
    ) == [2023, 2024]


def test_head_must_be_a_member(world: World) -> None:
    stranger = OrganizationFactory(authority=world.authority, name="Sở Y tế")
    with pytest.raises(
        ValidationError,
        match="Cụm trưởng phải là thành viên của Cụm thi đua số 6 năm 2023; Sở Y tế không phải thành viên",
    ):
        services.set_heads(
            cluster_year=world.cy, head=stranger, deputy=world.deputy, user=world.board
        )
    world.cy.refresh_from_db()
    assert world.cy.head == world.head


def test_head_and_deputy_must_differ(world: World) -> None:
    with pytest.raises(ValidationError, match="phải là hai đơn vị khác nhau"):
        services.set_heads(
            cluster_year=world.cy, head=world.member, deputy=world.member, user=world.board
        )


def test_heads_are_kept_per_year(world: World) -> None:
    next_year = services.open_next_year(
        cluster_year=world.cy, members=[world.head, world.deputy, world.member], user=world.board
    )
    services.set_heads(
        cluster_year=next_year, head=world.member, deputy=world.head, user=world.board
    )
    world.cy.refresh_from_db()
    assert (world.cy.head, next_year.head) == (world.head, world.member)


def test_dissolved_unit_cannot_join_a_later_year(world: World) -> None:
    gone = OrganizationFactory(
        authority=world.authority, name="Huyện Sóc Sơn", valid_to=dt.date(2025, 6, 30)
    )
    cy = ClusterYearFactory(cluster=world.cy.cluster, year=2026)
    with pytest.raises(ValidationError, match="đã giải thể ngày 30/06/2025"):
        services.add_member(cluster_year=cy, organization=gone, user=world.board)


def test_duplicate_cluster_year_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="đã có dữ liệu năm 2023"):
        services.create_cluster_year(cluster=world.cy.cluster, year=2023, user=world.board)
    assert ClusterYear.objects.filter(cluster=world.cy.cluster).count() == 1


def test_remove_member_needs_reason_and_not_head(world: World) -> None:
    with pytest.raises(ValidationError, match="Cần ghi lý do"):
        services.remove_member(
            cluster_year=world.cy, organization=world.member, reason=" ", user=world.board
        )
    with pytest.raises(ValidationError, match="Không thể đưa đơn vị trưởng"):
        services.remove_member(
            cluster_year=world.cy, organization=world.head, reason="sáp nhập", user=world.board
        )
    services.remove_member(
        cluster_year=world.cy,
        organization=world.member,
        reason="Sáp nhập vào Sở khác",
        user=world.board,
    )
    assert (
        AuditEvent.objects.get(action="cluster_year.member.remove").note == "Sáp nhập vào Sở khác"
    )
