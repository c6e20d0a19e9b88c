"""The membership lookups of ``add_member``: from the database, or from what a caller that adds
many members in one transaction has read already.

``add_member`` checks, for each unit, that it is in no other cluster of the same kind and
authority that year and not yet a member: two queries per member. The import adds thousands in
one transaction; it gives ``new_memberships.NewMemberships`` a ``KnownMemberships`` instead,
which reads each (year, authority, kind) group once, answers those two questions from memory and
is kept up to date by ``add_member`` and ``NewMemberships.add``. The rules (and their messages)
stay in ``services.check_can_join`` and ``services.build_membership``; only where the facts come
from differs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua.clusters.models import ClusterMembership

if TYPE_CHECKING:
    from thidua.clusters.models import ClusterYear
    from thidua.organizations.models import Organization

Group = tuple[int, int, str]  # year, authority id, kind: a unit is in one cluster year of each


class KnownMemberships:
    """Valid only inside one transaction in which every membership of the groups it has read is
    added through ``add_member(..., known=self)`` or ``NewMemberships(self)`` (and none
    removed)."""

    def __init__(self) -> None:
        self._groups: dict[Group, dict[int, ClusterMembership]] = {}

    def _group(self, cluster_year: ClusterYear) -> dict[int, ClusterMembership]:
        cluster = cluster_year.cluster
        key = (cluster_year.year, cluster.authority_id, cluster.kind)
        if key not in self._groups:
            rows = ClusterMembership.objects.filter(
                year=key[0], authority_id=key[1], kind=key[2]
            ).select_related("cluster_year__cluster")
            self._groups[key] = {m.organization_id: m for m in rows}
        return self._groups[key]

    def membership(
        self, cluster_year: ClusterYear, organization: Organization
    ) -> ClusterMembership | None:
        """The unit's membership in the group of ``cluster_year`` (in that year or another
        cluster of the same kind and authority), if any."""
        return self._group(cluster_year).get(organization.pk)

    def add(self, membership: ClusterMembership) -> None:
        self._group(membership.cluster_year)[membership.organization_id] = membership


def other_membership(
    cluster_year: ClusterYear, organization: Organization, known: KnownMemberships | None
) -> ClusterMembership | None:
    """The unit's membership in another cluster year of the same kind, authority and year."""
    if known is not None:
        found = known.membership(cluster_year, organization)
        return found if found is not None and found.cluster_year_id != cluster_year.pk else None
    return (
        ClusterMembership.objects.filter(
            organization=organization,
            year=cluster_year.year,
            authority_id=cluster_year.cluster.authority_id,
            kind=cluster_year.cluster.kind,
        )
        .exclude(cluster_year=cluster_year)
        .select_related("cluster_year__cluster")
        .first()
    )


def is_member(
    cluster_year: ClusterYear, organization: Organization, known: KnownMemberships | None
) -> bool:
    """Whether the unit is a member of ``cluster_year``."""
    if known is not None:
        found = known.membership(cluster_year, organization)
        return found is not None and found.cluster_year_id == cluster_year.pk
    return cluster_year.memberships.filter(organization=organization).exists()
