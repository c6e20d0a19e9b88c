from __future__ import annotations

from django.urls import path

from thidua.planning.views import drives, movements, on_behalf, plans

app_name = "planning"

_year = "<str:code>/<int:year>/"
_version = _year + "plans/<str:kind>/<int:number>/"
_drive = _year + "drives/<int:number>/"

urlpatterns = [
    path("movements/", movements.movements, name="movements"),
    path("movements/new/", movements.movement_new, name="movement_new"),
    path("movements/<int:pk>/", movements.movement, name="movement"),
    path("movements/<int:pk>/edit/", movements.movement_edit, name="movement_edit"),
    path("movements/<int:pk>/document/", movements.movement_document, name="movement_document"),
    path(_year + "plans/", plans.plans, name="plans"),
    path(_year + "plans/<str:kind>/", plans.plan_document, name="plan_document"),
    path(_year + "plans/<str:kind>/new/", plans.plan_draft, name="plan_draft"),
    path(_version, plans.plan_version, name="plan_version"),
    path(_version + "edit/", plans.plan_edit, name="plan_edit"),
    path(_version + "adopt/", plans.plan_adopt, name="plan_adopt"),
    path(
        _version + "correct-adoption/",
        plans.plan_correct_adoption,
        name="plan_correct_adoption",
    ),
    path(_version + "comments/", plans.plan_comment, name="plan_comment"),
    path(_version + "files/<int:pk>/", plans.plan_attachment, name="plan_attachment"),
    path(_year + "drives/", drives.drives, name="drives"),
    path(_year + "drives/new/", drives.drive_new, name="drive_new"),
    path(_drive, drives.drive, name="drive"),
    path(
        _drive + "report-on-behalf/",
        on_behalf.drive_report_on_behalf,
        name="drive_report_on_behalf",
    ),
    path(_drive + "edit/", drives.drive_edit, name="drive_edit"),
    path(_drive + "report/", drives.drive_report, name="drive_report"),
    path(_drive + "reopen/", drives.drive_reopen, name="drive_reopen"),
    path(_drive + "files/<int:pk>/", drives.drive_evidence, name="drive_evidence"),
]
