"""Ghi thay đơn vị (có lý do): the board records a member unit's drive report sent on paper
(``planning.report_drive_on_behalf``). Anyone else gets a 403 with the reason; a unit that may
not report now (deadline, already reported) is refused by the service with its reason."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.core.http import AuthedRequest
from thidua.core.web import require_person, run_service
from thidua.organizations.models import Organization
from thidua.planning.forms import DriveReportOnBehalfForm
from thidua.planning.models import DriveReport
from thidua.planning.rules import REPORT_DRIVE_ON_BEHALF, member_ids
from thidua.planning.services.reports import report_drive_on_behalf
from thidua.planning.views.drives import _drive


@login_required
def drive_report_on_behalf(
    request: AuthedRequest, code: str, year: int, number: int
) -> HttpResponse:
    item = _drive(request, code, year, number)
    require_person(request, REPORT_DRIVE_ON_BEHALF.name, DriveReport(drive=item))
    units = (
        Organization.objects.filter(pk__in=member_ids(item.cluster_year))
        .exclude(pk__in=item.reports.values("organization_id"))
        .select_related("authority")
        .order_by("sort_key")
    )
    form = DriveReportOnBehalfForm(request.POST or None, request.FILES or None, units=units)
    status = 200
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: report_drive_on_behalf(
                drive=item,
                organization=form.cleaned_data["organization"],
                summary=form.cleaned_data["summary"],
                files=form.cleaned_data["new_files"],
                reason=form.cleaned_data["reason"],
                paper_ref=form.cleaned_data["paper_ref"],
                by=request.user,
            ),
            form=form,
            success=lambda report: _("Đã ghi thay báo cáo kết quả của {unit}.").format(
                unit=report.organization.name
            ),
        )
        if outcome.ok:
            return redirect("planning:drive", code=code, year=year, number=number)
        status = 400
    context = {"cy": item.cluster_year, "drive": item, "form": form, "units": units}
    return render(request, "planning/report_on_behalf.html", context, status=status)
