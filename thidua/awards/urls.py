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
