"""Loading objects for the scoring views: 404 outside the user's scope, 403 when visible but
not allowed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from thidua.clusters.models import ClusterYear
from thidua.core.http import AuthedRequest, get_object_for_user_or_404
from thidua.organizations.models import Organization
from thidua.scoring import selectors
from thidua.scoring.models import ScoreSheet


def load_cluster_year(request: AuthedRequest, code: str, year: int) -> ClusterYear:
    return get_object_for_user_or_404(
        selectors.scoring_cluster_years(request.user), cluster__code=code, year=year
    )


def member_or_404(cluster_year: ClusterYear, org_code: str) -> Organization:
    for membership in cluster_year.memberships.all():
        if membership.organization.code == org_code:
            return membership.organization
    raise Http404


def load_sheet(request: AuthedRequest, cluster_year: ClusterYear, org_code: str) -> ScoreSheet:
    """A unit's sheet; 404 when the user may not see it (e.g. another unit before results)."""
    organization = member_or_404(cluster_year, org_code)
    sheet = selectors.sheet_for(cluster_year, organization)
    if not request.user.has_perm("scoring.view_sheet", sheet):
        raise Http404
    return sheet


def require(request: AuthedRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def fail(request: AuthedRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def back(cluster_year: ClusterYear, name: str = "scoring:overview", *args: Any) -> HttpResponse:
    return redirect(name, cluster_year.cluster.code, cluster_year.year, *args)


def nav_context(request: AuthedRequest, cluster_year: ClusterYear, active: str) -> dict[str, Any]:
    """What every scoring page's sub-navigation needs (no queries)."""
    user = request.user
    scoring_round = selectors.round_or_none(cluster_year)
    own = None
    if user.organization_id:
        own = next(
            (
                m.organization
                for m in cluster_year.memberships.all()
                if m.organization_id == user.organization_id
            ),
            None,
        )
    return {
        "cy": cluster_year,
        "scoring_round": scoring_round,
        "active": active,
        "own_unit": own,
        "can_manage": user.has_perm("scoring.manage_round", cluster_year),
        "can_view_ranking": user.has_perm("scoring.view_ranking", cluster_year),
        "can_cross": user.has_perm("scoring.cross_score", cluster_year)
        or (
            user.has_perm("scoring.view_cross_matrix", cluster_year)
            and scoring_round is not None
            and scoring_round.verification_mode == "cross"
        ),
    }
