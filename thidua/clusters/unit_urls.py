from __future__ import annotations

from django.urls import path

from thidua.clusters import unit_views as views

# The unit pages keep their own namespace and address (/organizations/).
app_name = "organizations"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("search/", views.organization_search, name="search"),
    path("new/", views.organization_create, name="create"),
    path("<int:pk>/", views.organization_detail, name="detail"),
    path("<int:pk>/edit/", views.organization_edit, name="edit"),
]
