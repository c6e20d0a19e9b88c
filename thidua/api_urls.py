"""The REST API (v1). Each app contributes its viewsets here; the schema is at /api/schema/."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from thidua.clusters.api import ClusterYearViewSet
from thidua.organizations.api import OrganizationViewSet

router = DefaultRouter()
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("cluster-years", ClusterYearViewSet, basename="cluster-year")


def extend_router() -> None:
    """Apps of later issues register their viewsets in ``api_routes.py`` modules."""
    from importlib import import_module

    for app in ("awards", "planning", "start_of_year", "scoring", "documents"):
        try:
            module = import_module(f"thidua.{app}.api_routes")
        except ModuleNotFoundError:
            continue
        module.register(router)


extend_router()

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
