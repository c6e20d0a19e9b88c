"""Reads for units. Which units a person may see depends on cluster memberships: that scope is
``clusters.selectors.organizations_for_user``."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.core.vntext import search_terms
from thidua.organizations.models import Organization, Succession


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
