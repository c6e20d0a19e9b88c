from __future__ import annotations

from django.urls import path

from thidua.people import views

app_name = "people"

urlpatterns = [
    path("units/<int:pk>/", views.unit_people, name="unit"),
    path("<str:code>/", views.person_detail, name="detail"),
    path("<str:code>/rating/", views.record_rating, name="rating"),
]
