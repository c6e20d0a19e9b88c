"""Recording a conference held on paper before the app (ghi nhận hội nghị đã họp, design §3.3):
the secretary enters, from the minutes, the final tallies per candidate and the outcome of each
question. No roll, no urn, no board: the question is stored closed with ``mode = recorded``
and the conference is marked ``recorded_after_fact``; every page says "Ghi nhận sau hội nghị".

Side effects: the ``Conference`` (created or marked recorded), its agenda item for the question
if missing, one closed ``Ballot`` with its ``Candidate`` results; one audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.awards.models import AwardType
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.voting import tally
from thidua.voting.enums import (
    AgendaKind,
    BallotKind,
    BallotMode,
    BallotOutcome,
    BallotPurpose,
    BallotState,
    CandidateSource,
    ConferenceStatus,
)
from thidua.voting.models import AgendaItem, Ballot, BallotRule, Candidate, Conference
from thidua.voting.rules import RECORD_PAST_CONFERENCE, conference_of
from thidua.voting.services.ballots import default_title, rule_or_error


@dataclass(frozen=True)
class RecordedResult:
    """One candidate's line of the vote-count minutes."""

    organization: Organization
    yes: int
    no: int
    elected: bool


@dataclass(frozen=True)
class Minutes:
    """The minutes the results are taken from (biên bản kiểm phiếu / hội nghị)."""

    held_on: dt.date
    minutes_date: dt.date
    minutes_number: str = ""


@dataclass(frozen=True)
class Counts:
    """The totals of the question as the minutes give them, in votes."""

    present: int
    received: int
    valid: int
    invalid: int


_AGENDA = {
    BallotPurpose.ACCLAIM: AgendaKind.ACCLAIM,
    BallotPurpose.HEAD: AgendaKind.ELECT,
    BallotPurpose.DEPUTY: AgendaKind.ELECT,
}


def _check_minutes(cluster_year: ClusterYear, minutes: Minutes) -> None:
    errors = []
    if minutes.held_on.year not in (cluster_year.year, cluster_year.year + 1):
        errors.append(
            _("Ngày họp phải trong năm {year} hoặc đầu năm {next}.").format(
                year=cluster_year.year, next=cluster_year.year + 1
            )
        )
    if minutes.held_on > timezone.localdate() or minutes.minutes_date > timezone.localdate():
        errors.append(_("Ngày họp và ngày biên bản không được ở tương lai."))
    if minutes.minutes_date < minutes.held_on:
        errors.append(_("Ngày biên bản không được trước ngày họp."))
    if errors:
        raise ValidationError(errors)


def _check_counts(
    rule: BallotRule, members: set[int], counts: Counts, results: Sequence[RecordedResult]
) -> None:
    errors: list[str] = []
    if not 0 < counts.present <= len(members):
        errors.append(
            _("Số đơn vị có mặt phải từ 1 đến {n}.").format(n=len(members)),
        )
    if counts.received > counts.present:
        errors.append(_("Số phiếu thu về lớn hơn số đơn vị có mặt."))
    if counts.valid + counts.invalid != counts.received:
        errors.append(_("Phiếu hợp lệ cộng phiếu không hợp lệ phải bằng số phiếu thu về."))
    if not results:
        errors.append(_("Danh sách ứng viên đang trống."))
    seen: set[int] = set()
    for row in results:
        if row.organization.pk not in members or row.organization.pk in seen:
            errors.append(
                _("{unit} không phải đơn vị thành viên hoặc có tên hai lần.").format(
                    unit=row.organization.name
                )
            )
        seen.add(row.organization.pk)
        if min(row.yes, row.no) < 0 or row.yes + row.no > counts.valid:
            errors.append(
                _("{unit}: tán thành cộng không tán thành vượt số phiếu hợp lệ.").format(
                    unit=row.organization.name
                )
            )
    limit = 1 if rule.kind == BallotKind.SINGLE_CHOICE else rule.seats
    if (
        rule.kind != BallotKind.APPROVE_REJECT
        and sum(r.yes for r in results) > limit * counts.valid
    ):
        errors.append(_("Tổng số phiếu chọn vượt quá {k} × số phiếu hợp lệ.").format(k=limit))
    if sum(1 for r in results if r.elected) > rule.seats:
        errors.append(_("Số đơn vị đạt vượt chỉ tiêu {k}.").format(k=rule.seats))
    if errors:
        raise ValidationError(errors)


def _conference(cluster_year: ClusterYear, minutes: Minutes) -> Conference:
    conference = conference_of(cluster_year) or Conference(cluster_year=cluster_year)
    conference.held_on = minutes.held_on
    conference.minutes_date = minutes.minutes_date
    conference.minutes_number = minutes.minutes_number.strip()
    conference.status = ConferenceStatus.RECORDED
    conference.recorded_after_fact = True
    conference.save()
    return conference


