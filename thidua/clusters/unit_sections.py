"""Sections of a unit's page (/organizations/<pk>/): its history across its lineage — its own
years and its predecessors' (``organizations.Succession``, transitively) — contributed by the
apps that own each kind of row (clusters: the cluster years and the roles; the start of the
year: registrations; scoring: scores and ranks), without ``clusters`` importing them.

Each app registers its sections in its ``AppConfig.ready``::

    register_unit_section(UnitSection("scoring.results", 30, unit_history.results_section))

A builder takes the request, the unit and its :class:`Lineage` and returns a
:class:`UnitHistory` (or ``None`` to stay hidden). It reads the rows of every unit of the lineage
at once (``lineage.ids``) and only from the cluster years the person may see
(``lineage.visible_years``): a constant number of queries whatever the number of years or
predecessors. The page marks each row that is not the unit's own with its predecessor's name
(``lineage.marker``). A second section with the same slug fails when the project starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.clusters.selectors import cluster_years_for_user
from thidua.core.registry import Registry, page_order
from thidua.organizations.selectors import Forebear, forebears

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Organization, Succession


@dataclass(frozen=True)
class Lineage:
    """A unit and its predecessors, and the cluster years the person may see (a subquery)."""

    organization: Organization
    forebears: tuple[Forebear, ...]
    visible_years: QuerySet[ClusterYear]

    @property
    def ids(self) -> list[int]:
        return [self.organization.pk, *(f.organization.pk for f in self.forebears)]

    def marker(self, organization_id: int) -> str:
        """ "" for the unit itself, else "của <predecessor>, trước khi <event> <date>"."""
        for forebear in self.forebears:
            if forebear.organization.pk == organization_id:
                return forebear.marker
        return ""


def lineage_for(
    user: User, organization: Organization, earlier: list[Succession] | None = None
) -> Lineage:
    """The lineage of ``organization`` as ``user`` sees it (two queries: the predecessors; none
    with ``earlier``, the links of ``succession_chain`` the page has already)."""
    return Lineage(
        organization=organization,
        forebears=tuple(forebears(organization, earlier)),
        visible_years=cluster_years_for_user(user).values("pk"),  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class HistoryRow:
    """One row of a unit's history: a year of a cluster, what happened, whose it was."""

    year: int
    cluster: str
    text: str
    organization_id: int
    url: str = ""
    cluster_url: str = ""
    badge: str = ""  # a css class suffix for the text (head, deputy…), or ""
    detail: str = ""  # shown after the text, e.g. the authority


@dataclass(frozen=True)
class UnitHistory:
    """A section of the unit page: a title, rows (latest year first), what to say when empty."""

    title: str
    rows: Sequence[HistoryRow]
    empty: str = ""


@dataclass(frozen=True)
class ShownHistory:
    """A section as the page shows it: each row with its predecessor marker ("" for the unit)."""

    title: str
    empty: str
    marked: list[tuple[HistoryRow, str]]


class UnitSectionBuilder(Protocol):
    def __call__(
        self, request: HttpRequest, organization: Organization, lineage: Lineage, /
    ) -> UnitHistory | None: ...


@dataclass(frozen=True)
class UnitSection:
    slug: str  # "<app>.<what>", unique
    order: int  # smaller first
    build: UnitSectionBuilder


UNIT_SECTIONS: Registry[UnitSection] = Registry("unit-page sections", sort_key=page_order)


def register_unit_section(section: UnitSection) -> UnitSection:
    return UNIT_SECTIONS.add(section)


def unit_sections_for(request: HttpRequest, lineage: Lineage) -> list[ShownHistory]:
    """The sections that show for this person, in page order, each row with its marker."""
    shown = []
    for section in UNIT_SECTIONS:
        history = section.build(request, lineage.organization, lineage)
        if history is None:
            continue
        marked = [(row, lineage.marker(row.organization_id)) for row in history.rows]
        shown.append(ShownHistory(title=history.title, empty=history.empty, marked=marked))
    return shown


# ---------------------------------------------------------------- the clusters' own section


def memberships_section(
    request: HttpRequest, organization: Organization, lineage: Lineage
) -> UnitHistory:
    """The cluster years of the unit and its predecessors, and the role each had (one query)."""
    memberships = (
        ClusterMembership.objects.filter(
            organization_id__in=lineage.ids, cluster_year_id__in=lineage.visible_years
        )
        .select_related("cluster_year__cluster__authority")
        .order_by("-year", "cluster_year__cluster__sort_key", "organization_id")
    )
    rows = [_membership_row(m) for m in memberships]
    return UnitHistory(
        title=_("Tham gia cụm, khối thi đua qua các năm"),
        rows=rows,
        empty=_("Chưa tham gia cụm, khối nào."),
    )


def _membership_row(membership: ClusterMembership) -> HistoryRow:
    cy = membership.cluster_year
    if cy.head_id == membership.organization_id:
        text, badge = str(cy.head_label), "head"
    elif cy.deputy_id == membership.organization_id:
        text, badge = str(cy.deputy_label), "deputy"
    else:
        text, badge = _("Thành viên"), ""
    detail = str(cy.cluster.authority)
    if cy.heads_unknown:
        detail += " (" + _("trưởng, phó: không rõ, không có hồ sơ") + ")"
    return HistoryRow(
        year=cy.year,
        cluster=cy.cluster.name,
        cluster_url=reverse("clusters:year", args=[cy.cluster.code, cy.year]),
        text=text,
        detail=detail,
        organization_id=membership.organization_id,
        badge=badge,
    )
