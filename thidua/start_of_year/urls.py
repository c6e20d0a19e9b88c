from __future__ import annotations

from django.urls import path

from thidua.start_of_year.enums import ExportKind
from thidua.start_of_year.views import (
    deadlines,
    export_jobs,
    on_behalf,
    paper,
    pledge,
    registrations,
    reports,
)

app_name = "start_of_year"

CY = "<str:code>/<int:year>/"
REG = CY + "registrations/<str:org_code>/"

urlpatterns = [
    path("rollup/", reports.rollup_page, name="rollup"),
    path("rollup.xlsx", reports.rollup_page, {"fmt": "xlsx"}, name="rollup_xlsx"),
    path("follow-up/", reports.follow_up_all, name="follow_up_all"),
    path("follow-up.xlsx", reports.follow_up_all, {"fmt": "xlsx"}, name="follow_up_all_xlsx"),
    path("follow-up.csv", reports.follow_up_all, {"fmt": "csv"}, name="follow_up_all_csv"),
    path("evidence/<int:pk>/", reports.evidence_download, name="evidence"),
    # background exports (the roll-up, the follow-up list of a year)
    path(
        "rollup/export/",
        export_jobs.export_queue,
        {"kind": ExportKind.ROLLUP},
        name="rollup_export",
    ),
    path(
        "follow-up/export/",
        export_jobs.export_queue,
        {"kind": ExportKind.FOLLOW_UP},
        name="follow_up_export",
    ),
    path("exports/", export_jobs.export_list, name="exports"),
    path("exports/<uuid:uuid>/", export_jobs.export_detail, name="export"),
    path("exports/<uuid:uuid>/progress/", export_jobs.export_progress, name="export_progress"),
    path("exports/<uuid:uuid>/file/", export_jobs.export_download, name="export_download"),
    # the pledge
    path(CY + "pledge/", pledge.pledge_page, name="pledge"),
    path(CY + "pledge/edit/", pledge.pledge_edit, name="pledge_edit"),
    path(CY + "pledge/create/", pledge.pledge_create, name="pledge_create"),
    path(CY + "pledge/header/", pledge.pledge_header, name="pledge_header"),
    path(CY + "pledge/items/add/", pledge.pledge_item_add, name="pledge_item_add"),
    path(CY + "pledge/items/<int:number>/edit/", pledge.pledge_item_edit, name="pledge_item_edit"),
    path(
        CY + "pledge/items/<int:number>/delete/",
        pledge.pledge_item_delete,
        name="pledge_item_delete",
    ),
    path(
        CY + "pledge/items/<int:number>/targets/add/",
        pledge.pledge_target_add,
        name="pledge_target_add",
    ),
    path(
        CY + "pledge/targets/<int:pk>/delete/",
        pledge.pledge_target_delete,
        name="pledge_target_delete",
    ),
    path(CY + "pledge/open/", pledge.pledge_open, name="pledge_open"),
    path(CY + "pledge/sign/", pledge.pledge_sign, name="pledge_sign"),
    path(CY + "pledge/paper/", paper.pledge_paper, name="pledge_paper"),
    path(
        CY + "pledge/sign-on-behalf/",
        on_behalf.pledge_sign_on_behalf,
        name="pledge_sign_on_behalf",
    ),
    # registrations
    path(CY + "registrations/", registrations.registration_list, name="registrations"),
    path(REG, registrations.registration_detail, name="registration"),
    path(REG + "save/", registrations.registration_save, name="registration_save"),
    path(REG + "on-behalf/", on_behalf.registration_on_behalf, name="registration_on_behalf"),
    path(REG + "<str:kind>/add/", registrations.item_add, name="item_add"),
    path(REG + "<str:kind>/<int:pk>/edit/", registrations.item_edit, name="item_edit"),
    path(REG + "<str:kind>/<int:pk>/delete/", registrations.item_delete, name="item_delete"),
    path(REG + "<str:kind>/<int:pk>/progress/", registrations.item_progress, name="item_progress"),
    path(
        REG + "do/<str:action>/",
        registrations.registration_transition,
        name="registration_transition",
    ),
    # deadlines, settings, follow-up
    path(CY + "deadlines/", deadlines.deadlines_page, name="deadlines"),
    path(CY + "deadlines/set/", deadlines.deadline_set, name="deadline_set"),
    path(CY + "deadlines/reopen/", deadlines.deadline_reopen, name="deadline_reopen"),
    path(CY + "settings/", deadlines.settings_save, name="settings"),
    path(CY + "follow-up/", reports.follow_up, name="follow_up"),
    path(CY + "follow-up.xlsx", reports.follow_up, {"fmt": "xlsx"}, name="follow_up_xlsx"),
    path(CY + "follow-up.csv", reports.follow_up, {"fmt": "csv"}, name="follow_up_csv"),
]
