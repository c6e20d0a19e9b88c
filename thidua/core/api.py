"""API plumbing shared by every app: services' refusals become HTTP answers in one place.

Services raise Django's ``PermissionDenied`` (the person may not do this, or not in this state or
after this deadline) and ``ValidationError`` (bad input). The API views call services directly;
this handler answers 403 and 400 with the service's own message and code, so no app keeps a list
of which error codes mean "forbidden".
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework import status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from thidua.core.numbers import parse_int


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, PermissionDenied) and str(exc):
        return Response({"detail": str(exc), "code": "permission_denied"}, status=403)
    if isinstance(exc, ValidationError):
        codes = [e.code for e in exc.error_list] if hasattr(exc, "error_list") else []
        body: dict[str, Any] = {
            "detail": " ".join(exc.messages),
            "code": codes[0] if codes else None,
        }
        if hasattr(exc, "error_dict"):
            body["errors"] = {
                k: [m for e in v for m in e.messages] for k, v in exc.error_dict.items()
            }
            body["code"] = next(
                (e.code for v in exc.error_dict.values() for e in v if e.code), None
            )
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)


class BoundedPagination(LimitOffsetPagination):
    """``?limit=`` at most ``max_limit`` and ``?offset=`` read strictly: a huge or odd value is
    the default or the maximum, never a database overflow (a 500)."""

    default_limit = 50
    max_limit = 500
    max_offset = 10**9

    def get_limit(self, request: Any) -> int:
        raw = request.query_params.get(self.limit_query_param)
        value = parse_int(raw, minimum=1) if raw is not None else None
        return min(value, self.max_limit) if value is not None else self.default_limit

    def get_offset(self, request: Any) -> int:
        value = parse_int(request.query_params.get(self.offset_query_param))
        return min(value, self.max_offset) if value is not None else 0
