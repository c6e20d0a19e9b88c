"""Object access for views: one accessor, 404 when the user may not see the object."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

if TYPE_CHECKING:
    from thidua.accounts.models import User

M = TypeVar("M", bound=Model)


class AuthedRequest(HttpRequest):
    """The request of a view behind ``login_required``: ``user`` is a real ``User``."""

    user: User  # narrower than HttpRequest.user, on purpose


def get_object_for_user_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """Fetch from an already user-scoped queryset; missing and forbidden look the same (404)."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as exc:  # type: ignore[attr-defined]
        raise Http404 from exc


def is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))
