"""Reads of the conference: the page data in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.awards.models import AwardType
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.organizations.models import Organization
from thidua.voting.enums import BallotKind, BallotPurpose, Operator, QuorumBasis
from thidua.voting.models import Attendance, BallotRule, Conference, Delegate
from thidua.voting.quorum import QuorumStatus, evaluate
from thidua.voting.rules import conference_of, rules_of


def member_units(cluster_year: ClusterYear) -> list[Organization]:
    """The member units of the year, by name."""
    memberships = ClusterMembership.objects.filter(cluster_year=cluster_year).select_related(
        "organization"
    )
    return sorted((m.organization for m in memberships), key=_by_name)


def _by_name(organization: Organization) -> str:
    return organization.name


def quorum_status(cluster_year: ClusterYear) -> QuorumStatus | None:
    """Present units against the year's rules; ``None`` without rules (no default in code)."""
    rules = rules_of(cluster_year)
    if rules is None:
        return None
    members = ClusterMembership.objects.filter(cluster_year=cluster_year).count()
    conference = conference_of(cluster_year)
    present = (
        Attendance.objects.filter(conference=conference, present=True).count()
        if conference is not None
        else 0
    )
    return evaluate(
        present=present,
        members=members,
        basis=rules.quorum_basis,
        operator=rules.quorum_operator,
        num=rules.quorum_num,
        den=rules.quorum_den,
        source=rules.source_text,
    )


@dataclass
class AttendanceRow:
    organization: Organization
    attendance: Attendance | None
    delegates: list[Delegate] = field(default_factory=list)

    @property
    def present(self) -> bool:
        return bool(self.attendance and self.attendance.present)


@dataclass
class ConferencePage:
    conference: Conference | None
    rules: Any
    rows: list[AttendanceRow]
    quorum: QuorumStatus | None
    ballot_rules: list[BallotRule] = field(default_factory=list)

    @property
    def present_count(self) -> int:
        return sum(1 for row in self.rows if row.present)


# What the conference page reads of its cluster year: the members with their units, and the
# conference with its chair, secretary, committee, agenda and attendances (and delegates).
CONFERENCE_LOOKUPS = (
    Prefetch("memberships", queryset=ClusterMembership.objects.select_related("organization")),
    Prefetch(
        "conference",
        queryset=Conference.objects.select_related("chair_unit", "secretary_user"),
    ),
    "conference__committee__organization",
    "conference__committee__user",
    "conference__agenda",
    Prefetch("conference__attendances", queryset=Attendance.objects.prefetch_related("delegates")),
)


def conference_year(queryset: QuerySet[ClusterYear]) -> QuerySet[ClusterYear]:
    """``queryset`` with what ``conference_page`` reads: the permission checks (members,
    conference status) and the page then read nothing twice."""
    return queryset.select_related("cluster__authority", "head", "deputy").prefetch_related(
        *CONFERENCE_LOOKUPS
    )


def conference_page(cluster_year: ClusterYear) -> ConferencePage:
    """The conference, its committee, agenda and attendance of every member unit (what
    ``conference_year`` prefetched is not read again)."""
    prefetch_related_objects([cluster_year], *CONFERENCE_LOOKUPS)
    conference = conference_of(cluster_year)
    by_org = {a.organization_id: a for a in conference.attendances.all()} if conference else {}
    members = sorted((m.organization for m in cluster_year.memberships.all()), key=_by_name)
    rows = [
        AttendanceRow(
            organization=org,
            attendance=by_org.get(org.pk),
            delegates=list(by_org[org.pk].delegates.all()) if org.pk in by_org else [],
        )
        for org in members
    ]
    rules = rules_of(cluster_year)
    quorum = None
    if rules is not None:
        quorum = evaluate(
            present=sum(1 for row in rows if row.present),
            members=len(rows),
            basis=rules.quorum_basis,
            operator=rules.quorum_operator,
            num=rules.quorum_num,
            den=rules.quorum_den,
            source=rules.source_text,
        )
    ballot_rules = (
        list(rules.ballot_rules.select_related("award_type").order_by("pk"))
        if rules is not None
        else []
    )
    return ConferencePage(
        conference=conference, rules=rules, rows=rows, quorum=quorum, ballot_rules=ballot_rules
    )


def rule_for(
    cluster_year: ClusterYear, purpose: str, award_type: AwardType | None
) -> BallotRule | None:
    """The cluster's rule for a ballot of this purpose (and award), or ``None``: a ballot
    without a rule says so, no default is written in code."""
    rules = BallotRule.objects.filter(rules__cluster_year=cluster_year, purpose=purpose)
    if award_type is None:
        rules = rules.filter(award_type__isnull=True)
    else:
        rules = rules.filter(award_type=award_type)
    return rules.select_related("award_type").first()


def describe_rule(rule: BallotRule) -> str:
    """The rule in words: "Cờ thi đua của Chính phủ: tối đa 1 đơn vị, tán thành ≥ 2/3 tổng số
    đơn vị thành viên — Điều 9 Quy chế" (``award_type`` loaded)."""
    award = rule.award_type
    subject = award.name if award is not None else BallotPurpose(rule.purpose).label
    if rule.kind == BallotKind.SINGLE_CHOICE:
        seats = _("chọn một đơn vị")
    else:
        seats = _("tối đa {seats} đơn vị").format(seats=rule.seats)
    return _("{subject}: {seats}, tán thành {sign} {num}/{den} {basis} — {source}").format(
        subject=subject,
        seats=seats,
        sign=">" if rule.threshold_operator == Operator.GT else "≥",
        num=rule.threshold_num,
        den=rule.threshold_den,
        basis=QuorumBasis(rule.threshold_basis).label,
        source=rule.source_text,
    )


def staff_users(cluster_year: ClusterYear) -> QuerySet[User]:
    """Who may be the conference's secretary or a counting committee member with an account:
    active users of the year's member units and the board officers of the cluster's authority."""
    members = ClusterMembership.objects.filter(cluster_year=cluster_year).values("organization_id")
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(organization_id__in=members)
            | Q(role=Role.BOARD_OFFICER, authority_id=cluster_year.cluster.authority_id)
        )
        .select_related("organization")
        .order_by("sort_key", "username")
    )
