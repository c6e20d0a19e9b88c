from __future__ import annotations

from django.urls import path

from thidua.clusters import imports_views, next_year_views, views

app_name = "clusters"
urlpatterns = [
    path("", views.cluster_list, name="list"),
    path("new/", views.cluster_create, name="create"),
    path("import/", imports_views.import_units, name="import"),
    path("import/template.<str:fmt>", imports_views.import_template, name="import_template"),
    path("<str:code>/", views.cluster_latest, name="latest"),
    path("<str:code>/<int:year>/", views.cluster_year_page, name="year"),
    path("<str:code>/<int:year>/heads/", views.set_heads, name="set_heads"),
    path("<str:code>/<int:year>/theme/", views.set_theme, name="set_theme"),
    path("<str:code>/<int:year>/members/add/", views.add_member, name="add_member"),
    path("<str:code>/<int:year>/members/remove/", views.remove_member, name="remove_member"),
    path("<str:code>/<int:year>/next-year/", next_year_views.open_next_year, name="open_next_year"),
    path(
        "<str:code>/<int:year>/past-heads/",
        next_year_views.record_past_heads,
        name="record_past_heads",
    ),
]
