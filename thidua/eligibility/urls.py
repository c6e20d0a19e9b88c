from __future__ import annotations

from django.urls import path

from thidua.eligibility import batch_views, views

app_name = "eligibility"

urlpatterns = [
    path("", views.check_page, name="check"),
    path("batches/", batch_views.batch_list, name="batches"),
    path("batches/new/", batch_views.batch_new, name="batch_new"),
    path("batches/template.<str:fmt>", batch_views.batch_template, name="batch_template"),
    path("batches/<uuid:uuid>/", batch_views.batch_detail, name="batch"),
    path("batches/<uuid:uuid>/progress/", batch_views.batch_progress, name="batch_progress"),
    path("batches/<uuid:uuid>/cancel/", batch_views.batch_cancel, name="batch_cancel"),
    path(
        "batches/<uuid:uuid>/results.<str:fmt>",
        batch_views.batch_download,
        name="batch_download",
    ),
]
