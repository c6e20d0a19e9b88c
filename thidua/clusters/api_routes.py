"""Units, clusters, cluster years and authorities under /api/v1/ (registered by thidua.api_urls)."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from thidua.clusters.api import ClusterYearViewSet, OrganizationViewSet
from thidua.clusters.authority_api import AuthorityViewSet
from thidua.clusters.cluster_api import ClusterViewSet


def register(router: DefaultRouter) -> None:
    router.register("organizations", OrganizationViewSet, basename="organization")
    router.register("clusters", ClusterViewSet, basename="cluster")
    router.register("cluster-years", ClusterYearViewSet, basename="cluster-year")
    router.register("authorities", AuthorityViewSet, basename="authority")
