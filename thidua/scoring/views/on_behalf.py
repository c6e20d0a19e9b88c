"""Ghi thay đơn vị (có lý do): the board records a unit's self-scoring sheet that only came on
paper (``scoring.submit_sheet_on_behalf``). Anyone else gets a 403 with the reason; when the
sheet's state or the deadline stops the board too, the page says why (the same conditions as
the unit's own submission)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.clusters.selectors import cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.web import refusal, require_person, run_service
from thidua.scoring.forms import SheetOnBehalfForm
from thidua.scoring.rules import SUBMIT_SHEET_ON_BEHALF
from thidua.scoring.selectors import scoring_cluster_years
from thidua.scoring.services.on_behalf import entries_from_excel, submit_sheet_on_behalf
from thidua.scoring.views.common import load_sheet, nav_context


@login_required
def sheet_on_behalf(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    sheet = load_sheet(request, cy, org_code)
    require_person(request, SUBMIT_SHEET_ON_BEHALF.name, sheet)
    form = SheetOnBehalfForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: submit_sheet_on_behalf(
                cluster_year=cy,
                organization=sheet.organization,
                user=request.user,
                entries=entries_from_excel(
                    cluster_year=cy,
                    organization=sheet.organization,
                    upload=form.cleaned_data["file"],
                ),
                self_report=form.cleaned_data["self_report"],
                scan=form.cleaned_data.get("scan"),
                reason=form.cleaned_data["reason"],
                paper_ref=form.cleaned_data["paper_ref"],
            ),
            form=form,
            success=_("Đã ghi thay và nộp bảng tự chấm điểm của {unit}.").format(
                unit=sheet.organization.name
            ),
        )
        if outcome.ok:
            return redirect("scoring:sheet", code, year, org_code)
        status = 400
    context = {
        **nav_context(request, cy, "sheet"),
        "sheet": sheet,
        "unit": sheet.organization,
        "form": form,
        "refusal": refusal(request.user, SUBMIT_SHEET_ON_BEHALF.name, sheet),
    }
    return render(request, "scoring/sheet_on_behalf.html", context, status=status)
