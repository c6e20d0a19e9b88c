"""In the room (design §4.2, §5): the voting cards page of the people who run the conference, the
delegates' pages (no account: a card code, kept in the session as the card's id only) and the
meeting screen with its polled state.

Secrecy: a card code is shown once, in the response that issued it; a receipt is shown once, in
the response to the vote. Neither goes to a message, the session, a cookie or a log; the vote
view hides its POST from error reports, and its request and answer have a fixed shape."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_or_404
from thidua.core.http import AuthedRequest, client_ip
from thidua.core.web import refusal, require, require_person, run_service
from thidua.organizations.models import Organization
from thidua.voting import room, seal, throttle
from thidua.voting.models import Ballot, Delegate, Eligibility, VoterPass
from thidua.voting.rules import ISSUE_PASSES, VIEW_CONFERENCE, conference_of
from thidua.voting.selectors import member_units
from thidua.voting.services import casting, passes

SESSION_KEY = "voting_pass"  # the id of the delegate's card, nothing else


def _back(cluster_year: ClusterYear) -> HttpResponse:
    return redirect("voting:passes", cluster_year.cluster.code, cluster_year.year)


# --- voting cards -----------------------------------------------------------------------------


@login_required
@require_GET
def passes_page(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(request.user, code, year)
    require_person(request, ISSUE_PASSES.name, cluster_year)
    rows = room.card_rows(cluster_year)
    context = {
        "cy": cluster_year,
        "conference": conference_of(cluster_year),
        "rows": rows,
        "present_count": sum(1 for row in rows if row.present),
        "issue_refusal": refusal(request.user, ISSUE_PASSES.name, cluster_year),
    }
    return render(request, "voting/passes.html", context)


def _unit(cluster_year: ClusterYear, value: str) -> Organization:
    unit = next((u for u in member_units(cluster_year) if str(u.pk) == value), None)
    if unit is None:
        raise Http404
    return unit


def _leaders(cluster_year: ClusterYear) -> dict[int, str]:
    """The head of each unit's delegation, printed on its card."""
    heads = Delegate.objects.filter(
        attendance__conference=conference_of(cluster_year), leads_delegation=True
    ).values_list("attendance__organization_id", "full_name")
    return dict(heads)


