"""Reads for units. Which units a person may see depends on cluster memberships: that scope is
``clusters.selectors.organizations_for_user``."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from thidua.core.vntext import search_terms
from thidua.organizations.enums import SuccessionKind
from thidua.organizations.models import Organization, Succession


def search_organizations(qs: QuerySet[Organization], query: str) -> QuerySet[Organization]:
    """Accent- and case-insensitive: 'so noi vu' finds 'Sở Nội vụ', 'dong anh' finds 'Đông Anh'."""
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    return qs


def succession_chain(org: Organization) -> tuple[list[Succession], list[Succession]]:
    """All earlier and later links, following successors/predecessors transitively (four
    queries whatever the depth: :func:`predecessor_ids`, :func:`successor_ids`)."""
    earlier_units = [org.pk, *predecessor_ids(org)]
    later_units = [org.pk, *successor_ids(org)]
    related = Succession.objects.select_related("predecessor", "successor")
    earlier = list(related.filter(successor_id__in=earlier_units))
    later = list(related.filter(predecessor_id__in=later_units))
    return earlier, later


# ---------------------------------------------------------------- lineage (history of a unit)

# How a predecessor ended, for "(của …, trước khi hợp nhất 01/03/2025)".
_ENDED_BY: dict[str, str | Promise] = {
    SuccessionKind.MERGE: gettext_lazy("hợp nhất"),
    SuccessionKind.SPLIT: gettext_lazy("chia tách"),
    SuccessionKind.RENAME: gettext_lazy("đổi tên"),
    SuccessionKind.TRANSFER: gettext_lazy("chuyển giao"),
}


@dataclass(frozen=True)
class Forebear:
    """A predecessor of a unit, with the link through which it became (part of) a later unit of
    the lineage: the earliest such link (a unit renamed then merged ends with its renaming)."""

    organization: Organization
    link: Succession

    @property
    def marker(self) -> str:
        """ "của Sở Kế hoạch và Đầu tư, trước khi hợp nhất 01/03/2025"."""
        ended_by = _ENDED_BY.get(self.link.kind, gettext_lazy("tổ chức lại"))
        return gettext("của {unit}, trước khi {event} {day}").format(
            unit=self.organization.name,
            event=ended_by,
            day=self.link.effective_date.strftime("%d/%m/%Y"),
        )


# The table is ``Succession._meta.db_table`` (tests/organizations/test_lineage.py checks it).
_PREDECESSORS_SQL = (
    "WITH RECURSIVE chain(id) AS ("
    "SELECT predecessor_id FROM organizations_succession WHERE successor_id = %s "
    "UNION SELECT s.predecessor_id FROM organizations_succession s "
    "JOIN chain c ON s.successor_id = c.id"
    ") SELECT id FROM chain"
)


# The same walk the other way: every later unit.
_SUCCESSORS_SQL = (
    "WITH RECURSIVE chain(id) AS ("
    "SELECT successor_id FROM organizations_succession WHERE predecessor_id = %s "
    "UNION SELECT s.successor_id FROM organizations_succession s "
    "JOIN chain c ON s.predecessor_id = c.id"
    ") SELECT id FROM chain"
)


def successor_ids(org: Organization) -> list[int]:
    """Every later unit of ``org`` (successors of successors…), in one query."""
    with connection.cursor() as cursor:
        cursor.execute(_SUCCESSORS_SQL, [org.pk])
        return [row[0] for row in cursor.fetchall() if row[0] != org.pk]


def predecessor_ids(org: Organization) -> list[int]:
    """Every predecessor of ``org``, transitively, in one query (a recursive CTE, SQLite and
    PostgreSQL alike), whatever the depth; a cycle in bad data ends (``UNION`` keeps each once)."""
    with connection.cursor() as cursor:
        cursor.execute(_PREDECESSORS_SQL, [org.pk])
        return [row[0] for row in cursor.fetchall() if row[0] != org.pk]


def forebears(org: Organization) -> list[Forebear]:
    """The predecessors of ``org`` (transitively), latest link first: two queries whatever the
    number of predecessors or the depth of the chain."""
    ids = predecessor_ids(org)
    if not ids:
        return []
    links = Succession.objects.filter(
        predecessor_id__in=ids, successor_id__in=[*ids, org.pk]
    ).select_related("predecessor")
    first: dict[int, Succession] = {}
    for link in links.order_by("effective_date", "pk"):
        first.setdefault(link.predecessor_id, link)
    found = [Forebear(organization=link.predecessor, link=link) for link in first.values()]
    return sorted(
        found, key=lambda f: (f.link.effective_date, f.organization.sort_key), reverse=True
    )
