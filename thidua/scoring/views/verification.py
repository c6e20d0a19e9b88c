"""Verification (thẩm định) of a unit's sheet, and cross-scoring (chấm chéo) pages."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.http import AuthedRequest
from thidua.organizations.models import Organization
from thidua.scoring import ranking, selectors
from thidua.scoring.enums import CrossSheetStatus, SheetStatus, VerificationMode
from thidua.scoring.forms import CrossReopenForm, ReasonForm
from thidua.scoring.models import CrossSheet, ScoreEntry
from thidua.scoring.services import verification as services
from thidua.scoring.validators import parse_decimal, points_text
from thidua.scoring.views.common import (
    fail,
    load_cluster_year,
    load_sheet,
    member_or_404,
    nav_context,
    require,
)


@dataclass
class VerifyRow:
    kind: str
    obj: Any
    depth: int
    entry: ScoreEntry | None = None
    cross: Decimal | None = None
    value_text: str = ""
    reason_text: str = ""
    error: str = ""


def _txt(value: Decimal | None) -> str:
    return "" if value is None else points_text(value)


@login_required
def verify_page(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    sheet = load_sheet(request, cy, org_code)
    require(request, "scoring.verify_sheet", sheet)
    criteria_set = selectors.adopted_set(cy)
    if criteria_set is None or sheet.pk is None:
        raise Http404
    table = selectors.criteria_table(criteria_set)
    scoring_round = selectors.round_or_none(cy)
    cross_mode = bool(scoring_round and scoring_round.verification_mode == VerificationMode.CROSS)
    status = 200
    errors: dict[int, str] = {}
    posted: dict[int, tuple[str, str]] = {}
    if request.method == "POST":
        adjustments = []
        for criterion in table.criteria:
            cid = criterion.pk
            if f"adj-{cid}" not in request.POST:
                continue
            raw, reason = request.POST.get(f"adj-{cid}", ""), request.POST.get(f"reason-{cid}", "")
            posted[cid] = (raw, reason)
            try:
                value = parse_decimal(raw, label=_("Tiêu chí {code}").format(code=criterion.code))
            except ValidationError as exc:
                errors[cid] = exc.messages[0]
                continue
            adjustments.append(services.Adjustment(criterion_id=cid, value=value, reason=reason))
        if not errors:
            try:
                changed = services.adjust_scores(
                    sheet=sheet, user=request.user, adjustments=adjustments
                )
                messages.success(
                    request,
                    _("Đã lưu {n} điều chỉnh.").format(n=len(changed))
                    if changed
                    else _("Không có điểm nào thay đổi."),
                )
                return redirect("scoring:verify", code, year, org_code)
            except ValidationError as exc:
                fail(request, exc)
        for message in errors.values():
            messages.error(request, message)
        status = 400
    entries = selectors.entries_by_criterion(sheet)
    cross: dict[int, Decimal | None] = {}
    if cross_mode and scoring_round is not None:
        values = selectors.cross_values(cy).get(sheet.organization_id, {})
        cross = {
            cid: ranking.aggregate(v.values(), scoring_round.aggregation)
            for cid, v in values.items()
        }
    rows = []
    for item in table.rows:
        if item.kind == "group":
            rows.append(VerifyRow("group", item.obj, item.depth))
            continue
        entry = entries.get(item.obj.pk)
        default = (
            _txt(entry.adjusted_value) if entry else "",
            entry.adjust_reason if entry else "",
        )
        value_text, reason = posted.get(item.obj.pk, default)
        rows.append(
            VerifyRow(
                "criterion",
                item.obj,
                item.depth,
                entry=entry,
                cross=cross.get(item.obj.pk),
                value_text=value_text,
                reason_text=reason,
                error=errors.get(item.obj.pk, ""),
            )
        )
    context = {
        **nav_context(request, cy, "verify"),
        "sheet": sheet,
        "unit": sheet.organization,
        "rows": rows,
        "cross_mode": cross_mode,
        "editable": sheet.status == SheetStatus.SUBMITTED
        and not (scoring_round and scoring_round.is_approved),
        "reason_form": ReasonForm(),
    }
    return render(request, "scoring/verify.html", context, status=status)


@login_required
@require_POST
def verify_confirm(request: AuthedRequest, code: str, year: int, org_code: str) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    sheet = load_sheet(request, cy, org_code)
    undo = request.POST.get("action") == "undo"
    try:
        if undo:
            services.unverify_sheet(
                sheet=sheet, user=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("Đã hủy xác nhận thẩm định."))
        else:
            services.verify_sheet(sheet=sheet, user=request.user)
            messages.success(
                request,
                _("Đã xác nhận thẩm định bảng điểm của {unit}.").format(
                    unit=sheet.organization.name
                ),
            )
    except ValidationError as exc:
        fail(request, exc)
    return redirect("scoring:verify", code, year, org_code)


# ----------------------------------------------------------------- cross-scoring


@login_required
def cross_index(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    user = request.user
    can_score = user.has_perm("scoring.cross_score", cy)
    can_matrix = user.has_perm("scoring.view_cross_matrix", cy)
    if not (can_score or can_matrix):
        raise PermissionDenied
    scoring_round = selectors.round_or_none(cy)
    members = [m.organization for m in cy.memberships.all()]
    sheets = selectors.sheets_by_unit(cy)
    context: dict[str, Any] = {
        **nav_context(request, cy, "cross"),
        "cross_mode": bool(
            scoring_round and scoring_round.verification_mode == VerificationMode.CROSS
        ),
        "members": members,
    }
    if can_score:
        mine = selectors.cross_sheets_of_scorer(cy, user.organization_id or 0)
        context["targets"] = [
            {
                "unit": org,
                "sheet_status": sheets[org.pk].status if org.pk in sheets else SheetStatus.DRAFT,
                "cross": mine.get(org.pk),
            }
            for org in members
            if org.pk != user.organization_id
        ]
    if can_matrix:
        matrix = selectors.cross_sheet_status_matrix(cy)
        context["matrix"] = [
            (scorer, [(target, matrix.get((scorer.pk, target.pk))) for target in members])
            for scorer in members
        ]
        criteria_set = selectors.adopted_set(cy)
        if criteria_set is not None and scoring_round is not None:
            table = selectors.criteria_table(criteria_set)
            by_id = {m.pk: m for m in members}
            context["outliers"] = [
                {
                    "target": by_id.get(o.target_id),
                    "scorer": by_id.get(o.scorer_id),
                    "criterion": o.criterion,
                    "value": o.value,
                    "deviation": o.deviation,
                }
                for o in selectors.cross_outliers(table, scoring_round, selectors.cross_values(cy))
            ]
        context["reopen_form"] = CrossReopenForm(units=_units(cy))
    return render(request, "scoring/cross_index.html", context)


def _parse_cross(
    table: selectors.CriteriaTable, data: Any
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


def _units(cy: Any) -> Any:
    return Organization.objects.filter(cluster_memberships__cluster_year=cy).order_by("sort_key")


@login_required
def cross_sheet_page(
    request: AuthedRequest, code: str, year: int, target_code: str
) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    user = request.user
    if not user.has_perm("scoring.cross_score", cy):
        raise PermissionDenied
    target = member_or_404(cy, target_code)
    scorer = next(
        (m.organization for m in cy.memberships.all() if m.organization_id == user.organization_id),
        None,
    )
    if scorer is None:
        raise PermissionDenied
    if target.pk == scorer.pk:
        messages.error(request, _("Đơn vị không được chấm chéo cho chính mình."))
        return redirect("scoring:cross", code, year)
    criteria_set = selectors.adopted_set(cy)
    if criteria_set is None:
        raise Http404
    table = selectors.criteria_table(criteria_set)
    status = 200
    posted: dict[int, str] = {}
    if request.method == "POST":
        values, posted, errors = _parse_cross(table, request.POST)
        try:
            if errors:
                raise ValidationError(errors)
            version = request.POST.get("version", "0")
            services.save_cross_sheet(
                cluster_year=cy,
                scorer=scorer,
                target=target,
                user=user,
                expected_version=int(version) if version.isdigit() else -1,
                values=values,
            )
            if request.POST.get("action") == "submit":
                services.submit_cross_sheet(
                    cluster_year=cy, scorer=scorer, target=target, user=user
                )
                messages.success(request, _("Đã gửi phiếu chấm chéo."))
                return redirect("scoring:cross", code, year)
            messages.success(request, _("Đã lưu phiếu chấm chéo."))
            return redirect("scoring:cross_sheet", code, year, target_code)
        except ValidationError as exc:
            fail(request, exc)
            status = 400
    cross = services.cross_sheet_for(cy, scorer, target)
    given = {e.criterion_id: e.value for e in cross.entries.all()} if cross.pk else {}
    target_sheet = selectors.sheet_for(cy, target)
    target_entries = selectors.entries_by_criterion(target_sheet)
    rows = []
    for item in table.rows:
        row: dict[str, Any] = {"kind": item.kind, "obj": item.obj, "depth": item.depth}
        if item.kind == "criterion":
            cid = item.obj.pk
            row["entry"] = target_entries.get(cid)
            row["value_text"] = posted.get(cid, _txt(given.get(cid)))
        rows.append(row)
    context = {
        **nav_context(request, cy, "cross"),
        "target": target,
        "target_sheet": target_sheet,
        "cross": cross,
        "rows": rows,
        "editable": cross.status == CrossSheetStatus.DRAFT
        and target_sheet.status != SheetStatus.DRAFT,
    }
    return render(request, "scoring/cross_sheet.html", context, status=status)


@login_required
@require_POST
def cross_reopen(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    require(request, "scoring.reopen_sheet", cy)
    form = CrossReopenForm(request.POST, units=_units(cy))
    if not form.is_valid():
        messages.error(request, _("Hãy chọn đơn vị chấm và đơn vị được chấm."))
        return redirect("scoring:cross", code, year)
    cross = CrossSheet.objects.filter(
        cluster_year=cy, scorer=form.cleaned_data["scorer"], target=form.cleaned_data["target"]
    ).first()
    if cross is None:
        messages.error(request, _("Không có phiếu chấm chéo này."))
        return redirect("scoring:cross", code, year)
    try:
        services.reopen_cross_sheet(
            cross=cross, user=request.user, reason=form.cleaned_data.get("reason", "")
        )
        messages.success(request, _("Đã mở lại phiếu chấm chéo."))
    except ValidationError as exc:
        fail(request, exc)
    return redirect("scoring:cross", code, year)
