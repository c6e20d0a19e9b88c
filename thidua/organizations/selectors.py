"""Reads for units. ``organizations_for_user`` is the only way views get units (scope = 404)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet

from thidua.accounts.enums import AUTHORITY_ROLES, UNIT_ROLES
from thidua.core.vntext import search_terms
from thidua.organizations.models import Organization, Succession

if TYPE_CHECKING:
    from thidua.accounts.models import User


def organizations_for_user(user: User) -> QuerySet[Organization]:
    from thidua.clusters.models import ClusterMembership

    qs = Organization.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.is_system_admin:
        return qs
    if user.role in AUTHORITY_ROLES and user.authority_id:
        in_authority_cluster = ClusterMembership.objects.filter(
            organization=OuterRef("pk"), authority_id=user.authority_id
        )
        return qs.filter(Q(authority_id=user.authority_id) | Exists(in_authority_cluster))
    if user.organization_id and (user.role in UNIT_ROLES or user.role in AUTHORITY_ROLES):
        # Own unit and the units it shares a cluster year with (peers are visible, read-only).
        own_years = ClusterMembership.objects.filter(organization_id=user.organization_id).values(
            "cluster_year_id"
        )
        peer = ClusterMembership.objects.filter(
            organization=OuterRef("pk"), cluster_year_id__in=own_years
        )
        return qs.filter(Q(pk=user.organization_id) | Exists(peer))
    return qs.none()


def search_organizations(qs: QuerySet[Organization], query: str) -> QuerySet[Organization]:
    """Accent- and case-insensitive: 'so noi vu' finds 'Sở Nội vụ', 'dong anh' finds 'Đông Anh'."""
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    return qs


def succession_chain(org: Organization) -> tuple[list[Succession], list[Succession]]:
    """All earlier and later links, following successors/predecessors transitively."""
    earlier: list[Succession] = []
    later: list[Succession] = []
    seen = {org.pk}
    frontier = [org.pk]
    while frontier:
        links = list(
            Succession.objects.filter(successor_id__in=frontier).select_related(
                "predecessor", "successor"
            )
        )
        frontier = [link.predecessor_id for link in links if link.predecessor_id not in seen]
        seen.update(frontier)
        earlier.extend(links)
    seen = {org.pk}
    frontier = [org.pk]
    while frontier:
        links = list(
            Succession.objects.filter(predecessor_id__in=frontier).select_related(
                "predecessor", "successor"
            )
        )
        frontier = [link.successor_id for link in links if link.successor_id not in seen]
        seen.update(frontier)
        later.extend(links)
    return earlier, later
