"""The criteria set pages: view any version; the secretariat drafts, imports, adopts, revises."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core.http import AuthedRequest
from thidua.scoring import excel, selectors
from thidua.scoring.enums import CriteriaSetStatus
from thidua.scoring.forms import (
    AdoptForm,
    CriteriaSetCreateForm,
    CriteriaSetEditForm,
    CriterionForm,
    GroupForm,
    ReasonForm,
    UploadForm,
)
from thidua.scoring.models import CriteriaGroup, CriteriaSet, Criterion
from thidua.scoring.services import criteria as services
from thidua.scoring.services.imports import import_criteria
from thidua.scoring.validators import tiers_text
from thidua.scoring.views.common import back, fail, load_cluster_year, nav_context, require

PERM = "scoring.manage_criteria"


def _shown_set(request: AuthedRequest, cluster_year: Any, can_manage: bool) -> CriteriaSet | None:
    versions = selectors.criteria_set_versions(cluster_year)
    wanted = request.GET.get("v", "")
    if wanted.isdigit():
        for cs in versions:
            if cs.version == int(wanted):
                return cs
        raise Http404
    draft = next((cs for cs in versions if cs.status == CriteriaSetStatus.DRAFT), None)
    adopted = next((cs for cs in versions if cs.status == CriteriaSetStatus.ADOPTED), None)
    if can_manage and draft is not None:
        return draft
    return adopted or (draft if can_manage else None)


@login_required
def criteria_page(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    can_manage = request.user.has_perm(PERM, cy)
    shown = _shown_set(request, cy, can_manage)
    table = selectors.criteria_table(shown) if shown else None
    editable = bool(can_manage and shown and shown.is_draft)
    context = {
        **nav_context(request, cy, "criteria"),
        "shown": shown,
        "table": table,
        "versions": selectors.criteria_set_versions(cy),
        "editable": editable,
        "can_edit_criteria": can_manage,
        "structure_errors": services.structure_errors(table) if editable and table else [],
        "previous_year_set": selectors.previous_year_set(cy) if can_manage and not shown else None,
        "create_form": CriteriaSetCreateForm(
            initial={"name": _("Bộ tiêu chí chấm điểm thi đua năm {year}").format(year=cy.year)}
        ),
        "edit_form": CriteriaSetEditForm(
            initial={
                "name": shown.name,
                "description": shown.description,
                "max_total": shown.max_total,
                "bonus_cap": shown.bonus_cap,
                "penalty_cap": shown.penalty_cap,
            }
        )
        if editable and shown
        else None,
        "adopt_form": AdoptForm(),
        "revise_form": ReasonForm(),
    }
    return render(request, "scoring/criteria.html", context)


@login_required
def criteria_xlsx(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    shown = _shown_set(request, cy, request.user.has_perm(PERM, cy))
    content = excel.criteria_xlsx(selectors.criteria_table(shown) if shown else None)
    response = HttpResponse(content, content_type=excel.XLSX_TYPE)
    name = f"bo-tieu-chi-{cy.cluster.code}-{cy.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def criteria_create(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    require(request, PERM, cy)
    try:
        if request.POST.get("action") == "copy":
            services.copy_last_year(cluster_year=cy, user=request.user)
            messages.success(request, _("Đã sao chép bộ tiêu chí năm trước thành bản dự thảo."))
        else:
            form = CriteriaSetCreateForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Cần đặt tên cho bộ tiêu chí."))
            services.create_criteria_set(
                cluster_year=cy,
                user=request.user,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
            )
            messages.success(request, _("Đã tạo bộ tiêu chí dự thảo."))
    except ValidationError as exc:
        fail(request, exc)
    return back(cy, "scoring:criteria")


def _draft_or_404(cy: Any) -> CriteriaSet:
    draft = selectors.draft_set(cy)
    if draft is None:
        adopted = selectors.adopted_set(cy)
        if adopted is None:
            raise Http404
        return adopted  # the service answers with the clear "adopted is locked" message
    return draft


@login_required
@require_POST
def criteria_update(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    require(request, PERM, cy)
    criteria_set = _draft_or_404(cy)
    form = CriteriaSetEditForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return back(cy, "scoring:criteria")
    try:
        services.update_criteria_set(
            criteria_set=criteria_set, user=request.user, **form.cleaned_data
        )
        messages.success(request, _("Đã lưu thông tin bộ tiêu chí."))
    except ValidationError as exc:
        fail(request, exc)
    return back(cy, "scoring:criteria")


def _groups(criteria_set: CriteriaSet) -> Any:
    return CriteriaGroup.objects.filter(criteria_set=criteria_set).order_by("position", "id")


@login_required
def group_form(
    request: AuthedRequest, code: str, year: int, group_id: int | None = None
) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    require(request, PERM, cy)
    group = (
        get_object_or_404(CriteriaGroup, pk=group_id, criteria_set__cluster_year=cy)
        if group_id
        else None
    )
    criteria_set = group.criteria_set if group else _draft_or_404(cy)
    parents = _groups(criteria_set).exclude(pk=group.pk) if group else _groups(criteria_set)
    initial = (
        {
            "code": group.code,
            "name": group.name,
            "section": group.section,
            "max_points": group.max_points,
            "parent": group.parent_id,
            "position": group.position,
        }
        if group
        else {}
    )
    form = GroupForm(request.POST or None, groups=parents, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_group(
                    criteria_set=criteria_set, user=request.user, group=group, **form.cleaned_data
                )
                messages.success(request, _("Đã lưu nhóm tiêu chí."))
                return back(cy, "scoring:criteria")
            except ValidationError as exc:
                form.add_error(None, exc)
        status = 400
    context = {**nav_context(request, cy, "criteria"), "form": form, "group": group}
    return render(request, "scoring/group_form.html", context, status=status)


@login_required
def criterion_form(
    request: AuthedRequest, code: str, year: int, criterion_id: int | None = None
) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    require(request, PERM, cy)
    criterion = (
        get_object_or_404(Criterion, pk=criterion_id, criteria_set__cluster_year=cy)
        if criterion_id
        else None
    )
    criteria_set = criterion.criteria_set if criterion else _draft_or_404(cy)
    initial: dict[str, Any] = {"group": request.GET.get("group")}
    if criterion:
        initial = {
            "group": criterion.group_id,
            "code": criterion.code,
            "name": criterion.name,
            "max_points": criterion.max_points,
            "method": criterion.method,
            "target": criterion.target,
            "measure_label": criterion.measure_label,
            "tiers": tiers_text(criterion.tiers) if criterion.tiers else "",
            "evidence_required": criterion.evidence_required,
            "guidance": criterion.guidance,
            "position": criterion.position,
        }
    form = CriterionForm(request.POST or None, groups=_groups(criteria_set), initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_criterion(
                    criteria_set=criteria_set,
                    user=request.user,
                    criterion=criterion,
                    data=services.CriterionInput(**form.cleaned_data),
                )
                messages.success(request, _("Đã lưu tiêu chí."))
                return back(cy, "scoring:criteria")
            except ValidationError as exc:
                form.add_error(None, exc)
        status = 400
    context = {**nav_context(request, cy, "criteria"), "form": form, "criterion": criterion}
    return render(request, "scoring/criterion_form.html", context, status=status)


@login_required
@require_POST
def group_delete(request: AuthedRequest, code: str, year: int, group_id: int) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    require(request, PERM, cy)
    group = get_object_or_404(CriteriaGroup, pk=group_id, criteria_set__cluster_year=cy)
    try:
        services.delete_group(group=group, user=request.user)
        messages.success(request, _("Đã xóa nhóm {code}.").format(code=group.code))
    except ValidationError as exc:
        fail(request, exc)
    return back(cy, "scoring:criteria")


@login_required
@require_POST
def criterion_delete(
    request: AuthedRequest, code: str, year: int, criterion_id: int
) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    require(request, PERM, cy)
    criterion = get_object_or_404(Criterion, pk=criterion_id, criteria_set__cluster_year=cy)
    try:
        services.delete_criterion(criterion=criterion, user=request.user)
        messages.success(request, _("Đã xóa tiêu chí {code}.").format(code=criterion.code))
    except ValidationError as exc:
        fail(request, exc)
    return back(cy, "scoring:criteria")


@login_required
@require_POST
def criteria_adopt(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    require(request, PERM, cy)
    criteria_set = _draft_or_404(cy)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi ngày thông qua bộ tiêu chí."))
        return back(cy, "scoring:criteria")
    try:
        services.adopt_criteria_set(
            criteria_set=criteria_set,
            user=request.user,
            adopted_on=form.cleaned_data["adopted_on"],
            pledge_ref=form.cleaned_data["pledge_ref"],
        )
        messages.success(
            request,
            _("Đã thông qua bộ tiêu chí (phiên bản {v}). Các đơn vị có thể tự chấm điểm.").format(
                v=criteria_set.version
            ),
        )
    except ValidationError as exc:
        fail(request, exc)
    return back(cy, "scoring:criteria")


@login_required
@require_POST
def criteria_revise(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    require(request, PERM, cy)
    adopted = selectors.adopted_set(cy)
    if adopted is None:
        raise Http404
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        new = services.revise_criteria_set(
            criteria_set=adopted, user=request.user, reason=form.cleaned_data.get("reason", "")
        )
        messages.success(
            request,
            _("Đã tạo phiên bản {v} (dự thảo). Sửa xong, hãy thông qua để áp dụng.").format(
                v=new.version
            ),
        )
    except ValidationError as exc:
        fail(request, exc)
    return back(cy, "scoring:criteria")


@login_required
def criteria_import(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = load_cluster_year(request, code, year)
    require(request, PERM, cy)
    criteria_set = _draft_or_404(cy)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                import_criteria(
                    criteria_set=criteria_set, user=request.user, upload=form.cleaned_data["file"]
                )
                messages.success(request, _("Đã nhập bảng tiêu chí từ tệp Excel."))
                return back(cy, "scoring:criteria")
            except ValidationError as exc:
                errors = exc.messages
        else:
            errors = [_("Hãy chọn tệp Excel.")]
        status = 400
    context = {
        **nav_context(request, cy, "criteria"),
        "form": form,
        "errors": errors,
        "criteria_set": criteria_set,
    }
    return render(request, "scoring/criteria_import.html", context, status=status)
