"""Casting (design §4.2): an online ballot goes into the urn sealed; a paper tally is entered
by the counting committee. A unit votes once, by one channel, whatever the number of tabs,
codes or retries: the conditional update of its roll line decides.

Side effects: one ``Eligibility`` line marked voted (day only) and one ``SealedBallot`` (no
time, no link to the voter); an audit event naming the unit and the channel, never a choice,
a receipt or a code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.voting import seal, tally
from thidua.voting.board import spec_of
from thidua.voting.enums import BallotKind, BallotState, Channel, Mark
from thidua.voting.models import (
    Ballot,
    Eligibility,
    PaperCount,
    PaperTally,
    SealedBallot,
    VoterPass,
)
from thidua.voting.rules import CAST_BALLOT, ENTER_PAPER_TALLY, rules_of

ALREADY_VOTED = _("Đơn vị đã bỏ phiếu; phiếu không được tính thêm.")


@dataclass(frozen=True)
class PassBallot:
    """The object of ``voting.cast_ballot``: a voting card and the question it votes on."""

    voter_pass: VoterPass
    ballot: Ballot


def _check_self_vote(ballot: Ballot, unit_id: int, choices: Sequence[tuple[str, str]]) -> None:
    rules = rules_of(ballot.conference.cluster_year)
    if rules is None or rules.self_vote_allowed:
        return
    own = {
        str(u)
        for u in ballot.candidates.filter(organization_id=unit_id).values_list("uuid", flat=True)
    }
    if any(uuid in own and mark == Mark.YES for uuid, mark in choices):
        raise ValidationError(_("Theo quy chế, đơn vị không tự bỏ phiếu tán thành cho mình."))


@transaction.atomic
def cast(
    *,
    voter_pass: VoterPass,
    ballot: Ballot,
    marks: Mapping[str, str],
    receipt: str,
    user: Any,
    today: dt.date | None = None,
) -> None:
    """Seal one unit's ballot into the urn. ``receipt`` was drawn by the server and signed into
    the form; ``marks`` maps candidate uuid → Y / N / - (no mark)."""
    check(user, CAST_BALLOT.name, PassBallot(voter_pass, ballot))
    receipt = seal.normalize(receipt)
    if len(receipt) != seal.RECEIPT_LENGTH:
        raise ValidationError(_("Mã phiếu không hợp lệ: tải lại trang bỏ phiếu."))
    candidates = list(ballot.candidates.all())
    spec = spec_of(ballot, candidates)
    try:
        choices = tally.canonical(spec, marks)
    except tally.InvalidBallot as exc:
        raise ValidationError(str(exc)) from exc
    _check_self_vote(ballot, voter_pass.organization_id, choices)
    # queue behind other casts of this question and never race its close (§4.2 step 4)
    locked = Ballot.objects.select_for_update().only("state", "seal_salt").get(pk=ballot.pk)
    if locked.state != BallotState.OPEN:
        raise ValidationError(_("Phiếu không trong thời gian bỏ phiếu."))
    roll = Eligibility.objects.filter(
        ballot=ballot, organization_id=voter_pass.organization_id, present=True, voted=False
    )
    weight = roll.values_list("weight", flat=True).first()
    marked = roll.update(voted=True, voted_on=today or timezone.localdate(), channel=Channel.ONLINE)
    if marked != 1 or weight is None:
        raise ValidationError(ALREADY_VOTED)
    salt = bytes(locked.seal_salt or b"")
    content = seal.Content(receipt=receipt, choices=choices, weight=weight)
    try:
        with transaction.atomic():
            SealedBallot.objects.create(
                ballot=ballot,
                sealed=seal.seal(ballot.uuid, salt, content, candidates=len(candidates)),
                receipt_mac=seal.receipt_mac(ballot.uuid, salt, receipt),
            )
    except IntegrityError as exc:
        raise ValidationError(_("Mã phiếu đã được dùng: tải lại trang bỏ phiếu.")) from exc
    record_event(
        action="voting.unit_voted",
        object_type="voting.ballot",
        object_id=str(ballot.pk),
        object_repr=ballot.title,
        after={"unit": voter_pass.organization.name, "channel": Channel.ONLINE},
    )


@dataclass(frozen=True)
class PaperEntry:
    received: int
    valid: int
    invalid: int
    counts: Mapping[str, tuple[int, int]]  # candidate uuid → (yes, no)
    voters: Sequence[Organization]  # the units that voted on paper


def _check_paper(ballot: Ballot, entry: PaperEntry, issued_weight: int) -> None:
    issued = len(entry.voters)
    errors: list[str] = []
    if min(entry.received, entry.valid, entry.invalid) < 0:
        errors.append(_("Số phiếu không được âm."))
    if entry.received > issued:
        errors.append(
            _("Số phiếu thu về ({received}) lớn hơn số phiếu phát ra ({issued}).").format(
                received=entry.received, issued=issued
            )
        )
    if entry.valid + entry.invalid != entry.received:
        errors.append(_("Phiếu hợp lệ cộng phiếu không hợp lệ phải bằng số phiếu thu về."))
    known = {str(u) for u in ballot.candidates.values_list("uuid", flat=True)}
    if set(entry.counts) - known:
        errors.append(_("Có ứng viên không thuộc phiếu này."))
    # counts are in votes: with weights a valid paper ballot counts its unit's weight
    valid_weight = entry.valid if issued_weight == issued else issued_weight
    for yes, no in entry.counts.values():
        if yes < 0 or no < 0 or yes + no > valid_weight:
            errors.append(
                _("Số tán thành cộng không tán thành của một ứng viên vượt số phiếu hợp lệ.")
            )
            break
    # choose-k and single choice: a ballot marks at most k names (approve/reject marks each one)
    limit = 1 if ballot.kind == BallotKind.SINGLE_CHOICE else ballot.seats
    limited = ballot.kind != BallotKind.APPROVE_REJECT
    if limited and sum(yes for yes, _no in entry.counts.values()) > limit * valid_weight:
        errors.append(_("Tổng số phiếu chọn vượt quá {k} × số phiếu hợp lệ.").format(k=limit))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def enter_paper_tally(*, ballot: Ballot, entry: PaperEntry, user: Any) -> PaperTally:
    """The counting committee's count of the paper ballots (may be corrected until close)."""
    ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
    check(user, ENTER_PAPER_TALLY.name, ballot)
    # a new entry replaces the previous one: the units it marked are unmarked first
    Eligibility.objects.filter(ballot=ballot, channel=Channel.PAPER).update(
        voted=False, voted_on=None, channel=""
    )
    voter_ids = {o.pk for o in entry.voters}
    roll = {e.organization_id: e for e in Eligibility.objects.filter(ballot=ballot)}
    errors = []
    for unit in entry.voters:
        line = roll.get(unit.pk)
        if line is None or not line.present:
            errors.append(
                _("{unit} không có mặt hoặc không phải thành viên.").format(unit=unit.name)
            )
        elif line.voted:
            errors.append(_("{unit} đã bỏ phiếu trực tuyến.").format(unit=unit.name))
    if errors:
        raise ValidationError(errors)
    _check_paper(ballot, entry, sum(roll[i].weight for i in voter_ids))
    Eligibility.objects.filter(ballot=ballot, organization_id__in=voter_ids, voted=False).update(
        voted=True, voted_on=timezone.localdate(), channel=Channel.PAPER
    )
    paper, _created = PaperTally.objects.update_or_create(
        ballot=ballot,
        defaults={
            "received": entry.received,
            "valid": entry.valid,
            "invalid": entry.invalid,
            "entered_by": user if getattr(user, "is_authenticated", False) else None,
        },
    )
    paper.counts.all().delete()
    by_uuid = {str(c.uuid): c for c in ballot.candidates.all()}
    PaperCount.objects.bulk_create(
        PaperCount(tally=paper, candidate=by_uuid[u], yes=yes, no=no)
        for u, (yes, no) in entry.counts.items()
    )
    record_event(
        action="voting.paper_tally_entered",
        obj=ballot,
        actor=user,
        after={
            "issued": len(voter_ids),
            "received": entry.received,
            "valid": entry.valid,
            "invalid": entry.invalid,
            "units": sorted(u.name for u in entry.voters),
        },
    )
    return paper
