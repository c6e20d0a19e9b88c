"""Recording a pledge signed on paper at a dated conference (the secretariat, the board)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from thidua.clusters.selectors import cluster_year_detail, cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.web import refusal, require_person, run_service
from thidua.start_of_year.paper_forms import PaperSigningForm
from thidua.start_of_year.rules import RECORD_PAPER_SIGNING
from thidua.start_of_year.selectors import pledge_page_data
from thidua.start_of_year.services import signatures


@login_required
def pledge_paper(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """GET: the conference form with a row per unit that has not signed; POST: record it."""
    cluster_year = cluster_year_or_404(request.user, code, year, cluster_year_detail(request.user))
    page = pledge_page_data(cluster_year)
    if page is None or page.pledge is None:
        raise Http404
    pledge = page.pledge
    require_person(request, RECORD_PAPER_SIGNING.name, pledge)
    unsigned = [row.organization for row in page.rows if row.signature is None]
    form = PaperSigningForm(
        request.POST if request.method == "POST" else None,
        units=unsigned,
        initial={
            "conference_date": pledge.conference_date,
            "conference_place": pledge.conference_place,
            "place": pledge.place,
        },
    )
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: signatures.record_paper_signing(
                pledge=pledge,
                by=request.user,
                conference_date=form.cleaned_data["conference_date"],
                conference_place=form.cleaned_data["conference_place"],
                place=form.cleaned_data["place"],
                signatures=form.signatures(),
            ),
            form=form,
            success=_("Đã ghi nhận giao ước ký trên giấy tại hội nghị."),
        )
        if outcome.ok:
            return redirect("start_of_year:pledge", code=code, year=year)
    context = {
        "cy": cluster_year,
        "pledge": pledge,
        "form": form,
        "refusal": refusal(request.user, RECORD_PAPER_SIGNING.name, pledge),
    }
    return render(request, "start_of_year/pledge_paper.html", context)
