"""The planning endpoints under /api/v1/ (registered by thidua.api_urls)."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from thidua.planning.api import (
    DriveViewSet,
    MovementViewSet,
    PlanDocumentViewSet,
    PlanVersionViewSet,
)


def register(router: DefaultRouter) -> None:
    router.register("movements", MovementViewSet, basename="movement")
    router.register("drives", DriveViewSet, basename="drive")
    router.register("plan-documents", PlanDocumentViewSet, basename="plan-document")
    router.register("plan-versions", PlanVersionViewSet, basename="plan-version")
