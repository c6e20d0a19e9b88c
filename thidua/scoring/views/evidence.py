"""Evidence files (minh chứng) of a sheet: downloaded by whoever may see the sheet, removed by
the unit while its sheet is a draft (after that, the unit reads why on the sheet)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.http import AuthedRequest, get_object_for_user_or_404, serve_stored_file
from thidua.core.web import require_person, run_service
from thidua.scoring import selectors
from thidua.scoring.models import Evidence
from thidua.scoring.services.sheets import delete_evidence


def _evidence_for_user(request: AuthedRequest, evidence_id: int) -> Evidence:
    """The file, 404 unless the user may see its sheet."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("entry__sheet__organization", "entry__criterion"),
        pk=evidence_id,
    )
    sheet = evidence.entry.sheet
    sheet.cluster_year = get_object_for_user_or_404(
        selectors.scoring_cluster_years(request.user), pk=sheet.cluster_year_id
    )
    if not request.user.has_perm("scoring.view_sheet", sheet):
        raise Http404
    return evidence


@login_required
def evidence_download(request: AuthedRequest, evidence_id: int) -> FileResponse:
    evidence = _evidence_for_user(request, evidence_id)
    return serve_stored_file(evidence.file, evidence.original_name)


@login_required
@require_POST
def evidence_delete(request: AuthedRequest, evidence_id: int) -> HttpResponse:
    evidence = _evidence_for_user(request, evidence_id)
    sheet = evidence.entry.sheet
    require_person(request, "scoring.edit_sheet", sheet)
    run_service(
        request,
        lambda: delete_evidence(evidence=evidence, user=request.user),
        success=_("Đã xóa minh chứng."),
    )
    cy = sheet.cluster_year
    return redirect("scoring:sheet", cy.cluster.code, cy.year, sheet.organization.code)
