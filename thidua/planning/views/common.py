"""Helpers shared by the planning views: scoped loading (404), permission (403), messages, files."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_detail
from thidua.core.http import AuthedRequest, get_object_for_user_or_404


def load_cluster_year(request: AuthedRequest, code: str, year: int) -> ClusterYear:
    """The cluster year if the user may see it; otherwise 404 (same as a missing one)."""
    return get_object_for_user_or_404(
        cluster_year_detail(request.user), cluster__code=code, year=year
    )


def require(request: AuthedRequest, perm: str, obj: Any) -> None:
    """403 when the user sees the object but may not do this."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def report_errors(request: AuthedRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def form_errors(request: AuthedRequest, form: Any) -> None:
    """Flash the field errors of an invalid form with the field's label (for redirects)."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else str(error))
