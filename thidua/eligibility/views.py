"""One check: subject, award, achievement year, dossier date → verdict and its reasons."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thidua.core.web import require
from thidua.eligibility import rules
from thidua.eligibility.forms import CheckForm
from thidua.eligibility.preload import check_one
from thidua.eligibility.selectors import may_check


@login_required
def check_page(request: HttpRequest) -> HttpResponse:
    require(request, rules.CHECK.name)
    form = CheckForm(request.GET if "subject_code" in request.GET else None)
    result, unknown = None, False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if may_check(request.user, data["subject_code"], data["award_code"]):
            result = check_one(
                data["subject_code"],
                data["award_code"],
                data["achievement_year"],
                data["received_on"],
            )
        else:
            unknown = True
    context = {"form": form, "result": result, "unknown": unknown}
    return render(request, "eligibility/check.html", context)
