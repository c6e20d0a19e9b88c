"""Configuring and opening a question (docs/dev/voting-design.md §3): the threshold, the quota
and the kind come from the cluster's ballot rules (data), never from code.

Side effects: ``Ballot``, ``Candidate`` and, when a ballot opens, its ``Eligibility`` roll
(snapshot of members, weights and attendance) and a fresh urn salt; one audit event each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.awards.models import AwardType
from thidua.clusters.candidates import ProposedCandidate
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.voting import seal
from thidua.voting.enums import (
    AgendaKind,
    BallotMode,
    BallotPurpose,
    BallotState,
    CandidateSource,
)
from thidua.voting.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotRule,
    Candidate,
    Eligibility,
)
from thidua.voting.notify import ballot_opened
from thidua.voting.rules import (
    CANCEL_BALLOT,
    CREATE_BALLOT,
    CREATE_RUNOFF,
    MANAGE_BALLOT,
    OPEN_BALLOT,
    conference_of,
    rules_of,
)
from thidua.voting.selectors import rule_for


def rule_or_error(
    cluster_year: ClusterYear, purpose: str, award_type: AwardType | None
) -> BallotRule:
    """The cluster's rule for this question, or a Vietnamese refusal (no default in code)."""
    rule = rule_for(cluster_year, purpose, award_type)
    if rule is None:
        what = award_type.name if award_type else BallotPurpose(purpose).label
        raise ValidationError(
            _(
                "Quy chế bình xét chưa có quy định bỏ phiếu cho “{what}”: nhập quy định trước."
            ).format(what=what)
        )
    return rule


def default_title(cluster_year: ClusterYear, purpose: str, award_type: AwardType | None) -> str:
    noun = cluster_year.noun
    if purpose == BallotPurpose.ACCLAIM and award_type is not None:
        return _("Suy tôn đơn vị đề nghị tặng {award}").format(award=award_type.name)
    if purpose == BallotPurpose.HEAD:
        return _("Bầu đơn vị {noun} trưởng năm {year}").format(
            noun=noun, year=cluster_year.year + 1
        )
    if purpose == BallotPurpose.DEPUTY:
        return _("Bầu đơn vị {noun} phó năm {year}").format(noun=noun, year=cluster_year.year + 1)
    return str(BallotPurpose(purpose).label)


_AGENDA_OF = {
    BallotPurpose.ACCLAIM: AgendaKind.ACCLAIM,
    BallotPurpose.HEAD: AgendaKind.ELECT,
    BallotPurpose.DEPUTY: AgendaKind.ELECT,
}


@transaction.atomic
def create_ballot(
    *,
    cluster_year: ClusterYear,
    purpose: str,
    award_type: AwardType | None = None,
    mode: str = BallotMode.ONLINE,
    title: str = "",
    user: Any,
) -> Ballot:
    """A new question, configured from the cluster's rule for ``purpose`` (and award)."""
    check(user, CREATE_BALLOT.name, cluster_year)
    conference = conference_of(cluster_year)
    if conference is None:
        raise ValidationError(_("Chưa tạo hội nghị tổng kết của năm này."))
    if purpose == BallotPurpose.ACCLAIM and award_type is None:
        raise ValidationError(_("Chọn danh hiệu, hình thức khen thưởng được suy tôn."))
    if purpose != BallotPurpose.ACCLAIM:
        award_type = None
    if mode not in (BallotMode.ONLINE, BallotMode.PAPER, BallotMode.MIXED):
        raise ValidationError(_("Hình thức bỏ phiếu không hợp lệ."))
    rule = rule_or_error(cluster_year, purpose, award_type)
    agenda_kind = _AGENDA_OF.get(BallotPurpose(purpose))
    agenda = (
        AgendaItem.objects.filter(conference=conference, kind=agenda_kind).first()
        if agenda_kind
        else None
    )
    ballot = Ballot.objects.create(
        conference=conference,
        agenda_item=agenda,
        title=(title.strip() or default_title(cluster_year, purpose, award_type))[:300],
        purpose=purpose,
        award_type=award_type,
        kind=rule.kind,
        seats=rule.seats,
        threshold_basis=rule.threshold_basis,
        threshold_operator=rule.threshold_operator,
        threshold_num=rule.threshold_num,
        threshold_den=rule.threshold_den,
        threshold_source=rule.source_text,
        tie_break=rule.rules.tie_break,
        mode=mode,
    )
    record_event(
        action="voting.ballot_created",
        obj=ballot,
        actor=user,
        after={"uuid": str(ballot.uuid), "title": ballot.title, "mode": mode},
    )
    return ballot


