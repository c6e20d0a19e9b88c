"""Drives (đợt thi đua) of a cluster year and the results member units report for them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.core.http import AuthedRequest, get_object_for_user_or_404, serve_stored_file
from thidua.organizations.models import Organization
from thidua.planning import services
from thidua.planning.forms import DriveForm, DriveReportForm, ReopenForm
from thidua.planning.models import Drive, DriveEvidence, DriveReport
from thidua.planning.selectors import (
    drive_board,
    drive_detail,
    member_units,
    movements_of_cluster_year,
)
from thidua.planning.views.common import (
    form_errors,
    load_cluster_year,
    report_errors,
    require,
)


def _member_organizations(members: list[ClusterMembership]) -> QuerySet[Organization]:
    return Organization.objects.filter(pk__in=[m.organization_id for m in members]).order_by(
        "sort_key"
    )


def _drive(cluster_year: ClusterYear, number: int) -> Drive:
    return get_object_for_user_or_404(drive_detail(cluster_year), number=number)


@login_required
def drives(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """All drives of the year, and which member unit has reported which drive."""
    cluster_year = load_cluster_year(request, code, year)
    rows = drive_board(cluster_year)
    members = member_units(cluster_year)
    context = {
        "cy": cluster_year,
        "rows": rows,
        # unit × drive: the report or None, in Vietnamese order of units
        "matrix": [(m, [row.reported.get(m.organization_id) for row in rows]) for m in members],
        "movements": list(movements_of_cluster_year(cluster_year)),
        "can_manage": request.user.has_perm("planning.manage_drives", cluster_year),
        "own_unit_id": request.user.organization_id,
    }
    return render(request, "planning/drives.html", context)


def _drive_args(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": data["name"],
        "starts_on": data["starts_on"],
        "ends_on": data["ends_on"],
        "occasion": data["occasion"],
        "movement": data["movement"],
        "description": data["description"],
        "report_due_at": data["report_due_at"],
    }


@login_required
def drive_new(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = load_cluster_year(request, code, year)
    require(request, "planning.manage_drives", cluster_year)
    movements = movements_of_cluster_year(cluster_year)
    if request.method == "POST":
        form = DriveForm(request.POST, movements=movements)
        if form.is_valid():
            try:
                drive = services.create_drive(
                    cluster_year=cluster_year, by=request.user, **_drive_args(form.cleaned_data)
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã thêm “{drive}”.").format(drive=drive.name))
                return redirect("planning:drive", code=code, year=year, number=drive.number)
    else:
        count = cluster_year.drives.count()
        form = DriveForm(
            initial={"name": _("Đợt {number}").format(number=count + 1)}, movements=movements
        )
    return render(
        request, "planning/drive_form.html", {"cy": cluster_year, "form": form, "drive": None}
    )


@login_required
def drive_edit(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    cluster_year = load_cluster_year(request, code, year)
    drive = _drive(cluster_year, number)
    require(request, "planning.manage_drives", cluster_year)
    movements = movements_of_cluster_year(cluster_year)
    if request.method == "POST":
        form = DriveForm(request.POST, movements=movements)
        if form.is_valid():
            try:
                services.update_drive(
                    drive=drive, by=request.user, **_drive_args(form.cleaned_data)
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Đã lưu “{drive}”.").format(drive=drive.name))
                return redirect("planning:drive", code=code, year=year, number=number)
    else:
        form = DriveForm(
            initial={
                "name": drive.name,
                "starts_on": drive.starts_on,
                "ends_on": drive.ends_on,
                "occasion": drive.occasion,
                "movement": drive.movement_id,
                "description": drive.description,
                "report_due_at": drive.report_due_at,
            },
            movements=movements,
        )
    return render(
        request, "planning/drive_form.html", {"cy": cluster_year, "form": form, "drive": drive}
    )


@login_required
def drive(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    """A drive: its period and occasion, every member's report (or its absence), reopening."""
    cluster_year = load_cluster_year(request, code, year)
    item = _drive(cluster_year, number)
    user = request.user
    members = member_units(cluster_year)
    reports = {report.organization_id: report for report in item.reports.all()}
    can_manage = user.has_perm("planning.manage_drives", cluster_year)
    can_report = user.has_perm("planning.report_drive", cluster_year)
    own_open = (
        services.is_drive_report_open(drive=item, organization=user.organization)
        if can_report
        else False
    )
    context = {
        "cy": cluster_year,
        "drive": item,
        "rows": [(m, reports.get(m.organization_id)) for m in members],
        "report_count": len(reports),
        "can_manage": can_manage,
        "can_report": can_report,
        "own_report": reports.get(user.organization_id or 0),
        "own_open": own_open,
        "is_open": services.is_drive_report_open(drive=item),
        "reopen_form": ReopenForm(units=_member_organizations(members)) if can_manage else None,
        "reopenings": list(item.reopenings.all()),
    }
    return render(request, "planning/drive.html", context)


