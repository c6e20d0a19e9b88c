"""The conference's outcomes page (``conference/outcomes/``): each closed ballot's result in
words, the acclaimed units (→ award nominations) and the elected head and deputy (→ next year,
through the clusters' next-year proposal and form). Thin: the reads are ``voting.results`` and
``awards.selectors``, the writes ``voting.services.outcomes``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.awards.selectors import nominations_of_year
from thidua.clusters.models import ClusterYear
from thidua.clusters.next_year import NextYearProposal, next_year_proposal
from thidua.clusters.next_year_forms import NextYearForm
from thidua.clusters.selectors import cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.permissions import denial_reason
from thidua.core.web import refusal, require, require_person, run_service
from thidua.voting.documents import CONFERENCE_MINUTES, VOTE_COUNT_MINUTES
from thidua.voting.results import ConferenceResults, conference_results
from thidua.voting.rules import APPLY_OUTCOMES, VIEW_CONFERENCE
from thidua.voting.services.outcomes import apply_acclamations, open_next_year_from_election

OPEN_NEXT_YEAR = "clusters.open_next_year"


def _back(cluster_year: ClusterYear) -> HttpResponse:
    return redirect("voting:outcomes", cluster_year.cluster.code, cluster_year.year)


def _proposal(cluster_year: ClusterYear, results: ConferenceResults) -> NextYearProposal:
    """The clusters' proposal with the elected pair filled in."""
    proposal = next_year_proposal(cluster_year)
    proposal.head = results.head.organization if results.head else None
    proposal.deputy = results.deputy.organization if results.deputy else None
    return proposal


def _next_year_context(
    request: AuthedRequest, cluster_year: ClusterYear, results: ConferenceResults
) -> dict[str, Any]:
    user = request.user
    applies = user.has_perm(APPLY_OUTCOMES.name, cluster_year)
    if not applies or results.head is None or not user.has_perm(OPEN_NEXT_YEAR, cluster_year):
        why = denial_reason(user, OPEN_NEXT_YEAR, cluster_year) if applies else None
        return {"next_year_form": None, "next_year_refusal": why, "proposal": None}
    proposal = _proposal(cluster_year, results)
    form = NextYearForm(proposal=proposal)
    return {
        "next_year_form": form,
        "next_year_refusal": None,
        "proposal": proposal,
        "checked": set(proposal.checked_ids),
    }


@login_required
def outcomes(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(request.user, code, year)
    require(request, VIEW_CONFERENCE.name, cluster_year)
    results = conference_results(cluster_year)
    next_year = (
        ClusterYear.objects.filter(cluster_id=cluster_year.cluster_id, year=year + 1)
        .select_related("head", "deputy")
        .first()
    )
    context: dict[str, Any] = {
        "cy": cluster_year,
        "results": results,
        "nominations": list(nominations_of_year(cluster_year)),
        "next_year": next_year,
        "apply_refusal": refusal(request.user, APPLY_OUTCOMES.name, cluster_year),
        "vote_count_kind": VOTE_COUNT_MINUTES,
        "minutes_kind": CONFERENCE_MINUTES,
    }
    if next_year is None:
        context.update(_next_year_context(request, cluster_year, results))
    return render(request, "voting/outcomes.html", context)


@login_required
@require_POST
def acclamations_apply(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(request.user, code, year)
    require_person(request, APPLY_OUTCOMES.name, cluster_year)
    run_service(
        request,
        lambda: apply_acclamations(cluster_year=cluster_year, user=request.user),
        success=lambda rows: _("Đã ghi nhận {n} đề nghị khen thưởng.").format(n=len(rows)),
    )
    return _back(cluster_year)


@login_required
@require_POST
def next_year_open(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(request.user, code, year)
    require_person(request, APPLY_OUTCOMES.name, cluster_year)
    require_person(request, OPEN_NEXT_YEAR, cluster_year)
    form = NextYearForm(request.POST, proposal=next_year_proposal(cluster_year))
    run_service(
        request,
        lambda: open_next_year_from_election(
            cluster_year=cluster_year,
            members=list(form.cleaned_data["members"]),
            carryovers=form.cleaned_data["carryovers"],
            user=request.user,
        ),
        form=form,
        flash=True,
        success=lambda new: _("Đã mở năm {year} với đơn vị trưởng, phó hội nghị đã bầu.").format(
            year=new.year
        ),
    )
    return _back(cluster_year)
