"""Units and cluster years under /api/v1/ (registered by thidua.api_urls)."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from thidua.clusters.api import ClusterYearViewSet, OrganizationViewSet


def register(router: DefaultRouter) -> None:
    router.register("organizations", OrganizationViewSet, basename="organization")
    router.register("cluster-years", ClusterYearViewSet, basename="cluster-year")
