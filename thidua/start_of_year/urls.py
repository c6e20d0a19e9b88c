from __future__ import annotations

from django.urls import path

from thidua.start_of_year import board_views, views

app_name = "start_of_year"

CY = "<str:code>/<int:year>/"
REG = CY + "registrations/<str:org_code>/"

urlpatterns = [
    path("rollup/", board_views.rollup_page, name="rollup"),
    path("rollup.xlsx", board_views.rollup_page, {"fmt": "xlsx"}, name="rollup_xlsx"),
    path("follow-up/", board_views.follow_up_all, name="follow_up_all"),
    path("follow-up.xlsx", board_views.follow_up_all, {"fmt": "xlsx"}, name="follow_up_all_xlsx"),
    path("follow-up.csv", board_views.follow_up_all, {"fmt": "csv"}, name="follow_up_all_csv"),
    path("evidence/<int:pk>/", board_views.evidence_download, name="evidence"),
    # the pledge
    path(CY + "pledge/", views.pledge_page, name="pledge"),
    path(CY + "pledge/edit/", views.pledge_edit, name="pledge_edit"),
    path(CY + "pledge/create/", views.pledge_create, name="pledge_create"),
    path(CY + "pledge/header/", views.pledge_header, name="pledge_header"),
    path(CY + "pledge/items/add/", views.pledge_item_add, name="pledge_item_add"),
    path(CY + "pledge/items/<int:number>/edit/", views.pledge_item_edit, name="pledge_item_edit"),
    path(
        CY + "pledge/items/<int:number>/delete/",
        views.pledge_item_delete,
        name="pledge_item_delete",
    ),
    path(
        CY + "pledge/items/<int:number>/targets/add/",
        views.pledge_target_add,
        name="pledge_target_add",
    ),
    path(
        CY + "pledge/targets/<int:pk>/delete/",
        views.pledge_target_delete,
        name="pledge_target_delete",
    ),
    path(CY + "pledge/open/", views.pledge_open, name="pledge_open"),
    path(CY + "pledge/sign/", views.pledge_sign, name="pledge_sign"),
    # registrations
    path(CY + "registrations/", views.registration_list, name="registrations"),
    path(REG, views.registration_detail, name="registration"),
    path(REG + "save/", views.registration_save, name="registration_save"),
    path(REG + "<str:kind>/add/", views.item_add, name="item_add"),
    path(REG + "<str:kind>/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path(REG + "<str:kind>/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path(REG + "<str:kind>/<int:pk>/progress/", views.item_progress, name="item_progress"),
    path(REG + "do/<str:action>/", views.registration_transition, name="registration_transition"),
    # deadlines, settings, follow-up
    path(CY + "deadlines/", board_views.deadlines_page, name="deadlines"),
    path(CY + "deadlines/set/", board_views.deadline_set, name="deadline_set"),
    path(CY + "deadlines/reopen/", board_views.deadline_reopen, name="deadline_reopen"),
    path(CY + "settings/", board_views.settings_save, name="settings"),
    path(CY + "follow-up/", board_views.follow_up, name="follow_up"),
    path(CY + "follow-up.xlsx", board_views.follow_up, {"fmt": "xlsx"}, name="follow_up_xlsx"),
    path(CY + "follow-up.csv", board_views.follow_up, {"fmt": "csv"}, name="follow_up_csv"),
]