@login_required
def drive_report(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    """The user's own unit reports (or edits) its result for the drive."""
    cluster_year = load_cluster_year(request, code, year)
    item = _drive(cluster_year, number)
    require(request, "planning.report_drive", cluster_year)
    user = request.user
    report = DriveReport.objects.filter(
        drive=item, organization_id=user.organization_id or 0
    ).first()
    evidence = DriveEvidence.objects.filter(report=report) if report else None
    if request.method == "POST":
        form = DriveReportForm(request.POST, request.FILES, evidence=evidence)
        if form.is_valid():
            try:
                if report is None:
                    services.submit_drive_report(
                        drive=item,
                        organization=user.organization,  # type: ignore[arg-type]  # perm ⇒ set
                        summary=form.cleaned_data["summary"],
                        files=form.cleaned_data["new_files"],
                        by=user,
                    )
                    done = _("Đã gửi báo cáo kết quả “{drive}”.")
                else:
                    services.update_drive_report(
                        report=report,
                        summary=form.cleaned_data["summary"],
                        files=form.cleaned_data["new_files"],
                        remove_evidence_ids=[e.pk for e in form.cleaned_data["remove_evidence"]],
                        by=user,
                    )
                    done = _("Đã cập nhật báo cáo kết quả “{drive}”.")
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, done.format(drive=item.name))
                return redirect("planning:drive", code=code, year=year, number=number)
    else:
        form = DriveReportForm(
            initial={"summary": report.summary} if report else None, evidence=evidence
        )
    context = {
        "cy": cluster_year,
        "drive": item,
        "form": form,
        "report": report,
        "is_open": services.is_drive_report_open(drive=item, organization=user.organization),
    }
    return render(request, "planning/report_form.html", context)


@login_required
@require_POST
def drive_reopen(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    cluster_year = load_cluster_year(request, code, year)
    item = _drive(cluster_year, number)
    require(request, "planning.manage_drives", cluster_year)
    form = ReopenForm(request.POST, units=_member_organizations(member_units(cluster_year)))
    if not form.is_valid():
        form_errors(request, form)
    else:
        try:
            services.reopen_drive_report(
                drive=item,
                organization=form.cleaned_data["organization"],
                until=form.cleaned_data["until"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as exc:
            report_errors(request, exc)
        else:
            messages.success(
                request,
                _("Đã mở lại hạn báo cáo cho {unit}.").format(
                    unit=form.cleaned_data["organization"]
                ),
            )
    return redirect("planning:drive", code=code, year=year, number=number)


@login_required
def drive_evidence(
    request: AuthedRequest, *, code: str, year: int, number: int, pk: int
) -> HttpResponseBase:
    cluster_year = load_cluster_year(request, code, year)
    item = _drive(cluster_year, number)
    evidence = get_object_for_user_or_404(DriveEvidence.objects.filter(report__drive=item), pk=pk)
    return serve_stored_file(evidence.file, evidence.original_name)
