"""The secretariat's page of a cluster year: deadlines of the steps, reopening a step for one
unit, and the year's settings (limits). Deadlines are the clusters' actions
(``clusters.set_deadline``, ``clusters.reopen_step``); the settings are this app's."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters import deadlines as deadline_services
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear, DeadlineExtension
from thidua.clusters.rules import REOPEN_STEP, SET_DEADLINE
from thidua.clusters.selectors import cluster_year_detail, cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.web import require, run_service
from thidua.start_of_year.forms import DeadlineForm, ReopenForm, SettingsForm
from thidua.start_of_year.rules import EDIT_SETTINGS
from thidua.start_of_year.selectors import (
    members_of,
    settings_for,
    year_deadline,
    year_deadlines,
)
from thidua.start_of_year.services import year_settings


def _year(request: AuthedRequest, code: str, year: int, perm: str) -> ClusterYear:
    """The cluster year with its members (404 outside the scope) if the user may do ``perm``
    to it (else 403)."""
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    require(request, perm, cluster_year)
    return cluster_year


@login_required
def deadlines_page(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _year(request, code, year, SET_DEADLINE.name)
    context = {
        "cy": cluster_year,
        "steps": year_deadlines(cluster_year),
        # both forms have a step and a reason: their own ids, so no id is on the page twice
        "deadline_form": DeadlineForm(auto_id="deadline_%s"),
        "reopen_form": ReopenForm(members=members_of(cluster_year), auto_id="reopen_%s"),
        "settings_form": SettingsForm(instance=settings_for(cluster_year)),
    }
    return render(request, "start_of_year/deadlines.html", context)


@login_required
@require_POST
def deadline_set(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _year(request, code, year, SET_DEADLINE.name)
    form = DeadlineForm(request.POST)
    run_service(
        request,
        lambda: deadline_services.set_deadline(
            cluster_year=cluster_year, user=request.user, **form.cleaned_data
        ),
        form=form,
        flash=True,
        success=lambda deadline: _("Đã đặt hạn chót “{step}”.").format(
            step=deadline.get_step_display()
        ),
    )
    return redirect("start_of_year:deadlines", code=code, year=year)


@login_required
@require_POST
def deadline_reopen(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _year(request, code, year, REOPEN_STEP.name)
    form = ReopenForm(request.POST, members=members_of(cluster_year))
    back = redirect("start_of_year:deadlines", code=code, year=year)

    def reopen() -> DeadlineExtension:
        data = form.cleaned_data
        deadline = year_deadline(cluster_year, data["step"])
        if deadline is None:
            raise ValidationError(
                _("Bước “{step}” chưa có hạn chót nên không cần mở lại.").format(
                    step=CycleStep(data["step"]).label
                ),
                code="no_deadline",
            )
        return deadline_services.reopen_for_unit(
            deadline=deadline,
            organization=data["organization"],
            until=data["until"],
            reason=data["reason"],
            granted_by=request.user,
        )

    run_service(
        request,
        reopen,
        form=form,
        flash=True,
        success=lambda extension: _("Đã mở lại “{step}” cho {unit}.").format(
            step=extension.deadline.get_step_display(), unit=extension.organization.name
        ),
    )
    return back


@login_required
@require_POST
def settings_save(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _year(request, code, year, EDIT_SETTINGS.name)
    form = SettingsForm(request.POST, instance=settings_for(cluster_year))
    run_service(
        request,
        lambda: year_settings.update_settings(
            cluster_year=cluster_year, by=request.user, **form.cleaned_data
        ),
        form=form,
        flash=True,
        success=_("Đã lưu cài đặt của năm."),
    )
    return redirect("start_of_year:deadlines", code=code, year=year)
