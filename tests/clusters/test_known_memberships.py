"""``add_member(..., known=…)``: the same rules, checked against memberships read once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import World
from tests.factories import (
    ClusterFactory,
    ClusterMembershipFactory,
    ClusterYearFactory,
    OrganizationFactory,
)
from thidua.clusters import services
from thidua.clusters.known_memberships import KnownMemberships

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _messages(exc: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str | None, str]]:
    return [(e.code, str(e.message)) for e in exc.value.error_list]


def test_known_memberships_refuse_what_the_database_would(world: World) -> None:
    other = ClusterYearFactory(cluster=ClusterFactory(authority=world.authority), year=2023)
    known = KnownMemberships()
    for cluster_year, code in ((other, "two_clusters"), (world.cy, "already_member")):
        with pytest.raises(ValidationError) as without:
            services.add_member(cluster_year=cluster_year, organization=world.member, user=None)
        with pytest.raises(ValidationError) as with_known:
            services.add_member(
                cluster_year=cluster_year, organization=world.member, user=None, known=known
            )
        assert _messages(with_known) == _messages(without)
        assert _messages(with_known)[0][0] == code


def test_known_memberships_follow_the_members_added(world: World) -> None:
    first = ClusterYearFactory(cluster=ClusterFactory(authority=world.authority), year=2024)
    second = ClusterYearFactory(cluster=ClusterFactory(authority=world.authority), year=2024)
    units = [OrganizationFactory(authority=world.authority) for _ in range(3)]
    known = KnownMemberships()
    services.add_member(cluster_year=first, organization=units[0], user=None, known=known)
    with CaptureQueriesContext(connection) as queries:
        for unit in units[1:]:
            services.add_member(cluster_year=first, organization=unit, user=None, known=known)
    assert not [q for q in queries if "clustermembership" in q["sql"] and "SELECT" in q["sql"]]
    with pytest.raises(ValidationError, match="một đơn vị chỉ thuộc một"):
        services.add_member(cluster_year=second, organization=units[1], user=None, known=known)
    assert first.memberships.count() == 3


def test_a_membership_written_behind_the_checks_back_is_refused_and_rolled_back(
    world: World,
) -> None:
    # ``known`` read the group before another writer added the unit elsewhere: the checks pass,
    # the database refuses the insert, and the transaction stays usable afterwards
    other = ClusterYearFactory(cluster=ClusterFactory(authority=world.authority), year=2023)
    unit = OrganizationFactory(authority=world.authority)
    known = KnownMemberships()
    known.membership(world.cy, unit)  # reads the group: the unit is in no cluster yet
    ClusterMembershipFactory(cluster_year=other, organization=unit)  # the other writer
    with pytest.raises(ValidationError, match="đã thuộc một cụm/khối khác cùng loại"):
        services.add_member(cluster_year=world.cy, organization=unit, user=None, known=known)
    assert list(unit.cluster_memberships.values_list("cluster_year", flat=True)) == [other.pk]
