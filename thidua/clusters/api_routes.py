"""Units, cluster years and authorities under /api/v1/ (registered by thidua.api_urls)."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from thidua.clusters.api import ClusterYearViewSet, OrganizationViewSet
from thidua.clusters.authority_api import AuthorityViewSet


def register(router: DefaultRouter) -> None:
    router.register("organizations", OrganizationViewSet, basename="organization")
    router.register("cluster-years", ClusterYearViewSet, basename="cluster-year")
    router.register("authorities", AuthorityViewSet, basename="authority")