def _agenda_item(conference: Conference, purpose: str) -> AgendaItem | None:
    kind = _AGENDA.get(BallotPurpose(purpose))
    if kind is None:
        return None
    item = AgendaItem.objects.filter(conference=conference, kind=kind).first()
    if item is None:
        last = AgendaItem.objects.filter(conference=conference).order_by("-order").first()
        item = AgendaItem.objects.create(
            conference=conference,
            order=(last.order + 1) if last else 1,
            kind=kind,
            title=str(AgendaKind(kind).label),
        )
    return item


def _spec(rule: BallotRule, members: int, present: int) -> tally.Spec:
    return tally.Spec(
        kind=rule.kind,
        seats=rule.seats,
        basis=rule.threshold_basis,
        operator=rule.threshold_operator,
        num=rule.threshold_num,
        den=rule.threshold_den,
        electorate_weight=members,
        present_weight=present,
        candidates=(),
    )


def _store(
    conference: Conference,
    rule: BallotRule,
    spec: tally.Spec,
    *,
    title: str,
    minutes: Minutes,
    counts: Counts,
    results: Sequence[RecordedResult],
) -> Ballot:
    """The question, closed as the minutes say, and its candidates' results."""
    ballot = Ballot.objects.create(
        conference=conference,
        agenda_item=_agenda_item(conference, rule.purpose),
        title=title[:300],
        purpose=rule.purpose,
        award_type=rule.award_type,
        kind=rule.kind,
        seats=rule.seats,
        threshold_basis=rule.threshold_basis,
        threshold_operator=rule.threshold_operator,
        threshold_num=rule.threshold_num,
        threshold_den=rule.threshold_den,
        threshold_source=rule.source_text,
        tie_break=rule.rules.tie_break,
        mode=BallotMode.RECORDED,
        state=BallotState.CLOSED,
        opened_on=minutes.held_on,
        closed_on=minutes.held_on,
        electorate_weight=spec.electorate_weight,
        electorate_count=spec.electorate_weight,
        present_weight=counts.present,
        present_count=counts.present,
        issued=counts.present,
        received=counts.received,
        valid=counts.valid,
        invalid=counts.invalid,
        outcome=BallotOutcome.PASSED if any(r.elected for r in results) else BallotOutcome.FAILED,
    )
    Candidate.objects.bulk_create(
        Candidate(
            ballot=ballot,
            organization=row.organization,
            name=row.organization.name,
            order=i,
            source=CandidateSource.MANUAL,
            yes_weight=row.yes,
            no_weight=row.no,
            passed=tally.passes(spec, row.yes),
            elected=row.elected,
        )
        for i, row in enumerate(results, start=1)
    )
    return ballot


def _check_elected(spec: tally.Spec, results: Sequence[RecordedResult]) -> None:
    short = [r.organization.name for r in results if r.elected and not tally.passes(spec, r.yes)]
    if short:
        raise ValidationError(
            _("{units}: số phiếu tán thành không đạt tỷ lệ của quy chế; kiểm tra lại.").format(
                units=", ".join(short)
            )
        )


@transaction.atomic
def record_past_conference(
    *,
    cluster_year: ClusterYear,
    purpose: str,
    award_type: AwardType | None = None,
    minutes: Minutes,
    counts: Counts,
    results: Sequence[RecordedResult],
    title: str = "",
    user: Any,
) -> Ballot:
    """One question of a conference held on paper, as its minutes record it. Counts are votes
    as the minutes give them (weights, if the rules have any, are not applied again)."""
    check(user, RECORD_PAST_CONFERENCE.name, cluster_year)
    if purpose == BallotPurpose.ACCLAIM and award_type is None:
        raise ValidationError(_("Chọn danh hiệu, hình thức khen thưởng được suy tôn."))
    award_type = award_type if purpose == BallotPurpose.ACCLAIM else None
    rule = rule_or_error(cluster_year, purpose, award_type)
    members = set(
        ClusterMembership.objects.filter(cluster_year=cluster_year).values_list(
            "organization_id", flat=True
        )
    )
    _check_minutes(cluster_year, minutes)
    _check_counts(rule, members, counts, results)
    spec = _spec(rule, len(members), counts.present)
    _check_elected(spec, results)
    conference = _conference(cluster_year, minutes)
    if Ballot.objects.filter(
        conference=conference, purpose=purpose, award_type=award_type, mode=BallotMode.RECORDED
    ).exists():
        raise ValidationError(_("Đã ghi nhận kết quả của nội dung này."))
    ballot = _store(
        conference,
        rule,
        spec,
        title=title.strip() or default_title(cluster_year, purpose, award_type),
        minutes=minutes,
        counts=counts,
        results=results,
    )
    record_event(
        action="voting.past_conference_recorded",
        obj=ballot,
        actor=user,
        after={
            "uuid": str(ballot.uuid),
            "title": ballot.title,
            "minutes": f"{minutes.minutes_number} {minutes.minutes_date:%d/%m/%Y}".strip(),
            "received": counts.received,
            "valid": counts.valid,
            "elected": [r.organization.name for r in results if r.elected],
        },
    )
    return ballot
