"""Object access for views: one accessor, 404 when the user may not see the object."""

from __future__ import annotations

import ipaddress
import mimetypes
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db.models import Model, QuerySet
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest

if TYPE_CHECKING:
    from thidua.accounts.models import User

M = TypeVar("M", bound=Model)


class AuthedRequest(HttpRequest):
    """The request of a view behind ``login_required``: ``user`` is a real ``User``."""

    user: User  # narrower than HttpRequest.user, on purpose


def client_ip(request: HttpRequest) -> str | None:
    """The address of the person making the request. The one place that decides it (login
    throttling, "my sessions", the audit trail, voting cards).

    Directly served: ``REMOTE_ADDR``. Behind ``THIDUA_PROXY_COUNT`` trusted reverse proxies
    (``THIDUA_BEHIND_PROXY``): the address the outermost of them appended to ``X-Forwarded-For``,
    counted from the right, because everything further left was written by the client and can be
    forged. A missing, short or malformed header gives ``REMOTE_ADDR`` (the proxy) instead.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    if not settings.THIDUA_BEHIND_PROXY:
        return remote
    hops = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(hops) < settings.THIDUA_PROXY_COUNT:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-settings.THIDUA_PROXY_COUNT]))
    except ValueError:
        return remote


def get_object_for_user_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """Fetch from an already user-scoped queryset; missing and forbidden look the same (404)."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:  # type: ignore[attr-defined]
        raise Http404 from exc


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def serve_stored_file(field_file: FieldFile, download_name: str) -> FileResponse:
    """Send an uploaded file (attachment, evidence) as a download, after the caller checked scope.

    Media are never served directly; a missing or unreadable file is a 404.
    """
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, SuspiciousFileOperation) as exc:
        raise Http404 from exc
    content_type = mimetypes.guess_type(download_name)[0] or "application/octet-stream"
    response = FileResponse(
        handle, as_attachment=True, filename=download_name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
