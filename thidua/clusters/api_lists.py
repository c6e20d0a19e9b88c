"""The bodies of the read-only API lists (``GET /api/v1/organizations/``, ``/clusters/``,
``/cluster-years/``) built from ``.values()`` rows instead of model instances and serializers.

The JSON is the serializers' one, field for field and in the same order (``OrganizationSerializer``,
``ClusterSerializer``, ``ClusterYearSerializer`` still answer a single object and the writes;
``tests/clusters/test_api_lists.py`` compares both on the same rows). A page of 50 cluster years
with ~11 members each made ~1,900 model instances and ~11,000 serializer field calls per request
(issue 13); here one query reads the page's columns and one its nested rows, into plain dicts.

Each ``*_page_values`` is what the paginator cuts (only the columns the rows show, joins included;
counted without those joins); each ``*_rows`` turns the cut page into the JSON rows, with at most one more query.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db.models import QuerySet

from thidua.clusters.enums import ClusterKind, HeadsStatus
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear
from thidua.core.api import CountedRows
from thidua.organizations.enums import OrganizationKind
from thidua.organizations.models import Organization

Row = dict[str, Any]


def _date(value: dt.date | None) -> str | None:
    """A date as DRF's ``DateField`` writes it (ISO 8601)."""
    return value.isoformat() if value is not None else None


def _labels(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """Value → label in the active language (``get_FOO_display`` once per request, not per row)."""
    return {value: str(label) for value, label in choices}


# ------------------------------------------------------------------------------ units


ORGANIZATION_COLUMNS = (
    "id",
    "code",
    "name",
    "short_name",
    "kind",
    "parent_id",
    "authority_id",
    "province",
    "valid_from",
    "valid_to",
    "authority__name",
    "authority__short_name",
)


def organization_page_values(qs: QuerySet[Organization]) -> CountedRows:
    return CountedRows(qs, qs.values(*ORGANIZATION_COLUMNS))


def organization_rows(page: Sequence[Mapping[str, Any]]) -> list[Row]:
    kinds = _labels(OrganizationKind.choices)
    rows = []
    for r in page:
        # ``Organization.label``: the province, else the authority (its short name, else name)
        place = r["province"] or (
            (r["authority__short_name"] or r["authority__name"]) if r["authority_id"] else ""
        )
        name, code = r["name"], r["code"]
        rows.append(
            {
                "id": r["id"],
                "code": code,
                "name": name,
                "label": f"{name} — {code} · {place}" if place else f"{name} — {code}",
                "short_name": r["short_name"],
                "kind": r["kind"],
                "kind_label": kinds.get(r["kind"], r["kind"]),
                "parent": r["parent_id"],
                "authority": r["authority_id"],
                "province": r["province"],
                "valid_from": _date(r["valid_from"]),
                "valid_to": _date(r["valid_to"]),
            }
        )
    return rows


# ------------------------------------------------------------------------------ clusters


CLUSTER_COLUMNS = ("id", "code", "name", "kind", "number", "authority_id", "description")


def cluster_page_values(qs: QuerySet[Cluster]) -> CountedRows:
    return CountedRows(qs, qs.values(*CLUSTER_COLUMNS))


def cluster_rows(page: Sequence[Mapping[str, Any]], visible: QuerySet[ClusterYear]) -> list[Row]:
    """``visible``: the person's cluster years (each cluster lists only those, by year)."""
    kinds = _labels(ClusterKind.choices)
    years: dict[int, list[Row]] = defaultdict(list)
    if page:
        in_page = visible.filter(cluster_id__in=[r["id"] for r in page]).order_by("year")
        for cluster_id, pk, year in in_page.values_list("cluster_id", "id", "year"):
            years[cluster_id].append({"id": pk, "year": year})
    return [
        {
            "id": r["id"],
            "code": r["code"],
            "name": r["name"],
            "kind": r["kind"],
            "kind_label": kinds.get(r["kind"], r["kind"]),
            "number": r["number"],
            "authority": r["authority_id"],
            "description": r["description"],
            "years": years.get(r["id"], []),
        }
        for r in page
    ]


# ------------------------------------------------------------------------------ cluster years


CLUSTER_YEAR_COLUMNS = (
    "id",
    "cluster__code",
    "cluster__name",
    "cluster__kind",
    "cluster__authority__code",
    "year",
    "theme",
    "head_id",
    "head__code",
    "deputy_id",
    "deputy__code",
    "heads_status",
    "head_decision_ref",
    "head_decision_date",
)


def cluster_year_page_values(qs: QuerySet[ClusterYear]) -> CountedRows:
    return CountedRows(qs, qs.values(*CLUSTER_YEAR_COLUMNS))


def _heads_status(r: Mapping[str, Any]) -> str:
    """``ClusterYear.effective_heads_status`` on a row."""
    if r["head_id"] or r["deputy_id"]:
        return HeadsStatus.CHOSEN.value
    return str(r["heads_status"] or HeadsStatus.NOT_CHOSEN_YET.value)


def cluster_year_rows(page: Sequence[Mapping[str, Any]]) -> list[Row]:
    """The page's cluster years with their members in Vietnamese order (one query)."""
    members: dict[int, list[Row]] = defaultdict(list)
    if page:
        in_page = (
            ClusterMembership.objects.filter(cluster_year_id__in=[r["id"] for r in page])
            .order_by("organization__sort_key", "organization_id")
            .values_list(
                "cluster_year_id", "organization_id", "organization__code", "organization__name"
            )
        )
        for cluster_year_id, pk, code, name in in_page:
            members[cluster_year_id].append({"id": pk, "code": code, "name": name})
    return [
        {
            "id": r["id"],
            "cluster_code": r["cluster__code"],
            "cluster_name": r["cluster__name"],
            "kind": r["cluster__kind"],
            "authority": r["cluster__authority__code"],
            "year": r["year"],
            "theme": r["theme"],
            "head": r["head__code"],
            "deputy": r["deputy__code"],
            "heads_status": _heads_status(r),
            "head_decision_ref": r["head_decision_ref"],
            "head_decision_date": _date(r["head_decision_date"]),
            "members": members.get(r["id"], []),
        }
        for r in page
    ]
