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
from thidua.voting.enums import ConferenceStatus


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


# outcomes


def _ballot_states(cluster_year: Any) -> list[str]:
    from thidua.voting.models import Ballot

    conference = conference_of(cluster_year)
    if conference is None:
        return []
    return list(Ballot.objects.filter(conference=conference).values_list("state", flat=True))


@rules.predicate
def every_ballot_settled(user: Any, cluster_year: Any) -> bool:
    from thidua.voting.enums import BallotState

    settled = (BallotState.CLOSED, BallotState.CANCELLED)
    return all(state in settled for state in _ballot_states(cluster_year))


@rules.predicate
def a_ballot_closed(user: Any, cluster_year: Any) -> bool:
    from thidua.voting.enums import BallotState

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
