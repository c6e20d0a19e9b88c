from __future__ import annotations

from django.urls import path

from thidua.awards import views

app_name = "awards"
urlpatterns = [path("", views.catalogue, name="catalogue")]
