"""API plumbing shared by every app: services' refusals become HTTP answers in one place.

Services raise Django's ``PermissionDenied`` (the person may not do this, or not in this state or
after this deadline) and ``ValidationError`` (bad input). The API views call services directly;
this handler answers 403 and 400 with the service's own message and code, so no app keeps a list
of which error codes mean "forbidden".
"""

from __future__ import annotations

import json
from base64 import urlsafe_b64decode, urlsafe_b64encode
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _lazy
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination, LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import exception_handler as drf_exception_handler

from thidua.core.numbers import parse_int

if TYPE_CHECKING:  # rest_framework.generics imports the pagination setting, which is here
    from rest_framework.generics import GenericAPIView


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

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        if not isinstance(queryset, CountedRows):
            return super().paginate_queryset(queryset, request, view)
        # The page first: a page that is not full, or the first one, tells the count itself
        # (offset + its rows); only a full page, or an empty one after an offset, asks for it.
        self.request = request
        self.limit = self.get_limit(request)
        self.offset = self.get_offset(request)
        page = list(queryset[self.offset : self.offset + self.limit])
        if (page or self.offset == 0) and len(page) < self.limit:
            self.count = self.offset + len(page)
        else:
            self.count = queryset.count()
        if self.count > self.limit and self.template is not None:
            self.display_page_controls = True
        return page


class CountedRows:
    """What a list view hands its paginator when its rows are a ``.values()`` queryset with
    joined columns: the count is asked of ``counted`` (the plain queryset, no joins for columns
    that cannot change the number of rows), the slice of ``rows``. ``BoundedPagination`` cuts
    the page first and counts only when the page does not tell the count."""

    def __init__(self, counted: QuerySet[Any], rows: QuerySet[Any, dict[str, Any]]) -> None:
        self.counted = counted
        self.rows = rows

    def count(self) -> int:
        return self.counted.count()

    def __getitem__(self, page: slice) -> QuerySet[Any, dict[str, Any]]:
        return self.rows[page]


def page_of(view: GenericAPIView[Any], rows: CountedRows) -> list[dict[str, Any]]:
    """The rows of the page the request asks for, through the view's paginator."""
    page = view.paginate_queryset(rows)  # type: ignore[arg-type]  # counted and cut like a queryset
    return list(rows.rows) if page is None else page  # type: ignore[return-value]


class KeysetPagination(BasePagination):
    """``?cursor=``: each page continues after the last row the client saw (keyset pagination),
    so a deep page costs what the first one does: no ``OFFSET`` that reads and drops every row
    before it, and no count. The answer is ``{"next", "previous", "results"}`` (links, or null);
    ``?limit=`` as for limit/offset. The cursor is opaque: the values of ``ordering`` of the
    page's last (or first) row, in JSON, base64url.

    ``ordering``: (field, type) pairs, a leading ``-`` for descending; together unique, so no row
    is skipped or repeated, and the first one indexed, so the database starts where the cursor is.
    Rows are dicts (a ``.values()`` queryset, or ``CountedRows``) holding those fields.
    """

    cursor_query_param = "cursor"
    ordering: tuple[tuple[str, type[int] | type[str]], ...] = ()
    invalid_cursor_message = _lazy("Con trỏ phân trang (cursor) không hợp lệ.")

    def paginate_queryset(  # type: ignore[override]  # rows are dicts, CountedRows too
        self, queryset: Any, request: Request, view: Any = None
    ) -> list[dict[str, Any]]:
        rows: QuerySet[Any, dict[str, Any]] = getattr(queryset, "rows", queryset)
        self.request = request
        self.limit = BoundedPagination().get_limit(request)
        direction, values = self._decode(request.query_params.get(self.cursor_query_param))
        backward = direction == "before"
        order = [self._flip(f) if backward else f for f, _type in self.ordering]
        if values is not None:
            rows = rows.filter(self._beyond(values, backward=backward))
        found = list(rows.order_by(*order)[: self.limit + 1])
        more = len(found) > self.limit
        page = found[: self.limit]
        if backward:
            page.reverse()
        self.next_values = self._key(page[-1]) if page and (more or backward) else None
        self.previous_values = (
            self._key(page[0]) if page and values is not None and (more or not backward) else None
        )
        return page

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {
                "next": self._link("after", self.next_values),
                "previous": self._link("before", self.previous_values),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }

    # -- the cursor

    @staticmethod
    def _flip(field: str) -> str:
        return field[1:] if field.startswith("-") else f"-{field}"

    def _key(self, row: dict[str, Any]) -> list[Any]:
        return [row[f.lstrip("-")] for f, _type in self.ordering]

    def _beyond(self, values: list[Any], *, backward: bool) -> Q:
        """Rows after ``values`` in the ordering (before them when ``backward``): the first field
        bounded on its own too (``year <= 2025 AND (year < 2025 OR code > 'X')``), so the
        database reads its index from there."""
        names = [f.lstrip("-") for f, _type in self.ordering]
        ascending = [(not f.startswith("-")) != backward for f, _type in self.ordering]
        beyond = Q()
        for i, name in enumerate(names):
            step = Q(**dict(zip(names[:i], values[:i], strict=True)))
            step &= Q(**{f"{name}__{'gt' if ascending[i] else 'lt'}": values[i]})
            beyond |= step
        first = Q(**{f"{names[0]}__{'gte' if ascending[0] else 'lte'}": values[0]})
        return first & beyond

    def _link(self, direction: str, values: list[Any] | None) -> str | None:
        if values is None:
            return None
        token = json.dumps({direction: values}, ensure_ascii=False, separators=(",", ":"))
        encoded = urlsafe_b64encode(token.encode()).decode("ascii")
        url = remove_query_param(self.request.build_absolute_uri(), "offset")
        return replace_query_param(url, self.cursor_query_param, encoded)

    def _decode(self, raw: str | None) -> tuple[str, list[Any] | None]:
        if not raw:
            return "after", None
        try:
            token = json.loads(urlsafe_b64decode(raw.encode("ascii") + b"=" * (-len(raw) % 4)))
            ((direction, values),) = token.items()
        except (ValueError, TypeError, AttributeError, UnicodeError) as exc:
            raise NotFound(self.invalid_cursor_message) from exc
        types = [t for _f, t in self.ordering]
        if (
            direction not in ("after", "before")
            or not isinstance(values, list)
            or len(values) != len(types)
            or any(type(v) is not t for v, t in zip(values, types, strict=False))
        ):
            raise NotFound(self.invalid_cursor_message)
        return direction, values


class CursorOption:
    """Mixed into a viewset (before the DRF base): ``?cursor=`` pages its list with
    ``cursor_pagination_class`` (keyset), anything else with the default limit/offset."""

    cursor_pagination_class: type[KeysetPagination]

    @property
    def paginator(self) -> BasePagination:
        if not hasattr(self, "_paginator"):
            request = getattr(self, "request", None)
            cursor = request is not None and "cursor" in request.query_params
            self._paginator = self.cursor_pagination_class() if cursor else BoundedPagination()
        return self._paginator
