"""Who may do what with the year-end conference. The object of every action is the cluster year
(the conference may not exist yet); the people who run the year run its conference."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext_lazy as _

from thidua.clusters.rules import (
    can_see_cluster_year,
    is_board_officer_of_cluster_year,
    is_secretariat_of_cluster_year,
)
from thidua.core.permissions import action
from thidua.organizations.rules import is_system_admin
from thidua.voting.enums import BallotMode, BallotOutcome, BallotState, ConferenceStatus


def conference_of(cluster_year: Any) -> Any:
    """The conference of the year, or ``None`` (cached on the object by Django)."""
    try:
        return cluster_year.conference
    except ObjectDoesNotExist:
        return None


def rules_of(cluster_year: Any) -> Any:
    try:
        return cluster_year.voting_rules
    except ObjectDoesNotExist:
        return None


def _status(cluster_year: Any) -> str | None:
    conference = conference_of(cluster_year)
    return conference.status if conference is not None else None


@rules.predicate
def conference_not_closed(user: Any, cluster_year: Any) -> bool:
    return _status(cluster_year) != ConferenceStatus.CLOSED


@rules.predicate
def conference_not_recorded(user: Any, cluster_year: Any) -> bool:
    return _status(cluster_year) != ConferenceStatus.RECORDED


@rules.predicate
def session_not_opened(user: Any, cluster_year: Any) -> bool:
    return _status(cluster_year) in (None, ConferenceStatus.DRAFT)


@rules.predicate
def conference_is_draft(user: Any, cluster_year: Any) -> bool:
    return _status(cluster_year) == ConferenceStatus.DRAFT


@rules.predicate
def conference_in_session(user: Any, cluster_year: Any) -> bool:
    return _status(cluster_year) == ConferenceStatus.IN_SESSION


@rules.predicate
def has_voting_rules(user: Any, cluster_year: Any) -> bool:
    return rules_of(cluster_year) is not None


@rules.predicate
def quorum_met(user: Any, cluster_year: Any) -> bool:
    from thidua.voting.selectors import quorum_status

    status = quorum_status(cluster_year)
    return status is not None and status.met


def _no_quorum(user: Any, cluster_year: Any) -> str:
    from thidua.voting.selectors import quorum_status

    status = quorum_status(cluster_year)
    if status is None:
        return str(NO_RULES)
    return str(
        _("Không đủ số đơn vị dự họp: có mặt {present}/{members}, cần {rule}.").format(
            present=status.present, members=status.members, rule=status.rule_text
        )
    )


# --- ballots (docs/dev/voting-design.md §3–§5): the object is the Ballot, or PassBallot ---


def _year_of(ballot: Any) -> Any:
    return ballot.conference.cluster_year


@rules.predicate
def runs_ballot(user: Any, ballot: Any) -> bool:
    return ballot is not None and bool(runs_conference(user, _year_of(ballot)))


@rules.predicate
def sees_ballot(user: Any, ballot: Any) -> bool:
    return ballot is not None and bool(can_see_cluster_year(user, _year_of(ballot)))


@rules.predicate
def is_conference_secretary(user: Any, ballot: Any) -> bool:
    secretary = ballot.conference.secretary_user_id if ballot is not None else None
    return bool(user.is_authenticated and secretary is not None and secretary == user.pk)


@rules.predicate
def is_committee_user(user: Any, ballot: Any) -> bool:
    return bool(
        user.is_authenticated
        and ballot is not None
        and ballot.conference.committee.filter(user_id=user.pk).exists()
    )


def _ballot_state(state: str) -> Any:
    @rules.predicate(name=f"ballot_is_{state}")
    def predicate(user: Any, ballot: Any) -> bool:
        return ballot is not None and ballot.state == state

    return predicate


ballot_is_draft = _ballot_state(BallotState.DRAFT)
ballot_is_open = _ballot_state(BallotState.OPEN)
ballot_is_closed = _ballot_state(BallotState.CLOSED)


@rules.predicate
def ballot_in_session(user: Any, ballot: Any) -> bool:
    return ballot.conference.status == ConferenceStatus.IN_SESSION


@rules.predicate
def year_in_session(user: Any, cluster_year: Any) -> bool:
    return _status(cluster_year) == ConferenceStatus.IN_SESSION


@rules.predicate
def has_candidates(user: Any, ballot: Any) -> bool:
    return ballot.candidates.exists()


@rules.predicate
def ballot_quorum_met(user: Any, ballot: Any) -> bool:
    return bool(quorum_met(user, _year_of(ballot)))


def _ballot_no_quorum(user: Any, ballot: Any) -> str:
    return _no_quorum(user, _year_of(ballot))


@rules.predicate
def takes_paper(user: Any, ballot: Any) -> bool:
    return ballot.mode in (BallotMode.PAPER, BallotMode.MIXED)


@rules.predicate
def takes_online(user: Any, ballot: Any) -> bool:
    return ballot.mode in (BallotMode.ONLINE, BallotMode.MIXED)


@rules.predicate
def needs_runoff(user: Any, ballot: Any) -> bool:
    return (
        ballot.state == BallotState.CLOSED
        and ballot.outcome == BallotOutcome.RUNOFF_NEEDED
        and not ballot.runoffs.exclude(state=BallotState.CANCELLED).exists()
    )


@rules.predicate
def pass_is_live(user: Any, obj: Any) -> bool:
    voter_pass = getattr(obj, "voter_pass", None)
    return bool(
        voter_pass is not None
        and not voter_pass.revoked
        and voter_pass.conference_id == obj.ballot.conference_id
    )


@rules.predicate
def pass_ballot_open(user: Any, obj: Any) -> bool:
    return obj.ballot.state == BallotState.OPEN and takes_online(user, obj.ballot)


@rules.predicate
def pass_unit_may_vote(user: Any, obj: Any) -> bool:
    return obj.ballot.eligibilities.filter(
        organization_id=obj.voter_pass.organization_id, present=True
    ).exists()


@rules.predicate
def pass_unit_not_voted(user: Any, obj: Any) -> bool:
    return not obj.ballot.eligibilities.filter(
        organization_id=obj.voter_pass.organization_id, voted=True
    ).exists()


NOT_DRAFT = _("Phiếu đã mở hoặc đã kết thúc: không sửa được nữa.")
NOT_OPEN = _("Phiếu không trong thời gian bỏ phiếu.")

NO_RULES = _(
    "Chưa có quy chế bình xét của năm này (tỷ lệ tối thiểu đơn vị dự họp): "
    "nhập quy chế trước khi khai mạc hội nghị."
)
CLOSED = _("Hội nghị đã bế mạc.")

# admin, the board officer of the authority (and of its successors, by lineage), the secretariat
# of the year's head unit: the same people as ``clusters.manage_clusteryear``
runs_conference = (
    is_system_admin | is_board_officer_of_cluster_year | is_secretariat_of_cluster_year
)

VIEW_CONFERENCE = action(
    "voting.view_conference",
    label=_("xem hội nghị tổng kết"),
    who=can_see_cluster_year,
)
MANAGE_CONFERENCE = action(
    "voting.manage_conference",
    label=_("chuẩn bị hội nghị tổng kết"),
    who=runs_conference,
    when=[(conference_not_closed, CLOSED)],
)
SET_RULES = action(
    "voting.set_rules",
    label=_("nhập quy chế bình xét"),
    who=runs_conference,
    when=[(session_not_opened, _("Hội nghị đã khai mạc: không sửa quy chế được nữa."))],
)
OPEN_SESSION = action(
    "voting.open_session",
    label=_("khai mạc hội nghị"),
    who=runs_conference,
    when=[
        (conference_is_draft, _("Hội nghị chưa được tạo hoặc đã khai mạc.")),
        (has_voting_rules, NO_RULES),
        (quorum_met, _no_quorum),
    ],
)
CLOSE_SESSION = action(
    "voting.close_session",
    label=_("bế mạc hội nghị"),
    who=runs_conference,
    when=[(conference_in_session, _("Hội nghị không trong phiên họp."))],
)

# --- ballots ---
CREATE_BALLOT = action(
    "voting.create_ballot",
    label=_("tạo phiếu biểu quyết"),
    who=runs_conference,
    when=[
        (has_voting_rules, NO_RULES),
        (conference_not_closed, CLOSED),
        (conference_not_recorded, _("Hội nghị đã được ghi nhận sau khi họp: không tạo phiếu mới.")),
    ],
)
MANAGE_BALLOT = action(
    "voting.manage_ballot",
    label=_("sửa phiếu biểu quyết, danh sách ứng viên"),
    who=runs_ballot,
    when=[(ballot_is_draft, NOT_DRAFT)],
)
OPEN_BALLOT = action(
    "voting.open_ballot",
    label=_("mở bỏ phiếu"),
    who=runs_ballot,
    when=[
        (ballot_is_draft, NOT_DRAFT),
        (ballot_in_session, _("Hội nghị chưa khai mạc hoặc đã bế mạc.")),
        (has_candidates, _("Danh sách ứng viên đang trống.")),
        (ballot_quorum_met, _ballot_no_quorum),
    ],
)
CANCEL_BALLOT = action(
    "voting.cancel_ballot",
    label=_("hủy phiếu biểu quyết"),
    who=runs_ballot,
    when=[(ballot_is_draft | ballot_is_open, _("Phiếu đã kết thúc hoặc đã hủy."))],
)
CAST_BALLOT = action(
    "voting.cast_ballot",
    label=_("bỏ phiếu"),
    who=pass_is_live,
    when=[
        (pass_ballot_open, NOT_OPEN),
        (
            pass_unit_may_vote,
            _("Đơn vị không có tên trong danh sách cử tri có mặt của phiếu này."),
        ),
        (pass_unit_not_voted, _("Đơn vị đã bỏ phiếu; phiếu không được tính thêm.")),
    ],
)
ENTER_PAPER_TALLY = action(
    "voting.enter_paper_tally",
    label=_("nhập kết quả kiểm phiếu giấy"),
    who=runs_ballot | is_committee_user,
    when=[
        (ballot_is_open, NOT_OPEN),
        (takes_paper, _("Phiếu này chỉ bỏ trực tuyến.")),
    ],
)
CLOSE_BALLOT = action(
    "voting.close_ballot",
    label=_("kết thúc bỏ phiếu, kiểm phiếu"),
    who=is_conference_secretary | runs_ballot,
    when=[
        (ballot_is_open, NOT_OPEN),
        (ballot_quorum_met, _ballot_no_quorum),
    ],
)
VIEW_RESULTS = action(
    "voting.view_results",
    label=_("xem kết quả và bảng phiếu"),
    who=sees_ballot,
    when=[(ballot_is_closed, _("Chưa kết thúc bỏ phiếu: kết quả chưa được công bố."))],
)
CREATE_RUNOFF = action(
    "voting.create_runoff",
    label=_("tạo phiếu bầu lại"),
    who=runs_ballot,
    when=[
        (needs_runoff, _("Phiếu này không cần bầu lại.")),
        (ballot_in_session, _("Hội nghị chưa khai mạc hoặc đã bế mạc.")),
    ],
)
ISSUE_PASSES = action(
    "voting.issue_passes",
    label=_("cấp thẻ biểu quyết"),
    who=runs_conference,
    when=[(year_in_session | conference_is_draft, _("Hội nghị đã bế mạc hoặc chưa được tạo."))],
)

# set-up


@rules.predicate
def is_secretary_of_year(user: Any, cluster_year: Any) -> bool:
    """The secretary named on the conference (``Conference.secretary_user``)."""
    conference = conference_of(cluster_year)
    return bool(
        conference is not None
        and user.is_authenticated
        and conference.secretary_user_id is not None
        and conference.secretary_user_id == user.pk
    )


RECORD_DECISION = action(
    "voting.record_decision",
    label=_("ghi kết luận từng nội dung hội nghị"),
    who=runs_conference | is_secretary_of_year,
    when=[(conference_in_session, _("Chỉ ghi kết luận khi hội nghị đang họp."))],
)


# outcomes


def _ballot_states(cluster_year: Any) -> list[str]:
    from thidua.voting.models import Ballot

    conference = conference_of(cluster_year)
    if conference is None:
        return []
    return list(Ballot.objects.filter(conference=conference).values_list("state", flat=True))


@rules.predicate
def every_ballot_settled(user: Any, cluster_year: Any) -> bool:
    settled = (BallotState.CLOSED, BallotState.CANCELLED)
    return all(state in settled for state in _ballot_states(cluster_year))


@rules.predicate
def a_ballot_closed(user: Any, cluster_year: Any) -> bool:
    return BallotState.CLOSED in _ballot_states(cluster_year)


@rules.predicate
def minutes_printable(user: Any, cluster_year: Any) -> bool:
    session = (ConferenceStatus.IN_SESSION, ConferenceStatus.CLOSED, ConferenceStatus.RECORDED)
    return _status(cluster_year) in session or a_ballot_closed(user, cluster_year)


APPLY_OUTCOMES = action(
    "voting.apply_outcomes",
    label=_("ghi nhận kết quả hội nghị (đề nghị khen thưởng, đơn vị trưởng, phó năm sau)"),
    who=runs_conference,
    when=[
        (
            every_ballot_settled,
            _("Còn phiếu chưa kết thúc: kết thúc hoặc hủy mọi phiếu trước khi ghi nhận kết quả."),
        ),
        (a_ballot_closed, _("Chưa có phiếu nào kết thúc: chưa có kết quả để ghi nhận.")),
    ],
)
PRINT_MINUTES = action(
    "voting.print_minutes",
    label=_("in biên bản kiểm phiếu, biên bản hội nghị tổng kết"),
    who=can_see_cluster_year,
    when=[(minutes_printable, _("Hội nghị chưa khai mạc và chưa có phiếu nào kết thúc."))],
)
# ballot pages


@rules.predicate
def year_is_past(user: Any, cluster_year: Any) -> bool:
    from django.utils import timezone

    return bool(cluster_year.year < timezone.localdate().year)


@rules.predicate
def no_live_conference(user: Any, cluster_year: Any) -> bool:
    """Nothing was or is being voted in the app this year (a recorded conference may grow)."""
    conference = conference_of(cluster_year)
    if conference is None:
        return True
    if conference.status not in (ConferenceStatus.DRAFT, ConferenceStatus.RECORDED):
        return False
    return not (
        conference.ballots.exclude(mode=BallotMode.RECORDED)
        .exclude(state=BallotState.CANCELLED)
        .exists()
    )


VERIFY_BALLOT = action(
    "voting.verify_ballot",
    label=_("kiểm lại kết quả từ bảng phiếu"),
    who=sees_ballot,
    when=[(ballot_is_closed, _("Chưa kết thúc bỏ phiếu: chưa có bảng phiếu để kiểm lại."))],
)
RECORD_PAST_CONFERENCE = action(
    "voting.record_past_conference",
    label=_("ghi nhận kết quả hội nghị đã họp"),
    who=runs_conference,
    when=[
        (year_is_past, _("Chỉ ghi nhận hội nghị của những năm trước năm hiện tại.")),
        (
            no_live_conference,
            _("Hội nghị năm này đã họp hoặc đang bỏ phiếu trên hệ thống: không ghi nhận sau."),
        ),
        (has_voting_rules, NO_RULES),
    ],
)
