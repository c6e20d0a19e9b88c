"""Reads of the conference room (design §5): the voting cards of the member units, the open
ballots of a delegate's unit, the meeting screen. Counts and states only: before close there is
no choice to read (the urn is sealed), after close the screen shows the stored result.

Also the receipt of a voting form: drawn by the server, signed for one question, so a client
cannot choose another voter's receipt (design §4.2 step 2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.db.models import Count, Prefetch, Q

from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Organization
from thidua.voting import seal, tally
from thidua.voting.enums import BallotKind, BallotMode, BallotState, QuorumBasis
from thidua.voting.models import Attendance, Ballot, Candidate, Conference, Eligibility, VoterPass
from thidua.voting.quorum import rule_text
from thidua.voting.rules import VIEW_RESULTS, conference_of
from thidua.voting.selectors import member_units

ONLINE_MODES = (BallotMode.ONLINE, BallotMode.MIXED)

# --- the signed receipt ---------------------------------------------------------------------


def _salt(ballot: Ballot) -> str:
    return f"thidua.voting.receipt:{ballot.uuid}"


def signed_receipt(ballot: Ballot) -> str:
    """A fresh receipt for one voting form, signed for this question (never stored)."""
    return signing.dumps(seal.new_receipt(), salt=_salt(ballot))


def receipt_from(ballot: Ballot, signed: str) -> str | None:
    """The receipt the server drew for this question's form, or ``None`` if it was altered."""
    try:
        value = signing.loads(signed, salt=_salt(ballot))
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) else None


# --- the cards page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CardRow:
    organization: Organization
    present: bool
    card: VoterPass | None  # the live card, if any


def card_rows(cluster_year: ClusterYear) -> list[CardRow]:
    """Every member unit with its attendance and its live card (three queries)."""
    conference = conference_of(cluster_year)
    present: set[int] = set()
    cards: dict[int, VoterPass] = {}
    if conference is not None:
        present = set(
            Attendance.objects.filter(conference=conference, present=True).values_list(
                "organization_id", flat=True
            )
        )
        cards = {
            p.organization_id: p
            for p in VoterPass.objects.filter(conference=conference, revoked=False)
        }
    return [
        CardRow(organization=unit, present=unit.pk in present, card=cards.get(unit.pk))
        for unit in member_units(cluster_year)
    ]


# --- the delegate's page ----------------------------------------------------------------------


def live_pass(pass_id: Any) -> VoterPass | None:
    """The live card kept in a delegate's session (by id only), or ``None``."""
    if not isinstance(pass_id, int):
        return None
    return (
        VoterPass.objects.select_related("conference__cluster_year__cluster", "organization")
        .filter(pk=pass_id, revoked=False)
        .first()
    )


@dataclass
class DelegateBallot:
    """One open question as the delegate of a unit sees it."""

    ballot: Ballot
    candidates: list[Candidate]
    on_roll: bool  # the unit is on the roll of present voters
    voted: bool
    receipt: str = ""  # the signed receipt of the form (only while the unit may vote)
    error: str = ""

    @property
    def may_vote(self) -> bool:
        return self.on_roll and not self.voted

    @property
    def limit(self) -> int:
        return 1 if self.ballot.kind == BallotKind.SINGLE_CHOICE else self.ballot.seats


def delegate_ballots(voter_pass: VoterPass) -> list[DelegateBallot]:
    """The open online questions of the card's conference, each with the unit's roll line and
    a signed receipt for its form (three queries)."""
    ballots = list(
        Ballot.objects.filter(
            conference_id=voter_pass.conference_id, state=BallotState.OPEN, mode__in=ONLINE_MODES
        )
        .select_related("award_type")
        .prefetch_related(
            Prefetch("candidates", queryset=Candidate.objects.select_related("organization"))
        )
        .order_by("pk")
    )
    roll = {
        e.ballot_id: e
        for e in Eligibility.objects.filter(
            ballot__in=ballots, organization_id=voter_pass.organization_id
        )
    }
    rows = []
    for ballot in ballots:
        line = roll.get(ballot.pk)
        row = DelegateBallot(
            ballot=ballot,
            candidates=list(ballot.candidates.all()),
            on_roll=bool(line and line.present),
            voted=bool(line and line.voted),
        )
        if row.may_vote:
            row.receipt = signed_receipt(ballot)
        rows.append(row)
    return rows


# --- the meeting screen -----------------------------------------------------------------------


@dataclass(frozen=True)
class ScreenCandidate:
    label: str
    yes: int
    no: int
    percent: str
    passed: bool
    elected: bool


@dataclass
class Screen:
    """What the projector shows about one question: counts and states, the result once closed."""

    ballot: Ballot | None
    voted: int = 0
    present: int = 0
    names: list[str] = field(default_factory=list)
    results: list[ScreenCandidate] | None = None  # only when closed and the viewer may see it
    threshold: str = ""


def screen_ballots(conference: Conference | None) -> list[Ballot]:
    """The questions that can be shown (not drafts, not cancelled), by agenda item (one query)."""
    if conference is None:
        return []
    return list(
        Ballot.objects.filter(conference=conference)
        .exclude(state__in=[BallotState.DRAFT, BallotState.CANCELLED])
        .select_related("agenda_item")
        .order_by("agenda_item__order", "pk")
    )


def current_ballot(ballots: list[Ballot], wanted: str | None) -> Ballot | None:
    """The chosen question, else the open one (the last opened), else the last closed."""
    if wanted:
        return next((b for b in ballots if str(b.uuid) == wanted), None)
    open_ = [b for b in ballots if b.state == BallotState.OPEN]
    if open_:
        return max(open_, key=lambda b: b.pk)
    closed = [b for b in ballots if b.state == BallotState.CLOSED]
    return max(closed, key=lambda b: (b.closed_on, b.pk)) if closed else None


def threshold_text(ballot: Ballot) -> str:
    return rule_text(
        basis=ballot.threshold_basis,
        operator=ballot.threshold_operator,
        num=ballot.threshold_num,
        den=ballot.threshold_den,
        source=ballot.threshold_source,
    )


def screen_of(ballot: Ballot | None, user: Any) -> Screen:
    """The screen of ``ballot`` (two queries): its names, "X/Y" from the roll, and the stored
    result when the question is closed and ``user`` may see results."""
    if ballot is None:
        return Screen(ballot=None)
    candidates = list(ballot.candidates.select_related("organization"))
    counts = Eligibility.objects.filter(ballot=ballot).aggregate(
        voted=Count("pk", filter=Q(voted=True)), present=Count("pk", filter=Q(present=True))
    )
    screen = Screen(
        ballot=ballot,
        voted=counts["voted"] or 0,
        present=ballot.present_count or counts["present"] or 0,
        names=[c.label for c in candidates],
        threshold=threshold_text(ballot),
    )
    if ballot.state == BallotState.CLOSED and user.has_perm(VIEW_RESULTS.name, ballot):
        base = (
            ballot.electorate_weight
            if ballot.threshold_basis == QuorumBasis.ALL
            else ballot.present_weight
        )
        screen.results = [
            ScreenCandidate(
                label=c.label,
                yes=c.yes_weight,
                no=c.no_weight,
                percent=tally.percent(c.yes_weight, base),
                passed=bool(c.passed),
                elected=bool(c.elected),
            )
            for c in candidates
        ]
    return screen
