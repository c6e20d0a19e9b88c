"""The criteria set pages: view any version; the secretariat drafts, imports, adopts, revises.
Each action asks who may take it (``core.web.require_person``: ``scoring.create_criteria``,
``edit_criteria``, ``adopt_criteria``, ``revise_criteria``); when the set's state stops the
right person (an adopted set, locked results), the service says why where they work: a message
after a redirect, or on the form page, which then offers no form. Drafts are shown to
``view_draft_criteria``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.numbers import is_digits
from thidua.core.web import refusal, require_person, run_service
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
from thidua.scoring.selectors import scoring_cluster_years
from thidua.scoring.services import criteria as services
from thidua.scoring.services import criteria_items as items
from thidua.scoring.services.imports import import_criteria
from thidua.scoring.validators import tiers_text
from thidua.scoring.views.common import back, nav_context, xlsx_response


def _shown_set(request: AuthedRequest, cluster_year: ClusterYear) -> CriteriaSet | None:
    """The version asked for (``?v=``; 404 when the user may not read it, as a draft of a year
    the user does not run), else the draft for those who see drafts, else the adopted one."""
    versions = selectors.criteria_set_versions(cluster_year, request.user)
    wanted = request.GET.get("v", "")
    if is_digits(wanted):
        for cs in versions:
            if cs.version == int(wanted):
                return cs
        raise Http404
    draft = next((cs for cs in versions if cs.is_draft), None)
    adopted = next((cs for cs in versions if cs.status == CriteriaSetStatus.ADOPTED), None)
    return draft or adopted


@login_required
def criteria_page(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    shown = _shown_set(request, cy)
    table = selectors.criteria_table(shown) if shown else None
    may_create = shown is None and request.user.has_perm("scoring.create_criteria", cy)
    context = {
        **nav_context(request, cy, "criteria"),
        "shown": shown,
        "table": table,
        "versions": selectors.criteria_set_versions(cy, request.user),
        "structure_errors": selectors.structure_errors(table)
        if shown and shown.is_draft and table
        else [],
        "previous_year_set": selectors.previous_year_set(cy) if may_create else None,
        "create_form": CriteriaSetCreateForm(
            initial={"name": _("Bộ tiêu chí chấm điểm thi đua năm {year}").format(year=cy.year)}
        ),
        "edit_form": _edit_form(shown) if shown and shown.is_draft else None,
        "adopt_form": AdoptForm(),
        "revise_form": ReasonForm(),
    }
    return render(request, "scoring/criteria.html", context)


def _edit_form(criteria_set: CriteriaSet) -> CriteriaSetEditForm:
    return CriteriaSetEditForm(
        initial={
            "name": criteria_set.name,
            "description": criteria_set.description,
            "max_total": criteria_set.max_total,
            "bonus_cap": criteria_set.bonus_cap,
            "penalty_cap": criteria_set.penalty_cap,
        }
    )


@login_required
def criteria_xlsx(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    shown = _shown_set(request, cy)
    content = excel.criteria_xlsx(selectors.criteria_table(shown) if shown else None)
    return xlsx_response(content, f"bo-tieu-chi-{cy.cluster.code}-{cy.year}.xlsx")


@login_required
@require_POST
def criteria_create(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    require_person(request, "scoring.create_criteria", cy)
    if request.POST.get("action") == "copy":
        run_service(
            request,
            lambda: services.copy_last_year(cluster_year=cy, user=request.user),
            success=_("Đã sao chép bộ tiêu chí năm trước thành bản dự thảo."),
        )
        return back(cy, "scoring:criteria")
    form = CriteriaSetCreateForm(request.POST)
    run_service(
        request,
        lambda: services.create_criteria_set(
            cluster_year=cy, user=request.user, **form.cleaned_data
        ),
        form=form,
        flash=True,
        success=_("Đã tạo bộ tiêu chí dự thảo."),
    )
    return back(cy, "scoring:criteria")


def _draft_or_404(cy: ClusterYear) -> CriteriaSet:
    """The draft; the adopted set when there is none (the permission then says why not)."""
    found = selectors.draft_set(cy) or selectors.adopted_set(cy)
    if found is None:
        raise Http404
    return found


@login_required
@require_POST
def criteria_update(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    criteria_set = _draft_or_404(cy)
    require_person(request, "scoring.edit_criteria", criteria_set)
    form = CriteriaSetEditForm(request.POST)
    run_service(
        request,
        lambda: services.update_criteria_set(
            criteria_set=criteria_set, user=request.user, **form.cleaned_data
        ),
        form=form,
        flash=True,
        success=_("Đã lưu thông tin bộ tiêu chí."),
    )
    return back(cy, "scoring:criteria")


def _groups(criteria_set: CriteriaSet) -> Any:
    return CriteriaGroup.objects.filter(criteria_set=criteria_set).order_by("position", "id")


def _group_initial(group: CriteriaGroup | None) -> dict[str, Any]:
    if group is None:
        return {}
    return {
        "code": group.code,
        "name": group.name,
        "section": group.section,
        "max_points": group.max_points,
        "parent": group.parent_id,
        "position": group.position,
    }


@login_required
def group_form(
    request: AuthedRequest, code: str, year: int, group_id: int | None = None
) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    group = (
        get_object_or_404(CriteriaGroup, pk=group_id, criteria_set__cluster_year=cy)
        if group_id
        else None
    )
    criteria_set = group.criteria_set if group else _draft_or_404(cy)
    criteria_set.cluster_year = cy
    require_person(request, "scoring.edit_criteria", criteria_set)
    parents = _groups(criteria_set).exclude(pk=group.pk) if group else _groups(criteria_set)
    form = GroupForm(request.POST or None, groups=parents, initial=_group_initial(group))
    status = 200
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: items.save_group(
                criteria_set=criteria_set, user=request.user, group=group, **form.cleaned_data
            ),
            form=form,
            success=_("Đã lưu nhóm tiêu chí."),
        )
        if outcome:
            return back(cy, "scoring:criteria")
        status = 400
    context = {
        **nav_context(request, cy, "criteria"),
        "form": form,
        "group": group,
        "refusal": refusal(request.user, "scoring.edit_criteria", criteria_set),
    }
    return render(request, "scoring/group_form.html", context, status=status)


def _criterion_initial(request: AuthedRequest, criterion: Criterion | None) -> dict[str, Any]:
    if criterion is None:
        return {"group": request.GET.get("group")}
    return {
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


@login_required
def criterion_form(
    request: AuthedRequest, code: str, year: int, criterion_id: int | None = None
) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    criterion = (
        get_object_or_404(Criterion, pk=criterion_id, criteria_set__cluster_year=cy)
        if criterion_id
        else None
    )
    criteria_set = criterion.criteria_set if criterion else _draft_or_404(cy)
    criteria_set.cluster_year = cy
    require_person(request, "scoring.edit_criteria", criteria_set)
    form = CriterionForm(
        request.POST or None,
        groups=_groups(criteria_set),
        initial=_criterion_initial(request, criterion),
    )
    status = 200
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: items.save_criterion(
                criteria_set=criteria_set,
                user=request.user,
                criterion=criterion,
                data=items.CriterionInput(**form.cleaned_data),
            ),
            form=form,
            success=_("Đã lưu tiêu chí."),
        )
        if outcome:
            return back(cy, "scoring:criteria")
        status = 400
    context = {
        **nav_context(request, cy, "criteria"),
        "form": form,
        "criterion": criterion,
        "refusal": refusal(request.user, "scoring.edit_criteria", criteria_set),
    }
    return render(request, "scoring/criterion_form.html", context, status=status)


@login_required
@require_POST
def group_delete(request: AuthedRequest, code: str, year: int, group_id: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    group = get_object_or_404(CriteriaGroup, pk=group_id, criteria_set__cluster_year=cy)
    group.criteria_set.cluster_year = cy
    require_person(request, "scoring.edit_criteria", group.criteria_set)
    run_service(
        request,
        lambda: items.delete_group(group=group, user=request.user),
        success=lambda deleted: _("Đã xóa nhóm {code}.").format(code=group.code),
    )
    return back(cy, "scoring:criteria")


@login_required
@require_POST
def criterion_delete(
    request: AuthedRequest, code: str, year: int, criterion_id: int
) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    criterion = get_object_or_404(Criterion, pk=criterion_id, criteria_set__cluster_year=cy)
    criterion.criteria_set.cluster_year = cy
    require_person(request, "scoring.edit_criteria", criterion.criteria_set)
    run_service(
        request,
        lambda: items.delete_criterion(criterion=criterion, user=request.user),
        success=lambda deleted: _("Đã xóa tiêu chí {code}.").format(code=criterion.code),
    )
    return back(cy, "scoring:criteria")


@login_required
@require_POST
def criteria_adopt(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    criteria_set = _draft_or_404(cy)
    require_person(request, "scoring.adopt_criteria", criteria_set)
    form = AdoptForm(request.POST)
    run_service(
        request,
        lambda: services.adopt_criteria_set(
            criteria_set=criteria_set, user=request.user, **form.cleaned_data
        ),
        form=form,
        flash=True,
        success=lambda adopted: _(
            "Đã thông qua bộ tiêu chí (phiên bản {v}). Các đơn vị có thể tự chấm điểm."
        ).format(v=criteria_set.version),
    )
    return back(cy, "scoring:criteria")


@login_required
@require_POST
def criteria_revise(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    adopted = selectors.adopted_set(cy)
    if adopted is None:
        raise Http404
    require_person(request, "scoring.revise_criteria", adopted)
    form = ReasonForm(request.POST)
    run_service(
        request,
        lambda: services.revise_criteria_set(
            criteria_set=adopted, user=request.user, reason=form.cleaned_data["reason"]
        ),
        form=form,
        flash=True,
        success=lambda revised: _(
            "Đã tạo phiên bản {v} (dự thảo). Sửa xong, hãy thông qua để áp dụng."
        ).format(v=revised.version),
    )
    return back(cy, "scoring:criteria")


@login_required
def criteria_import(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cy = cluster_year_or_404(request.user, code, year, scoring_cluster_years(request.user))
    criteria_set = _draft_or_404(cy)
    require_person(request, "scoring.edit_criteria", criteria_set)
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: import_criteria(
                criteria_set=criteria_set, user=request.user, upload=form.cleaned_data["file"]
            ),
            form=form,
            success=_("Đã nhập bảng tiêu chí từ tệp Excel."),
        )
        if outcome:
            return back(cy, "scoring:criteria")
        status = 400
    context = {
        **nav_context(request, cy, "criteria"),
        "form": form,
        "criteria_set": criteria_set,
        "refusal": refusal(request.user, "scoring.edit_criteria", criteria_set),
    }
    return render(request, "scoring/criteria_import.html", context, status=status)
