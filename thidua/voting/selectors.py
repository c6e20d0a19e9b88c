"""Reads of the conference: the page data in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.organizations.models import Organization
from thidua.voting.models import Attendance, Conference, Delegate
from thidua.voting.quorum import QuorumStatus, evaluate
from thidua.voting.rules import conference_of, rules_of


def member_units(cluster_year: ClusterYear) -> list[Organization]:
    """The member units of the year, by name."""
    memberships = ClusterMembership.objects.filter(cluster_year=cluster_year).select_related(
        "organization"
    )
    return sorted((m.organization for m in memberships), key=lambda o: o.name)


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

    @property
    def present_count(self) -> int:
        return sum(1 for row in self.rows if row.present)


def conference_page(cluster_year: ClusterYear) -> ConferencePage:
    """The conference, its committee, agenda and attendance of every member unit."""
    conference = (
        Conference.objects.filter(cluster_year=cluster_year)
        .select_related("chair_unit", "secretary_user")
        .prefetch_related(
            "committee__organization",
            "agenda",
            Prefetch(
                "attendances",
                queryset=Attendance.objects.prefetch_related("delegates"),
            ),
        )
        .first()
    )
    by_org = {a.organization_id: a for a in conference.attendances.all()} if conference else {}
    rows = [
        AttendanceRow(
            organization=org,
            attendance=by_org.get(org.pk),
            delegates=list(by_org[org.pk].delegates.all()) if org.pk in by_org else [],
        )
        for org in member_units(cluster_year)
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
    return ConferencePage(conference=conference, rules=rules, rows=rows, quorum=quorum)
