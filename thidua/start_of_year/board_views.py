"""Views of the secretariat and the board: deadlines and reopening, settings, the follow-up
list (who is late) with exports, the board roll-up, and evidence downloads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.accounts.enums import Role
from thidua.clusters import deadlines as deadline_services
from thidua.clusters.enums import ClusterKind, CycleStep
from thidua.clusters.models import ClusterYear, Deadline
from thidua.clusters.selectors import cluster_years_for_user
from thidua.core.http import AuthedRequest, get_object_for_user_or_404, is_htmx, serve_stored_file
from thidua.organizations.models import Organization
from thidua.start_of_year import services
from thidua.start_of_year.enums import LateKind
from thidua.start_of_year.exports import late_table, rollup_table, to_csv, to_xlsx
from thidua.start_of_year.followup import (
    filter_rows,
    late_rows,
    late_unit_count,
    managed_cluster_years,
)
from thidua.start_of_year.forms import DeadlineForm, ReopenForm, SettingsForm
from thidua.start_of_year.rollup import rollup
from thidua.start_of_year.selectors import evidence_for_user, settings_for
from thidua.start_of_year.views import cluster_year_for, form_errors, require_perm, run_service

FOLLOW_UP_ROLES = (Role.BOARD_OFFICER, Role.CLUSTER_SECRETARIAT)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _members(cluster_year: ClusterYear) -> QuerySet[Organization]:
    return Organization.objects.filter(cluster_memberships__cluster_year=cluster_year).order_by(
        "sort_key"
    )


@login_required
def deadlines_page(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_for(request, code, year)
    require_perm(request, "start_of_year.manage_year", cluster_year)
    deadlines = {
        d.step: d
        for d in Deadline.objects.filter(cluster_year=cluster_year).prefetch_related(
            "extensions__organization", "extensions__granted_by"
        )
    }
    steps = [(value, label, deadlines.get(value)) for value, label in CycleStep.choices]
    limits = settings_for(cluster_year)
    context = {
        "cy": cluster_year,
        "steps": steps,
        "deadline_form": DeadlineForm(),
        "reopen_form": ReopenForm(members=_members(cluster_year)),
        "settings_form": SettingsForm(instance=limits),
    }
    return render(request, "start_of_year/deadlines.html", context)


@login_required
@require_POST
def deadline_set(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_for(request, code, year)
    require_perm(request, "start_of_year.manage_year", cluster_year)
    form = DeadlineForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: deadline_services.set_deadline(
                cluster_year=cluster_year,
                step=data["step"],
                due_at=data["due_at"],
                note=data["note"],
            ),
            _("Đã đặt hạn chót “{step}”.").format(step=CycleStep(data["step"]).label),
        )
    else:
        form_errors(request, form)
    return redirect("start_of_year:deadlines", code=code, year=year)


@login_required
@require_POST
def deadline_reopen(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_for(request, code, year)
    require_perm(request, "start_of_year.manage_year", cluster_year)
    form = ReopenForm(request.POST, members=_members(cluster_year))
    back = redirect("start_of_year:deadlines", code=code, year=year)
    if not form.is_valid():
        form_errors(request, form)
        return back
    data = form.cleaned_data
    deadline = Deadline.objects.filter(cluster_year=cluster_year, step=data["step"]).first()
    if deadline is None:
        return _fail(
            request,
            back,
            _("Bước “{step}” chưa có hạn chót nên không cần mở lại.").format(
                step=CycleStep(data["step"]).label
            ),
        )
    run_service(
        request,
        lambda: deadline_services.reopen_for_unit(
            deadline=deadline,
            organization=data["organization"],
            until=data["until"],
            reason=data["reason"],
            granted_by=request.user,
        ),
        _("Đã mở lại “{step}” cho {unit}.").format(
            step=deadline.get_step_display(), unit=data["organization"].name
        ),
    )
    return back


def _fail(request: AuthedRequest, response: HttpResponse, message: str) -> HttpResponse:
    from django.contrib import messages

    messages.error(request, message)
    return response


@login_required
@require_POST
def settings_save(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_for(request, code, year)
    require_perm(request, "start_of_year.manage_year", cluster_year)
    form = SettingsForm(request.POST, instance=settings_for(cluster_year))
    if form.is_valid():
        data = form.cleaned_data
        run_service(
            request,
            lambda: services.update_settings(cluster_year=cluster_year, by=request.user, **data),
            _("Đã lưu cài đặt của năm."),
        )
    else:
        form_errors(request, form)
    return redirect("start_of_year:deadlines", code=code, year=year)


# ---------------------------------------------------------------- follow-up


def _late_context(request: AuthedRequest, cluster_years: list[object]) -> dict[str, object]:
    kind = request.GET.get("kind", "")
    kind = kind if kind in LateKind.values else ""
    rows = late_rows(cluster_years, at=timezone.now())  # type: ignore[arg-type]
    shown = filter_rows(rows, kind)
    return {
        "rows": shown,
        "late_units": late_unit_count(rows),
        "counts": {k: sum(1 for r in rows if r.kind == k) for k in LateKind.values},
        "kind": kind,
        "kinds": LateKind.choices,
        "now": timezone.now(),
    }


def _export(rows: list[object], fmt: str, filename: str) -> HttpResponse:
    header, body = late_table(rows)  # type: ignore[arg-type]
    if fmt == "xlsx":
        response = HttpResponse(to_xlsx(_("Đơn vị chậm"), header, body), content_type=XLSX)
    else:
        response = HttpResponse(to_csv(header, body), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@login_required
def follow_up(request: AuthedRequest, code: str, year: int, fmt: str = "") -> HttpResponse:
    cluster_year = cluster_year_for(request, code, year)
    require_perm(request, "start_of_year.manage_year", cluster_year)
    context = _late_context(request, [cluster_year])
    if fmt:
        return _export(context["rows"], fmt, f"don-vi-cham-{code}-{year}")  # type: ignore[arg-type]
    context.update({"cy": cluster_year, "cluster_years": [cluster_year]})
    return render(request, "start_of_year/follow_up.html", context)


def _selected_year(request: AuthedRequest, years: list[int]) -> int | None:
    raw = request.GET.get("year", "")
    if raw.isdigit() and int(raw) in years:
        return int(raw)
    return years[0] if years else None


@login_required
def follow_up_all(request: AuthedRequest, fmt: str = "") -> HttpResponse:
    """Every cluster year the user runs in one year (secretariat, board, admin)."""
    user = request.user
    if not (user.is_system_admin or user.role in FOLLOW_UP_ROLES):
        raise PermissionDenied
    managed = managed_cluster_years(user)
    years = sorted(set(managed.values_list("year", flat=True)), reverse=True)
    year = _selected_year(request, years)
    cluster_years = list(
        (managed.filter(year=year) if year else managed.none())
        .select_related("cluster")
        .order_by("cluster__kind", "cluster__number", "cluster__sort_key")
    )
    context = _late_context(request, cluster_years)  # type: ignore[arg-type]
    if fmt:
        return _export(context["rows"], fmt, f"don-vi-cham-{year}")  # type: ignore[arg-type]
    context.update({"cy": None, "cluster_years": cluster_years, "year": year, "years": years})
    return render(request, "start_of_year/follow_up.html", context)


# ---------------------------------------------------------------- board roll-up


@login_required
def rollup_page(request: AuthedRequest, fmt: str = "") -> HttpResponse:
    if not request.user.has_perm("start_of_year.view_rollup"):
        raise PermissionDenied
    scope = cluster_years_for_user(request.user)
    years = sorted(set(scope.values_list("year", flat=True)), reverse=True)
    year = _selected_year(request, years)
    kind = request.GET.get("kind", "")
    kind = kind if kind in ClusterKind.values else ""
    cluster_code = request.GET.get("cluster", "")
    clusters = rollup(request.user, year=year or 0, cluster_code=cluster_code, kind=kind)
    if fmt == "xlsx":
        header, body = rollup_table(clusters)
        response = HttpResponse(to_xlsx(_("Tổng hợp đăng ký"), header, body), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="tong-hop-dang-ky-{year}.xlsx"'
        return response
    cluster_choices = list(
        (scope.filter(year=year) if year else scope.none())
        .order_by("cluster__kind", "cluster__number", "cluster__sort_key")
        .values_list("cluster__code", "cluster__name")
    )
    context = {
        "clusters": clusters,
        "year": year,
        "years": years,
        "kind": kind,
        "kinds": ClusterKind.choices,
        "cluster_code": cluster_code,
        "cluster_choices": cluster_choices,
        "unit_count": sum(len(c.units) for c in clusters),
    }
    if is_htmx(request):
        return render(request, "start_of_year/rollup.html#results", context)
    return render(request, "start_of_year/rollup.html", context)


# ---------------------------------------------------------------- evidence


@login_required
def evidence_download(request: AuthedRequest, pk: int) -> FileResponse:
    """Evidence is never served from /media/: only to users who see the cluster year."""
    evidence = get_object_for_user_or_404(evidence_for_user(request.user), pk=pk)
    return serve_stored_file(evidence.file, evidence.original_name)
