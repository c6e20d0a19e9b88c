from __future__ import annotations

from django.urls import path

from thidua.restructuring import views

app_name = "restructuring"

urlpatterns = [
    path("", views.restructuring_list, name="list"),
    path("<int:pk>/", views.restructuring_detail, name="detail"),
    path("new/", views.wizard, name="new"),
    path("new/<slug:kind>/", views.wizard, name="wizard"),
    path("units/", views.unit_search, name="unit_search"),
    path("import/", views.import_page, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
]
