from __future__ import annotations

from django.urls import path

from thidua.people import entry_views, views

app_name = "people"

urlpatterns = [
    path("units/<int:pk>/", views.unit_people, name="unit"),
    path("<str:code>/", views.person_detail, name="detail"),
    path("<str:code>/rating/", entry_views.record_rating, name="rating"),
    path("<str:code>/rating/<int:year>/", entry_views.change_rating, name="rating_change"),
    path("<str:code>/employment/", entry_views.transfer, name="transfer"),
    path("<str:code>/discipline/", entry_views.record_discipline, name="discipline"),
    path("<str:code>/initiative/", entry_views.record_initiative, name="initiative"),
]
