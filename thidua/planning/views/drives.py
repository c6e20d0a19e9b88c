"""Drives (đợt thi đua) of a cluster year and the results member units report for them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters.models import ClusterYear
from thidua.clusters.on_behalf import on_behalf_notes
from thidua.clusters.selectors import (
    cluster_year_detail,
    cluster_year_or_404,
    cluster_year_units,
)
from thidua.core.http import AuthedRequest, get_object_for_user_or_404, serve_stored_file
from thidua.core.web import refusal, require, require_person, run_service
from thidua.planning import services
from thidua.planning.forms import DriveForm, DriveReportForm, ReopenForm
from thidua.planning.models import Drive, DriveEvidence, DriveReport
from thidua.planning.rules import (
    CHANGE_DRIVE,
    CREATE_DRIVE,
    REOPEN_DRIVE_REPORT,
    REPORT_DRIVE,
    REPORT_DRIVE_ON_BEHALF,
    is_unit_user,
)
from thidua.planning.selectors import (
    drive_board,
    drive_detail,
    member_units,
    movements_of_cluster_year,
)


def _drive(request: AuthedRequest, code: str, year: int, number: int) -> Drive:
    """Drive ``number`` of a cluster year the user sees (else 404), with the cluster year and its
    members (the rules read them) already loaded."""
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    drive = get_object_for_user_or_404(drive_detail(cluster_year), number=number)
    drive.cluster_year = cluster_year
    return drive


@login_required
def drives(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """All drives of the year, and which member unit has reported which drive."""
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    rows = drive_board(cluster_year)
    members = member_units(cluster_year)
    context = {
        "cy": cluster_year,
        "rows": rows,
        # unit × drive: the report or None, in Vietnamese order of units
        "matrix": [(m, [row.reported.get(m.organization_id) for row in rows]) for m in members],
        "movements": list(movements_of_cluster_year(cluster_year)),
        "own_unit_id": request.user.organization_id,
    }
    return render(request, "planning/drives.html", context)


# The drive form's fields, passed as they are to ``create_drive`` / ``update_drive``.
DRIVE_FIELDS = [
    "name",
    "starts_on",
    "ends_on",
    "occasion",
    "movement",
    "description",
    "report_due_at",
]


def _drive_args(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in DRIVE_FIELDS}


def _drive_initial(drive: Drive) -> dict[str, Any]:
    return {**{name: getattr(drive, name) for name in DRIVE_FIELDS}, "movement": drive.movement_id}


@login_required
def drive_new(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    require(request, CREATE_DRIVE.name, cluster_year)
    return _drive_form_page(request, cluster_year, None)


@login_required
def drive_edit(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    drive = _drive(request, code, year, number)
    require(request, CHANGE_DRIVE.name, drive)
    return _drive_form_page(request, drive.cluster_year, drive)


def _drive_form_page(
    request: AuthedRequest, cluster_year: ClusterYear, drive: Drive | None
) -> HttpResponse:
    """The form of a new drive (``drive`` is ``None``) or of an existing one; saved, the drive."""
    movements = movements_of_cluster_year(cluster_year)
    if request.method != "POST":
        initial = (
            _drive_initial(drive)
            if drive
            else {"name": _("Đợt {number}").format(number=cluster_year.drives.count() + 1)}
        )
        form = DriveForm(initial=initial, movements=movements)
    else:
        form = DriveForm(request.POST, movements=movements)
        done = _("Đã thêm “{drive}”.") if drive is None else _("Đã lưu “{drive}”.")
        outcome = run_service(
            request,
            lambda: _save_drive(request.user, cluster_year, drive, form.cleaned_data),
            form=form,
            success=lambda saved: done.format(drive=saved.name),
        )
        if outcome.value is not None:
            return redirect(
                "planning:drive",
                code=cluster_year.cluster.code,
                year=cluster_year.year,
                number=outcome.value.number,
            )
    context = {"cy": cluster_year, "form": form, "drive": drive}
    return render(request, "planning/drive_form.html", context)


def _save_drive(
    user: Any, cluster_year: ClusterYear, drive: Drive | None, data: dict[str, Any]
) -> Drive:
    if drive is None:
        return services.create_drive(cluster_year=cluster_year, by=user, **_drive_args(data))
    return services.update_drive(drive=drive, by=user, **_drive_args(data))


@login_required
def drive(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    """A drive: its period and occasion, every member's report (or its absence), reopening."""
    item = _drive(request, code, year, number)
    cluster_year = item.cluster_year
    user = request.user
    members = member_units(cluster_year)
    reports = {report.organization_id: report for report in item.reports.all()}
    # The membership of the unit the user acts for (officers, leaders, secretariats), if any.
    own_membership = next(
        (m for m in members if is_unit_user(user) and m.organization_id == user.organization_id),
        None,
    )
    context = {
        "cy": cluster_year,
        "drive": item,
        "rows": [(m, reports.get(m.organization_id)) for m in members],
        "report_count": len(reports),
        "own_membership": own_membership,
        "own_report": reports.get(user.organization_id or 0),
        # Why the user's unit may not report now (deadline passed, not started), if it may not.
        "report_refusal": refusal(user, REPORT_DRIVE.name, item) if own_membership else None,
        "reopen_form": ReopenForm(units=cluster_year_units(cluster_year)),
        "records_on_behalf": REPORT_DRIVE_ON_BEHALF.who.test(user, DriveReport(drive=item)),
        "on_behalf": on_behalf_notes(
            [r for r in reports.values() if r.reported_by_id and _not_the_units(r)]
        ),
    }
    return render(request, "planning/drive.html", context)


