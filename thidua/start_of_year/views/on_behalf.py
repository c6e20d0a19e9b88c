"""Ghi thay đơn vị (có lý do): the board records a member unit's signature on the pledge or its
registration that came on paper only (``start_of_year.sign_pledge_on_behalf``,
``start_of_year.submit_registration_on_behalf``). Anyone else gets a 403 with the reason; when
the state or the unit's deadline stops the board too, the page says why."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_detail, cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.web import refusal, require_person, run_service
from thidua.organizations.models import Organization
from thidua.start_of_year.enums import CURRENT_PLEDGE_STATUSES
from thidua.start_of_year.forms import RegistrationOnBehalfForm, SignOnBehalfForm
from thidua.start_of_year.models import Pledge, PledgeSignature
from thidua.start_of_year.rules import SIGN_PLEDGE_ON_BEHALF, SUBMIT_REGISTRATION_ON_BEHALF
from thidua.start_of_year.selectors import registration_page_data
from thidua.start_of_year.services.on_behalf import (
    sign_pledge_on_behalf,
    submit_registration_on_behalf,
)
from thidua.start_of_year.views.registrations import _awards, _member


def _year(request: AuthedRequest, code: str, year: int) -> ClusterYear:
    return cluster_year_or_404(request.user, code, year, queryset=cluster_year_detail(request.user))


def _unsigned(cluster_year: ClusterYear, pledge: Pledge) -> Any:
    signed = pledge.signatures.values("organization_id")
    members = [m.organization_id for m in cluster_year.memberships.all()]
    return (
        Organization.objects.filter(pk__in=members)
        .exclude(pk__in=signed)
        .select_related("authority")
        .order_by("sort_key")
    )


@login_required
def pledge_sign_on_behalf(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _year(request, code, year)
    pledge = Pledge.objects.filter(
        cluster_year=cluster_year, status__in=CURRENT_PLEDGE_STATUSES
    ).first()
    if pledge is None:
        raise Http404
    require_person(request, SIGN_PLEDGE_ON_BEHALF.name, PledgeSignature(pledge=pledge))
    units = _unsigned(cluster_year, pledge)
    form = SignOnBehalfForm(request.POST or None, units=units)
    status = 200
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: sign_pledge_on_behalf(pledge=pledge, by=request.user, **form.cleaned_data),
            form=form,
            success=lambda signature: _("Đã ghi thay chữ ký giao ước của {unit}.").format(
                unit=signature.organization.name
            ),
        )
        if outcome.ok:
            return redirect("start_of_year:pledge", code=code, year=year)
        status = 400
    context = {"cy": cluster_year, "pledge": pledge, "form": form, "units": units}
    return render(request, "start_of_year/pledge_sign_on_behalf.html", context, status=status)


@login_required
def registration_on_behalf(
    request: AuthedRequest, code: str, year: int, org_code: str
) -> HttpResponse:
    cluster_year = _year(request, code, year)
    page = registration_page_data(cluster_year, _member(cluster_year, org_code), request.user)
    registration = page.registration
    require_person(request, SUBMIT_REGISTRATION_ON_BEHALF.name, registration)
    form = RegistrationOnBehalfForm(
        request.POST or None,
        awards=_awards(cluster_year),
        initial={"award": registration.award_id, "goals": registration.goals},
    )
    status = 200
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: submit_registration_on_behalf(
                cluster_year=cluster_year,
                organization=page.organization,
                by=request.user,
                award=form.cleaned_data["award"],
                goals=form.cleaned_data["goals"],
                models=form.lines("models"),
                topics=form.lines("topics"),
                reason=form.cleaned_data["reason"],
                paper_ref=form.cleaned_data["paper_ref"],
            ),
            form=form,
            success=_("Đã ghi thay và gửi đăng ký thi đua của {unit}.").format(
                unit=page.organization.name
            ),
        )
        if outcome.ok:
            return redirect("start_of_year:registration", code, year, org_code)
        status = 400
    context = {
        "cy": cluster_year,
        "organization": page.organization,
        "registration": registration,
        "form": form,
        "refusal": refusal(request.user, SUBMIT_REGISTRATION_ON_BEHALF.name, registration),
    }
    return render(request, "start_of_year/registration_on_behalf.html", context, status=status)