def _members(cluster_year: ClusterYear) -> list[Organization]:
    return [
        m.organization
        for m in ClusterMembership.objects.filter(cluster_year=cluster_year).select_related(
            "organization"
        )
    ]


@transaction.atomic
def set_candidates(
    *,
    ballot: Ballot,
    proposed: Sequence[ProposedCandidate],
    user: Any,
    source: str = CandidateSource.MANUAL,
) -> list[Candidate]:
    """Replace the candidate list (member units only, each once), in the given order."""
    check(user, MANAGE_BALLOT.name, ballot)
    cluster_year = ballot.conference.cluster_year
    members = {o.pk for o in _members(cluster_year)}
    seen: set[int] = set()
    for entry in proposed:
        if entry.organization.pk not in members:
            raise ValidationError(
                _("{unit} không phải đơn vị thành viên năm này.").format(
                    unit=entry.organization.name
                )
            )
        if entry.organization.pk in seen:
            raise ValidationError(
                _("{unit} có tên hai lần trong danh sách.").format(unit=entry.organization.name)
            )
        seen.add(entry.organization.pk)
    previous = {c.organization_id: c for c in ballot.candidates.select_related("organization")}
    ballot.candidates.all().delete()
    created = Candidate.objects.bulk_create(
        Candidate(
            ballot=ballot,
            organization=entry.organization,
            name=entry.organization.name,
            order=i,
            source=(
                previous[entry.organization.pk].source
                if entry.organization.pk in previous
                else source
            ),
            ranking_position=entry.rank,
            ranking_score=entry.score,
            registered=entry.registered,
        )
        for i, entry in enumerate(proposed, start=1)
    )
    record_event(
        action="voting.candidates_set",
        obj=ballot,
        actor=user,
        before={"candidates": sorted(c.label for c in previous.values())},
        after={"candidates": [e.organization.name for e in proposed]},
    )
    return created


def proposed_candidates(ballot: Ballot) -> tuple[list[ProposedCandidate], str]:
    """What the sources propose for this question: the ranking and the registrations for an
    award; for an office, the member units with the outgoing deputy first (V-C7)."""
    from thidua.clusters.candidates import combined_candidates

    cluster_year = ballot.conference.cluster_year
    if ballot.purpose == BallotPurpose.ACCLAIM:
        return combined_candidates(cluster_year, ballot.award_type), CandidateSource.RANKING
    members = sorted(_members(cluster_year), key=lambda o: o.name)
    members.sort(key=lambda o: o.pk != cluster_year.deputy_id)
    return [ProposedCandidate(organization=o) for o in members], CandidateSource.MEMBERS


def prefill_candidates(*, ballot: Ballot, user: Any) -> list[Candidate]:
    proposed, source = proposed_candidates(ballot)
    return set_candidates(ballot=ballot, proposed=proposed, user=user, source=source)


def _weights(cluster_year: ClusterYear) -> dict[str, int]:
    rules = rules_of(cluster_year)
    return {str(k): int(v) for k, v in (rules.weights or {}).items()} if rules else {}


