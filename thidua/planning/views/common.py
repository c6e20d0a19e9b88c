"""Helpers shared by the planning views: scoped loading (404), permission (403), messages, files."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

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


def serve_file(field_file: FieldFile, download_name: str) -> FileResponse:
    """Send a stored file as a download; media are never served directly."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(download_name)[0] or "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=download_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
