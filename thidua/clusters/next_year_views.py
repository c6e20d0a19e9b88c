"""Pages of opening the next year ("Mở năm tiếp theo") and of recording a past year's heads
from paper. Thin: the proposal is ``next_year.next_year_proposal``, the writes are
``services.open_next_year`` and ``services.record_past_heads``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.clusters import services
from thidua.clusters.models import ClusterYear
from thidua.clusters.next_year import next_year_proposal
from thidua.clusters.next_year_forms import NextYearForm, PastHeadsForm
from thidua.clusters.selectors import cluster_year_detail, cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.web import refusal, require, require_person, run_service


@login_required
def open_next_year(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """GET: the proposal with its checkboxes; POST: open the year (then its page)."""
    cluster_year = cluster_year_or_404(request.user, code, year, cluster_year_detail(request.user))
    require_person(request, "clusters.open_next_year", cluster_year)
    proposal = next_year_proposal(cluster_year)
    form = NextYearForm(request.POST if request.method == "POST" else None, proposal=proposal)
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: _open(request, cluster_year, form),
            form=form,
            success=lambda new: _("Đã mở năm {year} của {cluster}.").format(
                year=new.year, cluster=new.cluster.name
            ),
        )
        if outcome.ok and outcome.value is not None:
            return redirect("clusters:year", code=code, year=outcome.value.year)
    context = {
        "cy": cluster_year,
        "proposal": proposal,
        "form": form,
        "checked": {int(pk) for pk in (form["members"].value() or [])},
        "refusal": refusal(request.user, "clusters.open_next_year", cluster_year),
    }
    return render(request, "clusters/next_year.html", context, status=200)


def _open(request: AuthedRequest, cluster_year: ClusterYear, form: NextYearForm) -> ClusterYear:
    data = form.cleaned_data
    return services.open_next_year(
        cluster_year=cluster_year,
        members=list(data["members"]),
        head=data["head"],
        deputy=data["deputy"],
        decision_ref=data["decision_ref"],
        decision_date=data["decision_date"],
        carryovers=data["carryovers"],
        user=request.user,
    )


@login_required
@require_POST
def record_past_heads(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(request.user, code, year, cluster_year_detail(request.user))
    require(request, "clusters.record_past_heads", cluster_year)
    form = PastHeadsForm(request.POST, prefix="past", cluster_year=cluster_year)
    run_service(
        request,
        lambda: services.record_past_heads(
            cluster_year=cluster_year,
            status=form.cleaned_data["status"],
            head=form.cleaned_data["head"],
            deputy=form.cleaned_data["deputy"],
            decision_ref=form.cleaned_data["decision_ref"],
            decision_date=form.cleaned_data["decision_date"],
            user=request.user,
        ),
        form=form,
        flash=True,
        success=_("Đã ghi nhận đơn vị trưởng, phó theo hồ sơ."),
    )
    return redirect("clusters:year", code=code, year=year)
