from __future__ import annotations

from django.urls import path

from thidua.clusters import authority_views as views

# The authority pages (/authorities/): the registry is the organizations app, the scope the
# clusters (see ``authority_views``).
app_name = "authorities"
urlpatterns = [
    path("", views.authority_list_page, name="list"),
    path("new/", views.authority_create, name="create"),
    path("<int:pk>/", views.authority_detail, name="detail"),
    path("<int:pk>/edit/", views.authority_edit, name="edit"),
    path("<int:pk>/successor/", views.authority_succession, name="succession"),
]
