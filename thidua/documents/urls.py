from __future__ import annotations

from django.urls import path

from thidua.documents import views

app_name = "documents"
urlpatterns = [
    path("<str:code>/<int:year>/", views.cluster_year_documents, name="cluster_year"),
    path("<slug:slug>/<str:code>/<int:year>.<str:fmt>", views.download, name="download"),
    path("<str:code>/<int:year>/<slug:slug>/issue/", views.issue, name="issue"),
]
