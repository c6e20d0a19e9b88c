"""What the planning views share beyond ``core.web``: the cluster year they hang from, and the
difference between "not you" (403) and "not now" (the reason, shown on the page)."""

from __future__ import annotations

from typing import Any

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_detail
from thidua.core.http import AuthedRequest, get_object_for_user_or_404
from thidua.core.permissions import ACTIONS
from thidua.core.web import require


def load_cluster_year(request: AuthedRequest, code: str, year: int) -> ClusterYear:
    """The cluster year if the user may see it; otherwise 404 (same as a missing one)."""
    return get_object_for_user_or_404(
        cluster_year_detail(request.user), cluster__code=code, year=year
    )


def require_person(request: AuthedRequest, perm: str, obj: Any) -> None:
    """403 (with the reason) when the user is not among the people who may ever do this to
    ``obj``. A refusal by the object's state (adopted, deadline passed) is left to the page and
    the service, which show its reason where the person is working."""
    if not ACTIONS[perm].who.test(request.user, obj):
        require(request, perm, obj)
