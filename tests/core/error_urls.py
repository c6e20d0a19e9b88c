"""The project's URLs plus views that fail, to see the error pages as users would."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path

from thidua.urls import handler500
from thidua.urls import urlpatterns as project_urlpatterns


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("Đã quá hạn chót nộp bảng điểm (31/03/2025).")


urlpatterns = [
    *project_urlpatterns,
    path("test-errors/boom/", boom),
    path("test-errors/forbidden/", forbidden),
]

__all__ = ["handler500", "urlpatterns"]
