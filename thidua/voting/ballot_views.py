"""The ballot pages (design §3–§5): the list of questions, one question from its candidates to
its result, the public board and the recount. GET renders; each form posts to its own URL, runs
one service and comes back to the question.

The embargo: results, the board and the recount are read only through ``voting.view_results`` /
``voting.verify_ballot``, which no one has before the close — there is nothing to read anyway."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_or_404
from thidua.core.http import AuthedRequest
from thidua.core.web import refusal, require, require_person, run_service
from thidua.voting.ballot_forms import (
    BallotCreateForm,
    CancelForm,
    CandidatesForm,
    PaperTallyForm,
    RecordForm,
)
from thidua.voting.ballot_selectors import (
    award_types_with_rules,
    ballot_groups,
    ballot_or_404,
    ballot_page,
    public_board,
    threshold_text,
)
from thidua.voting.enums import BallotMode
from thidua.voting.models import Ballot
from thidua.voting.rules import (
    CANCEL_BALLOT,
    CLOSE_BALLOT,
    CREATE_BALLOT,
    CREATE_RUNOFF,
    ENTER_PAPER_TALLY,
    MANAGE_BALLOT,
    OPEN_BALLOT,
    RECORD_PAST_CONFERENCE,
    VERIFY_BALLOT,
    VIEW_CONFERENCE,
    VIEW_RESULTS,
    conference_of,
)
from thidua.voting.selectors import member_units
from thidua.voting.services import ballots as ballot_services
from thidua.voting.services.casting import enter_paper_tally
from thidua.voting.services.closing import close_ballot
from thidua.voting.services.recorded import record_past_conference
from thidua.voting.verify import board_file, verify_ballot

BOARD_PAGE = 200


def _year(request: AuthedRequest, code: str, year: int) -> ClusterYear:
    cluster_year = cluster_year_or_404(request.user, code, year)
    require(request, VIEW_CONFERENCE.name, cluster_year)
    return cluster_year


def _ballot(request: AuthedRequest, code: str, year: int, uuid: UUID) -> Ballot:
    return ballot_or_404(_year(request, code, year), uuid)


def _to_ballot(ballot: Ballot) -> HttpResponse:
    cy = ballot.conference.cluster_year
    return redirect("voting:ballot", cy.cluster.code, cy.year, ballot.uuid)


@login_required
def ballot_list(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _year(request, code, year)
    context = {
        "cy": cluster_year,
        "conference": conference_of(cluster_year),
        "groups": ballot_groups(cluster_year),
        "form": BallotCreateForm(
            award_types=award_types_with_rules(cluster_year), noun=cluster_year.noun
        ),
        "create_refusal": refusal(request.user, CREATE_BALLOT.name, cluster_year),
    }
    return render(request, "voting/ballots/list.html", context)


@login_required
@require_POST
def ballot_create(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = _year(request, code, year)
    require_person(request, CREATE_BALLOT.name, cluster_year)
    form = BallotCreateForm(
        request.POST, award_types=award_types_with_rules(cluster_year), noun=cluster_year.noun
    )
    outcome = run_service(
        request,
        lambda: ballot_services.create_ballot(
            cluster_year=cluster_year,
            purpose=form.cleaned_data["purpose"],
            award_type=form.cleaned_data["award_type"],
            mode=form.cleaned_data["mode"],
            title=form.cleaned_data["title"],
            user=request.user,
        ),
        form=form,
        flash=True,
        success=_("Đã tạo phiếu biểu quyết."),
    )
    if outcome.ok and outcome.value is not None:
        return _to_ballot(outcome.value)
    return redirect("voting:ballots", cluster_year.cluster.code, cluster_year.year)


@login_required
def ballot_detail(request: AuthedRequest, code: str, year: int, uuid: UUID) -> HttpResponse:
    ballot = _ballot(request, code, year, uuid)
    page = ballot_page(ballot)
    user = request.user
    context: dict[str, Any] = {
        "cy": ballot.conference.cluster_year,
        "ballot": ballot,
        "page": page,
        "results": user.has_perm(VIEW_RESULTS.name, ballot),
        "open_refusal": refusal(user, OPEN_BALLOT.name, ballot),
        "close_refusal": refusal(user, CLOSE_BALLOT.name, ballot),
        "cancel_form": CancelForm(),
    }
    if user.has_perm(MANAGE_BALLOT.name, ballot):
        context["candidates_form"] = CandidatesForm(
            candidates=page.candidates, addable=page.addable
        )
    if user.has_perm(ENTER_PAPER_TALLY.name, ballot):
        context["paper_form"] = PaperTallyForm(
            candidates=page.candidates,
            voters=page.paper_voters,
            initial={"voters": [e.organization_id for e in page.paper_voters if e.voted]},
        )
    return render(request, "voting/ballots/ballot.html", context)


def _act(
    request: AuthedRequest,
    code: str,
    year: int,
    uuid: UUID,
    *,
    perm: str,
    work: Callable[[Ballot], Any],
) -> HttpResponse:
    """Load the question, refuse someone who may never do ``perm``, run ``work``, go back."""
    ballot = _ballot(request, code, year, uuid)
    require_person(request, perm, ballot)
    result = work(ballot)
    return result if isinstance(result, HttpResponse) else _to_ballot(ballot)


@login_required
@require_POST
def ballot_prefill(request: AuthedRequest, code: str, year: int, uuid: UUID) -> HttpResponse:
    def work(ballot: Ballot) -> None:
        proposed, _source = ballot_services.proposed_candidates(ballot)
        if not proposed:  # never wipe a list for want of a proposal
            messages.warning(
                request,
                _(
                    "Chưa có đơn vị nào được đề xuất (xếp hạng, đăng ký danh hiệu): "
                    "danh sách giữ nguyên."
                ),
            )
            return
        run_service(
            request,
            lambda: ballot_services.prefill_candidates(ballot=ballot, user=request.user),
            success=lambda rows: _("Đã lấy danh sách đề xuất: {n} đơn vị.").format(n=len(rows)),
        )

    return _act(request, code, year, uuid, perm=MANAGE_BALLOT.name, work=work)


@login_required
@require_POST
def ballot_candidates(request: AuthedRequest, code: str, year: int, uuid: UUID) -> HttpResponse:
    def work(ballot: Ballot) -> None:
        page = ballot_page(ballot)
        form = CandidatesForm(request.POST, candidates=page.candidates, addable=page.addable)
        run_service(
            request,
            lambda: ballot_services.set_candidates(
                ballot=ballot, proposed=form.cleaned_data["proposed"], user=request.user
            ),
            form=form,
            flash=True,
            success=_("Đã lưu danh sách ứng viên."),
        )

    return _act(request, code, year, uuid, perm=MANAGE_BALLOT.name, work=work)


@login_required
@require_POST
def ballot_open(request: AuthedRequest, code: str, year: int, uuid: UUID) -> HttpResponse:
    def work(ballot: Ballot) -> None:
        run_service(
            request,
            lambda: ballot_services.open_ballot(ballot=ballot, user=request.user),
            success=_("Đã mở bỏ phiếu."),
        )

    return _act(request, code, year, uuid, perm=OPEN_BALLOT.name, work=work)


@login_required
@require_POST
def ballot_cancel(request: AuthedRequest, code: str, year: int, uuid: UUID) -> HttpResponse:
    def work(ballot: Ballot) -> None:
        form = CancelForm(request.POST)
        run_service(
            request,
            lambda: ballot_services.cancel_ballot(
                ballot=ballot, reason=form.cleaned_data["reason"], user=request.user
            ),
            form=form,
            flash=True,
            success=_("Đã hủy phiếu biểu quyết."),
        )

    return _act(request, code, year, uuid, perm=CANCEL_BALLOT.name, work=work)


@login_required
@require_POST
def ballot_paper(request: AuthedRequest, code: str, year: int, uuid: UUID) -> HttpResponse:
    def work(ballot: Ballot) -> None:
        page = ballot_page(ballot)
        form = PaperTallyForm(request.POST, candidates=page.candidates, voters=page.paper_voters)
        run_service(
            request,
            lambda: enter_paper_tally(ballot=ballot, entry=form.entry(), user=request.user),
            form=form,
            flash=True,
            success=_("Đã ghi kết quả kiểm phiếu giấy."),
        )

    return _act(request, code, year, uuid, perm=ENTER_PAPER_TALLY.name, work=work)


@login_required
@require_POST
def ballot_close(request: AuthedRequest, code: str, year: int, uuid: UUID) -> HttpResponse:
    def work(ballot: Ballot) -> None:
        run_service(
            request,
            lambda: close_ballot(ballot=ballot, user=request.user),
            success=_("Đã kết thúc bỏ phiếu và kiểm phiếu."),
        )

    return _act(request, code, year, uuid, perm=CLOSE_BALLOT.name, work=work)


@login_required
@require_POST
def ballot_runoff(request: AuthedRequest, code: str, year: int, uuid: UUID) -> HttpResponse:
    def work(ballot: Ballot) -> HttpResponse | None:
        outcome = run_service(
            request,
            lambda: ballot_services.create_runoff(ballot=ballot, user=request.user),
            success=_("Đã tạo phiếu bầu lại."),
        )
        return _to_ballot(outcome.value) if outcome.ok and outcome.value is not None else None

    return _act(request, code, year, uuid, perm=CREATE_RUNOFF.name, work=work)


@login_required
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("receipt")
def ballot_board(request: AuthedRequest, code: str, year: int, uuid: UUID) -> HttpResponse:
    """The public board. The receipt to find comes by POST so it never reaches an access log
    (nor, filtered, an error report)."""
    ballot = _ballot(request, code, year, uuid)
    context: dict[str, Any] = {"cy": ballot.conference.cluster_year, "ballot": ballot}
    published = request.user.has_perm(VIEW_RESULTS.name, ballot)
    if published and ballot.mode != BallotMode.RECORDED:
        typed = request.POST.get("receipt", "") if request.method == "POST" else ""
        view = public_board(ballot, typed)
        number = (
            view.found_at // BOARD_PAGE + 1
            if view.found_at is not None
            else request.GET.get("page")
        )
        context |= {
            "board": view.board,
            "page_obj": Paginator(view.board["ballots"], BOARD_PAGE).get_page(number),
            "typed": typed,
            "found": view.found,
            "threshold": threshold_text(ballot, ballot.threshold_source),
        }
    context["published"] = published
    return render(request, "voting/ballots/board.html", context)


@login_required
def ballot_board_json(request: AuthedRequest, code: str, year: int, uuid: UUID) -> HttpResponse:
    ballot = _ballot(request, code, year, uuid)
    if ballot.mode == BallotMode.RECORDED or not request.user.has_perm(VIEW_RESULTS.name, ballot):
        raise Http404
    response = JsonResponse(board_file(ballot), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="bang-phieu-{ballot.uuid}.json"'
    return response


@login_required
def ballot_verify(request: AuthedRequest, code: str, year: int, uuid: UUID) -> HttpResponse:
    ballot = _ballot(request, code, year, uuid)
    allowed = request.user.has_perm(VERIFY_BALLOT.name, ballot)
    check = verify_ballot(ballot) if allowed and ballot.mode != BallotMode.RECORDED else None
    context = {
        "cy": ballot.conference.cluster_year,
        "ballot": ballot,
        "allowed": allowed,
        "check": check,
    }
    return render(request, "voting/ballots/verify.html", context)


def _record_form(cluster_year: ClusterYear, data: Any = None) -> RecordForm:
    return RecordForm(
        data,
        award_types=award_types_with_rules(cluster_year),
        noun=cluster_year.noun,
        members=member_units(cluster_year),
    )


@login_required
@require_http_methods(["GET", "POST"])
def conference_record(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """Ghi nhận hội nghị đã họp: one question at a time, from the minutes."""
    cluster_year = _year(request, code, year)
    require_person(request, RECORD_PAST_CONFERENCE.name, cluster_year)
    form = _record_form(cluster_year, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        outcome = run_service(
            request,
            lambda: record_past_conference(
                cluster_year=cluster_year,
                purpose=form.cleaned_data["purpose"],
                award_type=form.cleaned_data["award_type"],
                minutes=form.minutes(),
                counts=form.counts(),
                results=form.results(),
                title=form.cleaned_data["title"],
                user=request.user,
            ),
            form=form,
            success=_("Đã ghi nhận kết quả theo biên bản."),
        )
        if outcome.ok:
            return redirect("voting:record", cluster_year.cluster.code, cluster_year.year)
    context = {
        "cy": cluster_year,
        "conference": conference_of(cluster_year),
        "groups": ballot_groups(cluster_year),
        "form": form,
        "record_refusal": refusal(request.user, RECORD_PAST_CONFERENCE.name, cluster_year),
    }
    return render(request, "voting/ballots/record.html", context)