@login_required
@require_POST
@never_cache
def passes_issue(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    """Issue cards (all present units, or one: a reissue revokes its old card) and show the
    codes on a printable page, this once."""
    cluster_year = cluster_year_or_404(request.user, code, year)
    require_person(request, ISSUE_PASSES.name, cluster_year)
    if request.POST.get("unit"):
        units = [_unit(cluster_year, request.POST["unit"])]
    else:
        units = [row.organization for row in room.card_rows(cluster_year) if row.present]
        if not units:
            messages.error(request, _("Chưa có đơn vị nào có mặt: điểm danh trước khi cấp thẻ."))
            return _back(cluster_year)
    outcome = run_service(
        request,
        lambda: passes.issue_passes(
            cluster_year=cluster_year,
            units=units,
            issued_to=_leaders(cluster_year),
            user=request.user,
        ),
    )
    if not outcome.ok or outcome.value is None:
        return _back(cluster_year)
    context = {
        "cy": cluster_year,
        "cards": outcome.value,
        "delegate_url": request.build_absolute_uri(reverse("voting:delegate")),
    }
    return render(request, "voting/pass_cards.html", context)


@login_required
@require_POST
def passes_revoke(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(request.user, code, year)
    require_person(request, ISSUE_PASSES.name, cluster_year)
    unit = _unit(cluster_year, request.POST.get("unit", ""))
    run_service(
        request,
        lambda: passes.revoke_pass(cluster_year=cluster_year, organization=unit, user=request.user),
        success=_("Đã thu hồi thẻ biểu quyết của {unit}.").format(unit=unit.name),
    )
    return _back(cluster_year)


# --- delegates (no account) -------------------------------------------------------------------


def _address(request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


def _card(request: HttpRequest) -> VoterPass | None:
    return room.live_pass(request.session.get(SESSION_KEY))


def _entry(request: HttpRequest, error: str = "", status: int = 200) -> HttpResponse:
    return render(request, "voting/delegate_entry.html", {"error": error}, status=status)


def _ballots_page(
    request: HttpRequest, card: VoterPass, *, error: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "card": card,
        "ballots": room.delegate_ballots(card),
        "error": error,
        "blank_pick": BLANK_PICK,
    }
    return render(request, "voting/delegate.html", context, status=status)


def _enter(request: HttpRequest) -> HttpResponse:
    address = _address(request)
    if throttle.blocked(address):
        return _entry(
            request,
            _("Nhập sai mã thẻ quá nhiều lần. Vui lòng thử lại sau {minutes} phút.").format(
                minutes=throttle.WINDOW_SECONDS // 60
            ),
            status=429,
        )
    card = passes.find_pass(request.POST.get("code", ""))
    if card is None:
        throttle.record_miss(address)
        return _entry(
            request,
            _(
                "Mã thẻ không đúng hoặc thẻ đã bị thu hồi. Kiểm tra lại 12 ký tự in trên thẻ "
                "biểu quyết."
            ),
            status=400,
        )
    request.session.cycle_key()
    request.session[SESSION_KEY] = card.pk
    return redirect("voting:delegate")


@sensitive_post_parameters("code")
@never_cache
def delegate(request: HttpRequest) -> HttpResponse:
    """The card entry, then the open questions of the card's conference for its unit."""
    if request.method == "POST":
        return _enter(request)
    card = _card(request)
    if card is None:
        if request.session.pop(SESSION_KEY, None) is not None:
            return _entry(request, _("Thẻ biểu quyết đã bị thu hồi: nhập mã thẻ mới."))
        return _entry(request)
    return _ballots_page(request, card)


# a single choice posts ``pick``: a candidate uuid, or this blank of the same length
BLANK_PICK = "-" * 36


def _marks(request: HttpRequest) -> dict[str, str]:
    """candidate uuid → Y / N / -: one field ``c-<uuid>`` per candidate (the last value wins,
    for a checkbox sent together with its hidden blank), and ``pick`` for a single choice."""
    marks = {
        key[2:]: (request.POST.getlist(key) or ["-"])[-1]
        for key in request.POST
        if key.startswith("c-")
    }
    pick = request.POST.get("pick", "")
    if pick.strip("-"):
        marks[pick] = "Y"
    return marks


def _already_voted(card: VoterPass, ballot: Ballot) -> bool:
    return Eligibility.objects.filter(
        ballot=ballot, organization_id=card.organization_id, voted=True
    ).exists()


@sensitive_post_parameters()
@never_cache
@require_POST
def delegate_vote(request: HttpRequest, ballot_uuid: Any) -> HttpResponse:
    """Seal the unit's ballot; the answer shows the receipt, in this response only."""
    card = _card(request)
    if card is None:
        return _entry(request, _("Nhập mã thẻ biểu quyết trước khi bỏ phiếu."), status=403)
    ballot = get_object_or_404(
        Ballot.objects.select_related("conference__cluster_year"),
        uuid=ballot_uuid,
        conference_id=card.conference_id,
    )
    receipt = room.receipt_from(ballot, request.POST.get("receipt", ""))
    if receipt is None:
        error = _("Phiếu không hợp lệ (mã phiếu bị sửa): tải lại trang bỏ phiếu.")
        return _ballots_page(request, card, error=error, status=400)
    try:
        casting.cast(
            voter_pass=card,
            ballot=ballot,
            marks=_marks(request),
            receipt=receipt,
            user=request.user,
        )
    except (PermissionDenied, ValidationError) as exc:
        if _already_voted(card, ballot):
            voted = {"card": card, "ballot": ballot}
            return render(request, "voting/delegate_voted.html", voted, status=409)
        reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        return _ballots_page(request, card, error=reason, status=400)
    done: dict[str, Any] = {"card": card, "ballot": ballot, "receipt": seal.show(receipt)}
    return render(request, "voting/delegate_done.html", done)


@require_POST
def delegate_leave(request: HttpRequest) -> HttpResponse:
    """Forget the card on this device."""
    request.session.pop(SESSION_KEY, None)
    return redirect("voting:delegate")


# --- the meeting screen -----------------------------------------------------------------------


def _screen_context(request: HttpRequest, cluster_year: ClusterYear) -> dict[str, Any]:
    conference = conference_of(cluster_year)
    ballots = room.screen_ballots(conference)
    if conference is not None:  # the permission reads ballot.conference.cluster_year: no query
        conference.cluster_year = cluster_year
        for each in ballots:
            each.conference = conference
    wanted = request.GET.get("ballot") or None
    current = room.current_ballot(ballots, wanted)
    return {
        "cy": cluster_year,
        "conference": conference,
        "ballots": ballots,
        "wanted": wanted if current is not None else None,
        "screen": room.screen_of(current, request.user),
    }


@login_required
@require_GET
def screen(request: AuthedRequest, code: str, year: int) -> HttpResponse:
    cluster_year = cluster_year_or_404(request.user, code, year)
    require(request, VIEW_CONFERENCE.name, cluster_year)
    return render(request, "voting/screen.html", _screen_context(request, cluster_year))


@require_GET
@never_cache
def screen_state(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The polled part of the screen (counts and states only). No login redirect: a lost
    session answers 404, which the screen treats as a dropped connection."""
    cluster_year = cluster_year_or_404(request.user, code, year)  # type: ignore[arg-type]
    require(request, VIEW_CONFERENCE.name, cluster_year)
    return render(request, "voting/_screen_state.html", _screen_context(request, cluster_year))