@transaction.atomic
def open_ballot(*, ballot: Ballot, user: Any, today: dt.date | None = None) -> Ballot:
    """Open the vote: the roll of voters is the year's members with their weight and presence
    at this moment; a fresh urn salt is drawn (§4.2)."""
    ballot = (
        Ballot.objects.select_for_update()
        .select_related("conference__cluster_year")
        .get(pk=ballot.pk)
    )
    check(user, OPEN_BALLOT.name, ballot)
    cluster_year = ballot.conference.cluster_year
    weights = _weights(cluster_year)
    present = set(
        Attendance.objects.filter(conference=ballot.conference, present=True).values_list(
            "organization_id", flat=True
        )
    )
    roll = [
        Eligibility(
            ballot=ballot,
            organization=unit,
            weight=weights.get(unit.code, 1),
            present=unit.pk in present,
        )
        for unit in _members(cluster_year)
    ]
    Eligibility.objects.bulk_create(roll)
    ballot.electorate_count = len(roll)
    ballot.electorate_weight = sum(e.weight for e in roll)
    ballot.present_count = sum(1 for e in roll if e.present)
    ballot.present_weight = sum(e.weight for e in roll if e.present)
    ballot.seal_salt = seal.new_salt()
    ballot.state = BallotState.OPEN
    ballot.opened_on = today or timezone.localdate()
    ballot.save()
    ballot_opened(ballot)
    record_event(
        action="voting.ballot_opened",
        obj=ballot,
        actor=user,
        after={
            "uuid": str(ballot.uuid),
            "electorate": ballot.electorate_count,
            "present": ballot.present_count,
        },
    )
    return ballot


@transaction.atomic
def cancel_ballot(*, ballot: Ballot, user: Any, reason: str) -> Ballot:
    """Cancel a question (before or during the vote): its urn is emptied unread."""
    from thidua.voting.models import SealedBallot
    from thidua.voting.services.closing import reclaim_urn

    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    check(user, CANCEL_BALLOT.name, ballot)
    if not reason.strip():
        raise ValidationError(_("Ghi lý do hủy phiếu."))
    before = ballot.state
    SealedBallot.objects.filter(ballot=ballot).delete()
    ballot.seal_salt = None
    ballot.state = BallotState.CANCELLED
    ballot.save()
    transaction.on_commit(reclaim_urn)
    record_event(
        action="voting.ballot_cancelled",
        obj=ballot,
        actor=user,
        before={"state": before},
        after={"state": ballot.state, "reason": reason.strip()},
    )
    return ballot


@transaction.atomic
def create_runoff(*, ballot: Ballot, user: Any) -> Ballot:
    """Bầu lại: a new round among the tied candidates (or the unelected ones for the seats left),
    with the same threshold, rule and electorate (§3.2)."""
    from thidua.voting.board import result_of

    check(user, CREATE_RUNOFF.name, ballot)
    result = result_of(ballot)
    tied = {str(u) for u in result.runoff}
    candidates = [
        c for c in ballot.candidates.select_related("organization") if str(c.uuid) in tied
    ]
    runoff = Ballot.objects.create(
        conference=ballot.conference,
        agenda_item=ballot.agenda_item,
        title=_("{title} (bầu lại, vòng {round})").format(
            title=ballot.title.split(" (bầu lại")[0], round=ballot.round + 1
        )[:300],
        purpose=ballot.purpose,
        award_type=ballot.award_type,
        kind=ballot.kind,
        seats=result.runoff_seats,
        electorate=ballot.electorate,
        threshold_basis=ballot.threshold_basis,
        threshold_operator=ballot.threshold_operator,
        threshold_num=ballot.threshold_num,
        threshold_den=ballot.threshold_den,
        threshold_source=ballot.threshold_source,
        tie_break=ballot.tie_break,
        mode=ballot.mode,
        round=ballot.round + 1,
        runoff_of=ballot,
    )
    Candidate.objects.bulk_create(
        Candidate(
            ballot=runoff,
            organization=c.organization,
            name=c.label,
            order=i,
            source=CandidateSource.RUNOFF,
            ranking_position=c.ranking_position,
            ranking_score=c.ranking_score,
            registered=c.registered,
        )
        for i, c in enumerate(candidates, start=1)
    )
    record_event(
        action="voting.runoff_created",
        obj=runoff,
        actor=user,
        after={
            "of": str(ballot.uuid),
            "round": runoff.round,
            "seats": runoff.seats,
            "candidates": [c.label for c in candidates],
        },
    )
    return runoff
