"""Cross-scoring (chấm chéo) pages: a member unit's list of the units it scores and its cross
sheet for one of them; the secretariat's status matrix, outliers and reopening of a sheet.

The pages are shown to ``scoring.view_cross`` / ``view_cross_sheet`` (403 with the reason). The
actions ask who may take them (``require_person``); a deadline, a sheet already sent or locked
results are said on the page, and the service's refusal of a POST that comes anyway is a
message, as before."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_or_404, cluster_year_units
from thidua.core.http import AuthedRequest
from thidua.core.numbers import is_digits
from thidua.core.web import flash_form_errors, refusal, require, require_person, run_service
from thidua.scoring import selectors
from thidua.scoring.forms import CrossReopenForm
from thidua.scoring.models import CrossSheet
from thidua.scoring.rules import CROSS_ITSELF
from thidua.scoring.selectors import CriteriaTable, scoring_cluster_years
from thidua.scoring.services import verification as services
from thidua.scoring.validators import parse_decimal
from thidua.scoring.views.common import (
    member_or_404,
    nav_context,
    own_member_unit,
    table_or_404,
)


def _units(cy: ClusterYear) -> Any:
    return cluster_year_units(cy)


@login_required
def cross_index(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    require(request, "scoring.view_cross", cy)
    scorer = own_member_unit(cy, request.user)
    context: dict[str, Any] = {
        **nav_context(request, cy, "cross"),
        "targets": selectors.cross_targets(cy, scorer) if scorer else [],
    }
    if request.user.has_perm("scoring.view_cross_matrix", cy):
        adopted = selectors.adopted_set(cy)
        table = selectors.criteria_table(adopted) if adopted else None
        context["overview"] = selectors.cross_overview(cy, table, selectors.round_or_none(cy))
        context["reopen_form"] = CrossReopenForm(units=_units(cy))
    return render(request, "scoring/cross_index.html", context)


def _parse_cross(
    table: CriteriaTable, data: Any
) -> tuple[dict[int, Decimal | None], dict[int, str], list[str]]:
    values: dict[int, Decimal | None] = {}
    posted: dict[int, str] = {}
    errors: list[str] = []
    for criterion in table.criteria:
        raw = data.get(f"score-{criterion.pk}")
        if raw is None:
            continue
        posted[criterion.pk] = raw
        try:
            values[criterion.pk] = parse_decimal(
                raw, label=_("Tiêu chí {code}").format(code=criterion.code)
            )
        except ValidationError as exc:
            errors.extend(exc.messages)
    return values, posted, errors


@login_required
def cross_sheet_page(
    request: AuthedRequest, code: str, year: int, target_code: str
) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    require(request, "scoring.view_cross", cy)
    target = member_or_404(cy, target_code)
    scorer = own_member_unit(cy, request.user)
    if scorer is not None and target.pk == scorer.pk:
        messages.error(request, str(CROSS_ITSELF))
        return redirect("scoring:cross", code, year)
    cross = selectors.cross_sheet_for(cy, scorer, target)
    require(request, "scoring.view_cross_sheet", cross)
    table = table_or_404(cy)
    posted: dict[int, str] = {}
    status = 200
    if request.method == "POST":
        require_person(request, "scoring.cross_score", cross)
        values, posted, errors = _parse_cross(table, request.POST)
        submit = request.POST.get("action") == "submit"
        outcome = run_service(
            request,
            lambda: _save_cross(request, cy, cross, values, errors, submit=submit),
            success=_("Đã gửi phiếu chấm chéo.") if submit else _("Đã lưu phiếu chấm chéo."),
        )
        if outcome:
            if submit:
                return redirect("scoring:cross", code, year)
            return redirect("scoring:cross_sheet", code, year, target_code)
        status = 400
        cross = selectors.cross_sheet_for(cy, scorer, target)
    target_sheet = selectors.sheet_for(cy, target)
    context = {
        **nav_context(request, cy, "cross"),
        "target": target,
        "target_sheet": target_sheet,
        "cross": cross,
        "rows": selectors.cross_sheet_rows(table, cross, target_sheet, posted),
        "why_not": refusal(request.user, "scoring.cross_score", cross),
    }
    return render(request, "scoring/cross_sheet.html", context, status=status)


def _save_cross(
    request: AuthedRequest,
    cy: ClusterYear,
    cross: CrossSheet,
    values: dict[int, Decimal | None],
    errors: list[str],
    *,
    submit: bool,
) -> CrossSheet:
    if errors:
        raise ValidationError(errors)
    version = request.POST.get("version", "0")
    saved = services.save_cross_sheet(
        cluster_year=cy,
        scorer=cross.scorer,
        target=cross.target,
        user=request.user,
        expected_version=int(version) if is_digits(version) else -1,
        values=values,
    )
    if submit:
        saved = services.submit_cross_sheet(
            cluster_year=cy, scorer=cross.scorer, target=cross.target, user=request.user
        )
    return saved


@login_required
@require_POST
def cross_reopen(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    require_person(request, "scoring.view_cross_matrix", cy)  # the form is on the matrix
    form = CrossReopenForm(request.POST, units=_units(cy))
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("scoring:cross", code, year)
    cross = CrossSheet.objects.filter(
        cluster_year=cy, scorer=form.cleaned_data["scorer"], target=form.cleaned_data["target"]
    ).first()
    if cross is None:
        messages.error(request, _("Không có phiếu chấm chéo này."))
        return redirect("scoring:cross", code, year)
    cross.cluster_year = cy
    require_person(request, "scoring.reopen_cross_sheet", cross)
    run_service(
        request,
        lambda: services.reopen_cross_sheet(
            cross=cross, user=request.user, reason=form.cleaned_data["reason"]
        ),
        form=form,
        flash=True,
        success=_("Đã mở lại phiếu chấm chéo."),
    )
    return redirect("scoring:cross", code, year)
