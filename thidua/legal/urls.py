from __future__ import annotations

from django.urls import path

from thidua.legal import views

app_name = "legal"
urlpatterns = [path("", views.rule_sets, name="rule_sets")]
