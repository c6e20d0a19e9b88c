from __future__ import annotations

from django.urls import path

from thidua.eligibility import views

app_name = "eligibility"

urlpatterns = [
    path("", views.check_page, name="check"),
]
