"""Writes of the year-end conference: keyword-only, atomic, permission first, audited.

Side effects: the rows of ``voting`` and one audit event per call. Nothing is written when a
check or a validation fails (each service runs in one transaction)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.voting.enums import DEFAULT_AGENDA, AgendaKind, CommitteeRole, ConferenceStatus
from thidua.voting.models import (
    AgendaItem,
    Attendance,
    Conference,
    CountingCommitteeMember,
    Delegate,
    VotingRules,
)
from thidua.voting.rules import (
    CLOSE_SESSION,
    MANAGE_CONFERENCE,
    OPEN_SESSION,
    RECORD_DECISION,
    SET_RULES,
    conference_of,
)
from thidua.voting.selectors import staff_users


def _conference(cluster_year: ClusterYear) -> Conference:
    conference = conference_of(cluster_year)
    if conference is None:
        raise ValidationError(_("Chưa tạo hội nghị tổng kết của năm này."))
    return conference


def _member_ids(cluster_year: ClusterYear) -> set[int]:
    return set(
        ClusterMembership.objects.filter(cluster_year=cluster_year).values_list(
            "organization_id", flat=True
        )
    )


CONFERENCE_FIELDS = (
    "held_on",
    "place",
    "chair_name",
    "chair_position",
    "chair_unit",
    "secretary_name",
    "secretary_user",
    "minutes_number",
    "minutes_date",
)


def _is_staff(cluster_year: ClusterYear, user: Any) -> bool:
    return staff_users(cluster_year).filter(pk=user.pk).exists()


def _check_chair(cluster_year: ClusterYear, values: dict[str, Any]) -> None:
    chair = values.get("chair_unit")
    if chair is not None and chair.pk not in _member_ids(cluster_year):
        raise ValidationError({"chair_unit": _("Đơn vị chủ trì phải là thành viên của năm này.")})
    secretary = values.get("secretary_user")
    if secretary is not None and not _is_staff(cluster_year, secretary):
        raise ValidationError(
            {
                "secretary_user": _(
                    "Tài khoản thư ký phải là người dùng đang hoạt động của một đơn vị thành "
                    "viên năm này hoặc của Ban Thi đua - Khen thưởng."
                )
            }
        )


@transaction.atomic
def create_conference(
    *, cluster_year: ClusterYear, held_on: dt.date, user: Any, **values: Any
) -> Conference:
    """Create the conference with the default agenda (design §2); the head unit chairs."""
    check(user, MANAGE_CONFERENCE.name, cluster_year)
    if conference_of(cluster_year) is not None:
        raise ValidationError(_("Năm này đã có hội nghị tổng kết."))
    unknown = set(values) - set(CONFERENCE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    values.setdefault("chair_unit", cluster_year.head)
    _check_chair(cluster_year, values)
    conference = Conference.objects.create(cluster_year=cluster_year, held_on=held_on, **values)
    AgendaItem.objects.bulk_create(
        AgendaItem(conference=conference, order=i, kind=kind, title=str(AgendaKind(kind).label))
        for i, kind in enumerate(DEFAULT_AGENDA, start=1)
    )
    cluster_year.conference = conference
    record_event(
        action="voting.conference_created",
        obj=conference,
        actor=user,
        after={"held_on": held_on.isoformat()},
    )
    return conference


@transaction.atomic
def update_conference(*, cluster_year: ClusterYear, user: Any, **values: Any) -> Conference:
    check(user, MANAGE_CONFERENCE.name, cluster_year)
    conference = _conference(cluster_year)
    unknown = set(values) - set(CONFERENCE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    _check_chair(cluster_year, values)
    before = {name: str(getattr(conference, name)) for name in values}
    for name, value in values.items():
        setattr(conference, name, value)
    conference.save()
    after = {name: str(value) for name, value in values.items()}
    record_event(
        action="voting.conference_updated", obj=conference, actor=user, before=before, after=after
    )
    return conference


@dataclass(frozen=True)
class CommitteeEntry:
    full_name: str
    position: str = ""
    organization: Organization | None = None
    role: str = CommitteeRole.MEMBER
    user: Any = None  # the account that may enter paper tallies


@transaction.atomic
def set_committee(
    *, cluster_year: ClusterYear, members: Sequence[CommitteeEntry], user: Any
) -> list[CountingCommitteeMember]:
    """Replace the counting committee (ban kiểm phiếu): at most one head."""
    check(user, MANAGE_CONFERENCE.name, cluster_year)
    conference = _conference(cluster_year)
    if any(not m.full_name.strip() for m in members):
        raise ValidationError(_("Mỗi thành viên ban kiểm phiếu cần họ và tên."))
    if sum(1 for m in members if m.role == CommitteeRole.HEAD) > 1:
        raise ValidationError(_("Ban kiểm phiếu chỉ có một trưởng ban."))
    ids = _member_ids(cluster_year)
    if any(m.organization is not None and m.organization.pk not in ids for m in members):
        raise ValidationError(_("Đơn vị của thành viên ban kiểm phiếu phải là thành viên năm này."))
    if any(m.user is not None and not _is_staff(cluster_year, m.user) for m in members):
        raise ValidationError(
            _(
                "Tài khoản của thành viên ban kiểm phiếu phải là người dùng đang hoạt động của "
                "một đơn vị thành viên năm này hoặc của Ban Thi đua - Khen thưởng."
            )
        )
    conference.committee.all().delete()
    created = CountingCommitteeMember.objects.bulk_create(
        CountingCommitteeMember(
            conference=conference,
            full_name=m.full_name.strip(),
            position=m.position.strip(),
            organization=m.organization,
            role=m.role,
            user=m.user,
            order=i,
        )
        for i, m in enumerate(members, start=1)
    )
    record_event(
        action="voting.committee_set",
        obj=conference,
        actor=user,
        after={
            "members": [m.full_name for m in members],
            "users": [m.user.username for m in members if m.user is not None],
        },
    )
    return created


@transaction.atomic
def set_agenda(
    *, cluster_year: ClusterYear, items: Sequence[tuple[str, str]], user: Any
) -> list[AgendaItem]:
    """Replace the agenda with ``(kind, title)`` items in order (a blank title takes the kind's)."""
    check(user, MANAGE_CONFERENCE.name, cluster_year)
    conference = _conference(cluster_year)
    if not items:
        raise ValidationError(_("Chương trình hội nghị cần ít nhất một nội dung."))
    if any(kind not in AgendaKind.values for kind, _title in items):
        raise ValidationError(_("Loại nội dung không hợp lệ."))
    conference.agenda.all().delete()
    created = AgendaItem.objects.bulk_create(
        AgendaItem(
            conference=conference,
            order=i,
            kind=kind,
            title=(title.strip() or str(AgendaKind(kind).label))[:300],
        )
        for i, (kind, title) in enumerate(items, start=1)
    )
    record_event(
        action="voting.agenda_set",
        obj=conference,
        actor=user,
        after={"items": [a.title for a in created]},
    )
    return created


@dataclass(frozen=True)
class DelegateEntry:
    full_name: str
    position: str = ""
    leads_delegation: bool = False


@dataclass(frozen=True)
class AttendanceEntry:
    organization: Organization
    present: bool
    absence_reason: str = ""
    delegates: Sequence[DelegateEntry] = field(default_factory=tuple)


def _check_attendance(cluster_year: ClusterYear, entries: Sequence[AttendanceEntry]) -> None:
    ids = _member_ids(cluster_year)
    errors: list[str] = []
    seen: set[int] = set()
    for entry in entries:
        name = entry.organization.name
        if entry.organization.pk not in ids:
            errors.append(_("{unit} không phải đơn vị thành viên năm này.").format(unit=name))
        if entry.organization.pk in seen:
            errors.append(_("{unit} được điểm danh hai lần.").format(unit=name))
        seen.add(entry.organization.pk)
        if entry.present and not entry.delegates:
            errors.append(_("{unit} có mặt: cần tên ít nhất một đại biểu.").format(unit=name))
        if not entry.present and entry.delegates:
            errors.append(_("{unit} vắng mặt: không ghi đại biểu.").format(unit=name))
        if sum(1 for d in entry.delegates if d.leads_delegation) > 1:
            errors.append(_("{unit}: chỉ một trưởng đoàn.").format(unit=name))
        if any(not d.full_name.strip() for d in entry.delegates):
            errors.append(_("{unit}: đại biểu cần họ và tên.").format(unit=name))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_attendance(
    *, cluster_year: ClusterYear, entries: Sequence[AttendanceEntry], user: Any
) -> list[Attendance]:
    """Record the attendance of the given member units and their delegates, all or nothing."""
    check(user, MANAGE_CONFERENCE.name, cluster_year)
    conference = _conference(cluster_year)
    _check_attendance(cluster_year, entries)
    saved = []
    for entry in entries:
        attendance, _created = Attendance.objects.update_or_create(
            conference=conference,
            organization=entry.organization,
            defaults={
                "present": entry.present,
                "absence_reason": "" if entry.present else entry.absence_reason.strip(),
            },
        )
        attendance.delegates.all().delete()
        Delegate.objects.bulk_create(
            Delegate(
                attendance=attendance,
                full_name=d.full_name.strip(),
                position=d.position.strip(),
                leads_delegation=d.leads_delegation,
            )
            for d in entry.delegates
        )
        saved.append(attendance)
    record_event(
        action="voting.attendance_recorded",
        obj=conference,
        actor=user,
        after={e.organization.name: e.present for e in entries},
    )
    return saved


@transaction.atomic
def set_voting_rules(
    *,
    cluster_year: ClusterYear,
    source_text: str,
    quorum_basis: str,
    quorum_operator: str,
    quorum_num: int,
    quorum_den: int,
    tie_break: str,
    self_vote_allowed: bool,
    user: Any,
) -> VotingRules:
    """Record the cluster's rules (quy chế) as data, with their source."""
    check(user, SET_RULES.name, cluster_year)
    if not source_text.strip():
        raise ValidationError({"source_text": _("Ghi rõ căn cứ: quy chế nào, điều nào.")})
    if quorum_den < 1 or quorum_num < 1 or quorum_num > quorum_den:
        raise ValidationError(
            {"quorum_num": _("Tỷ lệ phải là một phân số từ 1/{d} đến 1.").format(d=quorum_den)}
        )
    values = {
        "source_text": source_text.strip(),
        "quorum_basis": quorum_basis,
        "quorum_operator": quorum_operator,
        "quorum_num": quorum_num,
        "quorum_den": quorum_den,
        "tie_break": tie_break,
        "self_vote_allowed": self_vote_allowed,
    }
    rules, _created = VotingRules.objects.update_or_create(
        cluster_year=cluster_year, defaults=values
    )
    rules.full_clean()
    cluster_year.voting_rules = rules
    record_event(
        action="voting.rules_set",
        obj=rules,
        actor=user,
        after={k: str(v) for k, v in values.items()},
    )
    return rules


def _set_status(cluster_year: ClusterYear, status: str, action: str, user: Any) -> Conference:
    conference = _conference(cluster_year)
    before = conference.status
    conference.status = status
    conference.save(update_fields=["status", "updated"])
    record_event(
        action=action,
        obj=conference,
        actor=user,
        before={"status": before},
        after={"status": status},
    )
    return conference


@transaction.atomic
def open_session(*, cluster_year: ClusterYear, user: Any) -> Conference:
    """Khai mạc: needs the rules and the quorum met by the attendance."""
    check(user, OPEN_SESSION.name, cluster_year)
    return _set_status(cluster_year, ConferenceStatus.IN_SESSION, "voting.session_opened", user)


@transaction.atomic
def close_session(*, cluster_year: ClusterYear, user: Any) -> Conference:
    """Bế mạc: the conference is read-only afterwards."""
    check(user, CLOSE_SESSION.name, cluster_year)
    return _set_status(cluster_year, ConferenceStatus.CLOSED, "voting.session_closed", user)


@transaction.atomic
def record_decision(
    *, cluster_year: ClusterYear, item_id: int, decision_text: str, user: Any
) -> AgendaItem:
    """Write the conclusion (kết luận) of one agenda item while in session; a blank text clears
    it (the item is no longer decided)."""
    check(user, RECORD_DECISION.name, cluster_year)
    conference = _conference(cluster_year)
    item = conference.agenda.filter(pk=item_id).first()
    if item is None:
        raise ValidationError(_("Không có nội dung này trong chương trình hội nghị."))
    before = {"decision_text": item.decision_text, "decided": item.decided}
    item.decision_text = decision_text.strip()
    item.decided = bool(item.decision_text)
    item.save(update_fields=["decision_text", "decided", "updated"])
    record_event(
        action="voting.decision_recorded",
        obj=item,
        actor=user,
        before=before,
        after={"decision_text": item.decision_text, "decided": item.decided},
    )
    return item
