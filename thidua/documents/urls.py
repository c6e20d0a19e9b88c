from __future__ import annotations

from django.urls import path

from thidua.documents import views

app_name = "documents"
urlpatterns = [
    path("<slug:slug>/<str:code>/<int:year>.<str:fmt>", views.download, name="download"),
]
