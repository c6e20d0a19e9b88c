"""Scoring on a unit's page: the approved results (total, rank, classification) of the unit and
of its predecessors, year by year (``clusters.unit_sections``). Results that are not approved
yet are not shown here: they are not final and not published."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from thidua.clusters.unit_sections import HistoryRow, Lineage, UnitHistory
from thidua.scoring.enums import RoundStatus
from thidua.scoring.models import ResultRow

if TYPE_CHECKING:
    from thidua.organizations.models import Organization


def results_section(
    request: HttpRequest, organization: Organization, lineage: Lineage
) -> UnitHistory | None:
    """Approved results of the lineage in the years the person sees (one query); hidden when
    there are none."""
    results = (
        ResultRow.objects.filter(
            organization_id__in=lineage.ids,
            scoring_round__status=RoundStatus.APPROVED,
            scoring_round__cluster_year_id__in=lineage.visible_years,
        )
        .select_related("scoring_round__cluster_year__cluster")
        .order_by(
            "-scoring_round__cluster_year__year",
            "scoring_round__cluster_year__cluster__sort_key",
            "organization_id",
        )
    )
    rows = [_row(r) for r in results]
    if not rows:
        return None
    return UnitHistory(title=_("Kết quả chấm điểm, xếp hạng qua các năm"), rows=rows)


def _row(result: ResultRow) -> HistoryRow:
    cy = result.scoring_round.cluster_year
    text = _("{total} điểm — hạng {rank}").format(
        total=number_format(result.total, decimal_pos=2), rank=result.rank
    )
    if result.classification:
        text = f"{text} — {result.classification}"
    return HistoryRow(
        year=cy.year,
        cluster=cy.cluster.name,
        cluster_url=reverse("clusters:year", args=[cy.cluster.code, cy.year]),
        text=text,
        url=reverse("scoring:ranking", args=[cy.cluster.code, cy.year]),
        organization_id=result.organization_id,
    )
