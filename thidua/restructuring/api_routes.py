"""Restructurings under /api/v1/ (registered by thidua.api_urls)."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from thidua.restructuring.api import RestructuringViewSet


def register(router: DefaultRouter) -> None:
    router.register("restructurings", RestructuringViewSet, basename="restructuring")
