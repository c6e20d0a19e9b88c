from __future__ import annotations

from django.urls import path

from thidua.scoring.views import (
    criteria,
    cross,
    evidence,
    on_behalf,
    results,
    sheets,
    verification,
)

app_name = "scoring"

Y = "<str:code>/<int:year>/"
UNIT = Y + "sheets/<str:org_code>/"

urlpatterns = [
    path("evidence/<int:evidence_id>/", evidence.evidence_download, name="evidence"),
    path("evidence/<int:evidence_id>/delete/", evidence.evidence_delete, name="evidence_delete"),
    path(Y, results.overview, name="overview"),
    path(Y + "settings/", results.settings_page, name="settings"),
    path(Y + "ranking/", results.ranking_page, name="ranking"),
    path(Y + "ranking/approve/", results.approve, name="approve"),
    path(Y + "ranking/reopen/", results.reopen_results, name="reopen_results"),
    path(Y + "export.xlsx", results.export_xlsx, name="export_xlsx"),
    path(Y + "criteria/", criteria.criteria_page, name="criteria"),
    path(Y + "criteria.xlsx", criteria.criteria_xlsx, name="criteria_xlsx"),
    path(Y + "criteria/create/", criteria.criteria_create, name="criteria_create"),
    path(Y + "criteria/update/", criteria.criteria_update, name="criteria_update"),
    path(Y + "criteria/adopt/", criteria.criteria_adopt, name="criteria_adopt"),
    path(Y + "criteria/revise/", criteria.criteria_revise, name="criteria_revise"),
    path(Y + "criteria/import/", criteria.criteria_import, name="criteria_import"),
    path(Y + "criteria/groups/new/", criteria.group_form, name="group_new"),
    path(Y + "criteria/groups/<int:group_id>/", criteria.group_form, name="group_edit"),
    path(Y + "criteria/groups/<int:group_id>/delete/", criteria.group_delete, name="group_delete"),
    path(Y + "criteria/items/new/", criteria.criterion_form, name="criterion_new"),
    path(Y + "criteria/items/<int:criterion_id>/", criteria.criterion_form, name="criterion_edit"),
    path(
        Y + "criteria/items/<int:criterion_id>/delete/",
        criteria.criterion_delete,
        name="criterion_delete",
    ),
    path(UNIT, sheets.sheet_page, name="sheet"),
    path(UNIT + "rows/<int:criterion_id>/", sheets.sheet_row, name="sheet_row"),
    path(UNIT + "reopen/", sheets.sheet_reopen, name="sheet_reopen"),
    path(UNIT + "sheet.xlsx", sheets.sheet_xlsx, name="sheet_xlsx"),
    path(UNIT + "import/", sheets.sheet_import, name="sheet_import"),
    path(UNIT + "on-behalf/", on_behalf.sheet_on_behalf, name="sheet_on_behalf"),
    path(UNIT + "verify/", verification.verify_page, name="verify"),
    path(UNIT + "verify/confirm/", verification.verify_confirm, name="verify_confirm"),
    path(Y + "cross/", cross.cross_index, name="cross"),
    path(Y + "cross/reopen/", cross.cross_reopen, name="cross_reopen"),
    path(Y + "cross/<str:target_code>/", cross.cross_sheet_page, name="cross_sheet"),
]
