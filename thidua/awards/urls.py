from __future__ import annotations

from django.urls import path

from thidua.awards import views

app_name = "awards"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/new/", views.new_award_type, name="new_award_type"),
    path("registry/", views.registry, name="registry"),
]

# The history import (issue 10 item 5)
from thidua.awards import import_views  # noqa: E402

urlpatterns += [
    path("import/", import_views.import_history, name="import_history"),
    path("import/template.<str:fmt>", import_views.import_template, name="import_history_template"),
]
