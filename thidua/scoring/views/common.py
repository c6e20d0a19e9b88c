"""Loading objects below the cluster year for the scoring views (404 outside the user's scope)
and what every scoring page's sub-navigation needs. The cluster year itself comes from
``clusters.selectors.cluster_year_or_404`` with ``selectors.scoring_cluster_years`` (its round,
verifiers and members loaded for the permission predicates)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from thidua.clusters.models import ClusterYear
from thidua.core.http import AuthedRequest
from thidua.organizations.models import Organization
from thidua.scoring import selectors
from thidua.scoring.excel import XLSX_TYPE
from thidua.scoring.models import ScoreSheet


def member_or_404(cluster_year: ClusterYear, org_code: str) -> Organization:
    for membership in cluster_year.memberships.all():
        if membership.organization.code == org_code:
            return membership.organization
    raise Http404


def own_member_unit(cluster_year: ClusterYear, user: Any) -> Organization | None:
    """The user's unit when it is a member of the year (no query)."""
    if not user.organization_id:
        return None
    return next(
        (
            m.organization
            for m in cluster_year.memberships.all()
            if m.organization_id == user.organization_id
        ),
        None,
    )


def load_sheet(request: AuthedRequest, cluster_year: ClusterYear, org_code: str) -> ScoreSheet:
    """A unit's sheet; 404 when the user may not see it (e.g. another unit before results)."""
    organization = member_or_404(cluster_year, org_code)
    sheet = selectors.sheet_for(cluster_year, organization)
    if not request.user.has_perm("scoring.view_sheet", sheet):
        raise Http404
    return sheet


def table_or_404(cluster_year: ClusterYear) -> selectors.CriteriaTable:
    """The year's adopted criteria table; 404 before a set is adopted."""
    table = selectors.adopted_table(cluster_year)
    if table is None:
        raise Http404
    return table


def back(cluster_year: ClusterYear, name: str = "scoring:overview", *args: Any) -> HttpResponse:
    return redirect(name, cluster_year.cluster.code, cluster_year.year, *args)


def nav_context(request: AuthedRequest, cluster_year: ClusterYear, active: str) -> dict[str, Any]:
    """What every scoring page's sub-navigation needs (no queries). Which links it shows is
    asked in ``scoring/base.html`` with the permissions of the pages they lead to."""
    return {
        "cy": cluster_year,
        "scoring_round": selectors.round_or_none(cluster_year),
        "active": active,
        "own_unit": own_member_unit(cluster_year, request.user),
    }


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
