"""Verification (thẩm định) of a unit's sheet: the adjustments with their reasons, confirming
and undoing the confirmation. The page data is ``selectors.verify_page_data``.

The page is shown to ``scoring.view_verification`` (403 with the reason to anyone else: not a
verifier, the unit's own sheet, a sheet not handed in). Its actions ask who may take them
(``require_person``); a sheet already confirmed or locked results are said on the page, and the
service's refusal of a POST that comes anyway is a message, as before."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters.selectors import cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.web import refusal, require, require_person, run_service
from thidua.scoring import selectors
from thidua.scoring.forms import ReasonForm
from thidua.scoring.selectors import CriteriaTable, TypedAdjustments, scoring_cluster_years
from thidua.scoring.services import verification as services
from thidua.scoring.validators import parse_decimal
from thidua.scoring.views.common import load_sheet, nav_context, table_or_404


def posted_adjustments(
    table: CriteriaTable, data: QueryDict
) -> tuple[list[services.Adjustment], TypedAdjustments]:
    """The adjustments the form sent (``adj-<id>``, ``reason-<id>``); rows whose number does
    not parse get their message."""
    adjustments = []
    posted: dict[int, tuple[str, str]] = {}
    errors: dict[int, str] = {}
    for criterion in table.criteria:
        cid = criterion.pk
        if f"adj-{cid}" not in data:
            continue
        raw, reason = data.get(f"adj-{cid}", ""), data.get(f"reason-{cid}", "")
        posted[cid] = (raw, reason)
        try:
            value = parse_decimal(raw, label=_("Tiêu chí {code}").format(code=criterion.code))
        except ValidationError as exc:
            errors[cid] = exc.messages[0]
            continue
        adjustments.append(services.Adjustment(criterion_id=cid, value=value, reason=reason))
    return adjustments, TypedAdjustments(posted=posted, errors=errors)


@login_required
def verify_page(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    sheet = load_sheet(request, cy, org_code)
    require(request, "scoring.view_verification", sheet)
    table = table_or_404(cy)
    typed, status = None, 200
    if request.method == "POST":
        require_person(request, "scoring.verify_sheet", sheet)
        adjustments, typed = posted_adjustments(table, request.POST)
        for message in typed.errors.values():
            messages.error(request, message)
        if not typed.errors and run_service(
            request,
            lambda: services.adjust_scores(sheet=sheet, user=request.user, adjustments=adjustments),
            success=lambda changed: (
                _("Đã lưu {n} điều chỉnh.").format(n=len(changed))
                if changed
                else _("Không có điểm nào thay đổi.")
            ),
        ):
            return redirect("scoring:verify", code, year, org_code)
        status = 400
    context = {
        **nav_context(request, cy, "verify"),
        "page": selectors.verify_page_data(cy, sheet, table, typed),
        "sheet": sheet,
        "unit": sheet.organization,
        "reason_form": ReasonForm(),
        "refusal": refusal(request.user, "scoring.verify_sheet", sheet),
    }
    return render(request, "scoring/verify.html", context, status=status)


@login_required
@require_POST
def verify_confirm(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    """Confirm the verification, or (``action=undo``, with a reason) undo the confirmation."""
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    sheet = load_sheet(request, cy, org_code)
    if request.POST.get("action") == "undo":
        require_person(request, "scoring.unverify_sheet", sheet)
        form = ReasonForm(request.POST)
        run_service(
            request,
            lambda: services.unverify_sheet(
                sheet=sheet, user=request.user, reason=form.cleaned_data["reason"]
            ),
            form=form,
            flash=True,
            success=_("Đã hủy xác nhận thẩm định."),
        )
    else:
        require_person(request, "scoring.verify_sheet", sheet)
        run_service(
            request,
            lambda: services.verify_sheet(sheet=sheet, user=request.user),
            success=lambda verified: _("Đã xác nhận thẩm định bảng điểm của {unit}.").format(
                unit=sheet.organization.name
            ),
        )
    return redirect("scoring:verify", code, year, org_code)
