"""What the views of the start of the year share: the cluster-year loader and the two ways a
page asks an action's permission."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_detail
from thidua.core.http import AuthedRequest, get_object_for_user_or_404
from thidua.core.permissions import Action
from thidua.core.web import Outcome


def cluster_year_for(request: AuthedRequest, code: str, year: int) -> ClusterYear:
    """The cluster year with its members, or 404 when the user does not see it."""
    return get_object_for_user_or_404(
        cluster_year_detail(request.user), cluster__code=code, year=year
    )


def require_person(request: AuthedRequest, declared: Action, obj: Any) -> None:
    """403 (with the reason) when the user is not someone who may ever take this action on
    ``obj``. A refusal because of the object's state or a deadline is the service's: the page
    shows its reason as a message (``core.web.run_service``) and nothing is written."""
    if not declared.who.test(request.user, obj):
        raise PermissionDenied(declared.denial(request.user, obj))


def refusal(user: Any, declared: Action, obj: Any) -> str | None:
    """Why someone who may take this action on ``obj`` cannot now (state, deadline), for a page
    to explain the missing button; ``None`` when they can, or when it is not theirs to take."""
    if obj is None or not declared.who.test(user, obj):
        return None
    return declared.denial(user, obj)


def reported(
    request: AuthedRequest, outcome: Outcome[Any], success: str, response: HttpResponse
) -> HttpResponse:
    """After ``run_service(..., flash=True)``: the success message, then ``response``."""
    if outcome.ok:
        messages.success(request, success)
    return response
