"""The REST API (v1); the schema is at /api/schema/.

Each app registers its viewsets in its ``api_routes.py``; every app is listed here, explicitly.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from thidua.accounts import api_routes as accounts_routes
from thidua.awards import api_routes as awards_routes
from thidua.clusters import api_routes as clusters_routes
from thidua.eligibility import api_routes as eligibility_routes
from thidua.legal import api_routes as legal_routes
from thidua.notifications import api_routes as notifications_routes
from thidua.planning import api_routes as planning_routes
from thidua.restructuring import api_routes as restructuring_routes
from thidua.scoring import api_routes as scoring_routes
from thidua.start_of_year import api_routes as start_of_year_routes
from thidua.voting import api_routes as voting_routes

router = DefaultRouter()
accounts_routes.register(router)
clusters_routes.register(router)
awards_routes.register(router)
planning_routes.register(router)
start_of_year_routes.register(router)
scoring_routes.register(router)
voting_routes.register(router)
restructuring_routes.register(router)
notifications_routes.register(router)
legal_routes.register(router)
eligibility_routes.register(router)

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Behind login like the schema; the split view loads its script from /api/docs/?script=
    # instead of an inline <script>, which the Content-Security-Policy would block.
    path(
        "docs/",
        login_required(
            SpectacularSwaggerSplitView.as_view(
                url_name="api-schema", template_name="core/api_docs.html"
            )
        ),
        name="api-docs",
    ),
]
