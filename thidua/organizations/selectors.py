"""Reads for units. Which units a person may see depends on cluster memberships: that scope is
``clusters.selectors.organizations_for_user``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from thidua.core.vntext import search_terms
from thidua.organizations.enums import SuccessionKind
from thidua.organizations.models import Authority, AuthoritySuccession, Organization, Succession


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


def forebears(org: Organization, earlier: list[Succession] | None = None) -> list[Forebear]:
    """The predecessors of ``org`` (transitively), latest link first: two queries whatever the
    number of predecessors or the depth of the chain; none when ``earlier`` is given, the
    ``succession_chain`` links of ``org`` the page already has (the same links: each one leads
    from a predecessor to ``org`` or to another of its predecessors)."""
    if earlier is None:
        ids = predecessor_ids(org)
        if not ids:
            return []
        links = list(
            Succession.objects.filter(
                predecessor_id__in=ids, successor_id__in=[*ids, org.pk]
            ).select_related("predecessor")
        )
    else:
        # ``org`` itself only in a cycle of bad data, which ``predecessor_ids`` leaves out
        links = [link for link in earlier if link.predecessor_id != org.pk]
    first: dict[int, Succession] = {}
    for link in sorted(links, key=lambda link: (link.effective_date, link.pk)):
        first.setdefault(link.predecessor_id, link)
    found = [Forebear(organization=link.predecessor, link=link) for link in first.values()]
    return sorted(
        found, key=lambda f: (f.link.effective_date, f.organization.sort_key), reverse=True
    )


# ---------------------------------------------------------------- authority lineage

# An authority and every authority it succeeded, transitively, with the day each one's open work
# passed along the chain: one recursive query (SQLite and PostgreSQL alike). ``passed_on`` is the
# latest effective date on the path (Nam Định → Ninh Bình on 01/7/2025 → X on 01/1/2030: Nam
# Định's work reached X on 01/1/2030); with several paths the earliest wins. The walk never
# comes back to the authority itself, so a cycle cannot loop.
_LINEAGE_CTE = """
WITH RECURSIVE lineage(authority_id, passed_on) AS (
    SELECT CAST(%s AS BIGINT), CAST(NULL AS DATE)
    UNION
    SELECT s.predecessor_id,
           CASE WHEN l.passed_on IS NULL OR s.effective_date > l.passed_on
                THEN s.effective_date ELSE l.passed_on END
    FROM {table} s JOIN lineage l ON s.successor_id = l.authority_id
    WHERE s.predecessor_id <> %s
)
"""


def _lineage_cte() -> str:
    return _LINEAGE_CTE.format(table=connection.ops.quote_name(AuthoritySuccession._meta.db_table))


def lineage_cte(authority_id: int) -> tuple[str, tuple[Any, ...]]:
    """``WITH RECURSIVE lineage(authority_id, passed_on) AS (...)`` and its parameters, for an
    app above to select from in one statement (``passed_on`` is NULL for the authority itself);
    ``passed_year_sql`` gives the year of ``passed_on`` on either database."""
    return _lineage_cte(), (authority_id, authority_id)


def passed_year_sql(column: str) -> tuple[str, tuple[Any, ...]]:
    """SQL for the year of a date column (SQLite and PostgreSQL spell it differently)."""
    sql, params = connection.ops.date_extract_sql("year", column, ())
    return sql, tuple(params)


@dataclass(frozen=True)
class Lineage:
    """An authority and its predecessors. ``passed_on[id]`` is the day the predecessor's open
    work passed to the authority (``None`` for the authority itself)."""

    authority_id: int
    passed_on: dict[int, dt.date | None] = field(default_factory=dict)

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(self.passed_on)

    def includes(self, authority_id: int | None) -> bool:
        return authority_id is not None and authority_id in self.passed_on

    def manages_year(self, authority_id: int | None, year: int) -> bool:
        """Whether the open work of ``authority_id`` in ``year`` is this authority's: all its own
        years; a predecessor's years from the year its work passed on (earlier ones are closed,
        read-only)."""
        if authority_id is None or authority_id not in self.passed_on:
            return False
        passed_on = self.passed_on[authority_id]
        return passed_on is None or year >= passed_on.year


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def authority_lineage(authority_id: int) -> Lineage:
    """The authority ``authority_id`` and all its predecessors, transitively, with the day the
    work of each passed to it: one query, whatever the depth."""
    # the only text joined in is the table name from the model; the id is a bound parameter
    sql = _lineage_cte() + "SELECT authority_id, MIN(passed_on) FROM lineage GROUP BY authority_id"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [authority_id, authority_id])
        rows = cursor.fetchall()
    passed_on = {int(pk): _as_date(day) for pk, day in rows}
    passed_on[authority_id] = None
    return Lineage(authority_id=authority_id, passed_on=passed_on)


def lineage_ids_subquery(authority_id: int) -> RawSQL:
    """The ids of ``authority_lineage(authority_id)`` as a subquery, for a scope filter
    (``authority_id__in=...``) that costs no query of its own."""
    sql = _lineage_cte() + "SELECT authority_id FROM lineage"  # noqa: S608 -- as above
    return RawSQL(sql, (authority_id, authority_id))  # noqa: S611 -- bound parameters only


# The other way round: the authorities that took over ``authority_id``, transitively, with the
# day its work reached each of them (the latest effective date on the path).
_HEIRS_CTE = """
WITH RECURSIVE heirs(authority_id, passed_on) AS (
    SELECT CAST(%s AS BIGINT), CAST(NULL AS DATE)
    UNION
    SELECT s.successor_id,
           CASE WHEN h.passed_on IS NULL OR s.effective_date > h.passed_on
                THEN s.effective_date ELSE h.passed_on END
    FROM {table} s JOIN heirs h ON s.predecessor_id = h.authority_id
    WHERE s.successor_id <> %s
)
"""


def runners_of_year_subquery(authority_id: int, year: int) -> RawSQL:
    """The ids of the authorities that run ``year`` of ``authority_id``: itself, and every
    authority whose lineage includes it and whose work passed on by the end of ``year`` (the
    reverse of ``Lineage.manages_year``), as a subquery."""
    table = connection.ops.quote_name(AuthoritySuccession._meta.db_table)
    head = _HEIRS_CTE.format(table=table)
    sql = head + "SELECT authority_id FROM heirs WHERE passed_on IS NULL OR passed_on <= %s"  # noqa: S608 -- table name from the model, values bound
    return RawSQL(sql, (authority_id, authority_id, dt.date(year, 12, 31)))  # noqa: S611


def successors_of(authority: Authority) -> list[AuthoritySuccession]:
    return list(
        authority.successor_links.select_related("successor").order_by("effective_date", "pk")
    )


def predecessors_of(authority: Authority) -> list[AuthoritySuccession]:
    return list(
        authority.predecessor_links.select_related("predecessor").order_by("effective_date", "pk")
    )


_CACHE_ATTR = "_authority_lineage_cache"


def lineage_of_user(user: Any) -> Lineage | None:
    """``authority_lineage`` of the user's authority (``None`` without one), kept on the user
    object: the predicates of a page ask it many times, the database once per request."""
    authority_id = getattr(user, "authority_id", None)
    if authority_id is None:
        return None
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None or cached.authority_id != authority_id:
        cached = authority_lineage(authority_id)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_lineage(user: Any) -> None:
    """Drop the cached lineage (after a succession was recorded in the same request)."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