def _not_the_units(report: DriveReport) -> bool:
    """Reported by someone who is not the unit's (recorded on its behalf)."""
    by = report.reported_by
    return by is not None and by.organization_id != report.organization_id


@login_required
def drive_report(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    """The user's own unit reports (or edits) its result for the drive."""
    item = _drive(request, code, year, number)
    require_person(request, REPORT_DRIVE.name, item)
    user = request.user
    report = DriveReport.objects.filter(
        drive=item, organization_id=user.organization_id or 0
    ).first()
    evidence = DriveEvidence.objects.filter(report=report) if report else None
    if request.method != "POST":
        initial = {"summary": report.summary} if report else None
        form = DriveReportForm(initial=initial, evidence=evidence)
    else:
        form = DriveReportForm(request.POST, request.FILES, evidence=evidence)
        done = (
            _("Đã gửi báo cáo kết quả “{drive}”.")
            if report is None
            else _("Đã cập nhật báo cáo kết quả “{drive}”.")
        )
        if run_service(
            request,
            lambda: _save_report(user, item, report, form.cleaned_data),
            form=form,
            success=done.format(drive=item.name),
        ):
            return redirect("planning:drive", code=code, year=year, number=number)
    context = {
        "cy": item.cluster_year,
        "drive": item,
        "form": form,
        "report": report,
        "refusal": refusal(user, REPORT_DRIVE.name, item),
    }
    return render(request, "planning/report_form.html", context)


def _save_report(
    user: Any, drive: Drive, report: DriveReport | None, data: dict[str, Any]
) -> DriveReport:
    if report is None:
        return services.submit_drive_report(
            drive=drive,
            organization=user.organization,
            summary=data["summary"],
            files=data["new_files"],
            by=user,
        )
    return services.update_drive_report(
        report=report,
        summary=data["summary"],
        files=data["new_files"],
        remove_evidence_ids=[e.pk for e in data["remove_evidence"]],
        by=user,
    )


@login_required
@require_POST
def drive_reopen(request: AuthedRequest, code: str, year: int, number: int) -> HttpResponse:
    item = _drive(request, code, year, number)
    require_person(request, REOPEN_DRIVE_REPORT.name, item)
    form = ReopenForm(request.POST, units=cluster_year_units(item.cluster_year))
    run_service(
        request,
        lambda: services.reopen_drive_report(
            drive=item,
            organization=form.cleaned_data["organization"],
            until=form.cleaned_data["until"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        ),
        form=form,
        flash=True,
        success=lambda extension: _("Đã mở lại hạn báo cáo cho {unit}.").format(
            unit=form.cleaned_data["organization"]
        ),
    )
    return redirect("planning:drive", code=code, year=year, number=number)


@login_required
def drive_evidence(
    request: AuthedRequest, *, code: str, year: int, number: int, pk: int
) -> HttpResponseBase:
    item = _drive(request, code, year, number)
    evidence = get_object_for_user_or_404(DriveEvidence.objects.filter(report__drive=item), pk=pk)
    return serve_stored_file(evidence.file, evidence.original_name)
