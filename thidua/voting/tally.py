"""Counting a ballot: pure functions on plain data, shared by the close, the board page and
``thidua ballot verify`` (which has only the published board file). Exact integer arithmetic:
a candidate passes when ``yes·den > num·base`` (or ≥), ``base`` being all members' weight or the
weight present (docs/dev/voting-design.md §3.2)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from thidua.voting.enums import BallotKind, BallotOutcome, Mark, Operator, QuorumBasis, TieBreak
from thidua.voting.quorum import meets


class InvalidBallot(ValueError):
    """The marks do not make a valid ballot for this question (the message says why)."""


@dataclass(frozen=True)
class Spec:
    """What counting needs to know about a question (all of it is on the public board)."""

    kind: str
    seats: int
    basis: str
    operator: str
    num: int
    den: int
    electorate_weight: int
    present_weight: int
    candidates: tuple[str, ...]  # candidate uuids, in ballot order
    tie_break: str = TieBreak.RUNOFF
    must_fill: bool = False  # an office must be filled: unfilled seats call a runoff
    ranking_scores: Mapping[str, Decimal | None] = field(default_factory=dict)

    @property
    def base(self) -> int:
        return self.electorate_weight if self.basis == QuorumBasis.ALL else self.present_weight


@dataclass(frozen=True)
class Vote:
    choices: tuple[tuple[str, str], ...]
    weight: int = 1


@dataclass(frozen=True)
class Paper:
    """The counting committee's paper tally; counts are in votes (weights already applied)."""

    received: int
    valid: int
    invalid: int
    counts: Mapping[str, tuple[int, int]]  # uuid → (yes, no)


@dataclass(frozen=True)
class CandidateResult:
    uuid: str
    yes: int
    no: int
    passed: bool
    elected: bool


@dataclass(frozen=True)
class Result:
    received: int
    valid: int
    invalid: int
    candidates: tuple[CandidateResult, ...]
    outcome: str
    runoff: tuple[str, ...] = ()  # candidates of the runoff, when one is needed
    runoff_seats: int = 0

    def of(self, uuid: str) -> CandidateResult:
        return next(c for c in self.candidates if c.uuid == uuid)


def canonical(spec: Spec, marks: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The marks of one voter as a canonical ballot, or :class:`InvalidBallot`.

    ``marks`` maps candidate uuid → ``"Y"``, ``"N"`` or ``"-"`` (no mark)."""
    known = set(spec.candidates)
    unknown = set(marks) - known
    if unknown:
        raise InvalidBallot(_("Phiếu có lựa chọn không thuộc danh sách của câu hỏi này."))
    chosen: list[tuple[str, str]] = []
    for uuid, mark in marks.items():
        if mark in ("", "-"):
            continue
        if mark not in (Mark.YES, Mark.NO):
            raise InvalidBallot(_("Lựa chọn không hợp lệ."))
        if mark == Mark.NO and spec.kind != BallotKind.APPROVE_REJECT:
            continue  # choose-k and single choice: only the chosen names count
        chosen.append((uuid, str(mark)))
    yes = sum(1 for _, m in chosen if m == Mark.YES)
    limit = 1 if spec.kind == BallotKind.SINGLE_CHOICE else spec.seats
    if spec.kind != BallotKind.APPROVE_REJECT and yes > limit:
        raise InvalidBallot(_("Chỉ được chọn tối đa {k} trong danh sách.").format(k=limit))
    return tuple(sorted(chosen))


def passes(spec: Spec, yes: int) -> bool:
    return spec.base > 0 and meets(
        yes, spec.base, operator=spec.operator, num=spec.num, den=spec.den
    )


def _sums(
    spec: Spec, votes: Iterable[Vote], paper: Paper | None
) -> tuple[dict[str, list[int]], int]:
    sums = {uuid: [0, 0] for uuid in spec.candidates}
    received = 0
    for vote in votes:
        received += 1
        for uuid, mark in vote.choices:
            sums[uuid][0 if mark == Mark.YES else 1] += vote.weight
    if paper is not None:
        for uuid, (yes, no) in paper.counts.items():
            sums[uuid][0] += yes
            sums[uuid][1] += no
    return sums, received


def _order_key(spec: Spec, yes: int, uuid: str) -> tuple[int, Decimal]:
    score = spec.ranking_scores.get(uuid) if spec.tie_break == TieBreak.RANKING_SCORE else None
    return (-yes, -(score if score is not None else Decimal("-1e9")))


def count(spec: Spec, votes: Iterable[Vote], paper: Paper | None = None) -> Result:
    sums, received = _sums(spec, votes, paper)
    passing = [u for u in spec.candidates if passes(spec, sums[u][0])]
    passing.sort(key=lambda u: _order_key(spec, sums[u][0], u))
    elected: list[str] = []
    runoff: tuple[str, ...] = ()
    runoff_seats = 0
    if len(passing) <= spec.seats:
        elected = passing
    else:
        cut = _order_key(spec, sums[passing[spec.seats - 1]][0], passing[spec.seats - 1])
        after = _order_key(spec, sums[passing[spec.seats]][0], passing[spec.seats])
        if cut != after:
            elected = passing[: spec.seats]
        else:  # a tie across the last seat that the tie-break does not resolve
            elected = [u for u in passing if _order_key(spec, sums[u][0], u) < cut]
            runoff = tuple(u for u in passing if _order_key(spec, sums[u][0], u) == cut)
            runoff_seats = spec.seats - len(elected)
    if not runoff and spec.must_fill and len(elected) < spec.seats:
        rest = [u for u in spec.candidates if u not in elected and sums[u][0] > 0]
        rest = rest or [u for u in spec.candidates if u not in elected]
        if len(rest) > spec.seats - len(elected):
            rest.sort(key=lambda u: -sums[u][0])
            runoff, runoff_seats = tuple(rest), spec.seats - len(elected)
    if runoff:
        outcome = BallotOutcome.RUNOFF_NEEDED
    else:
        outcome = BallotOutcome.PASSED if elected else BallotOutcome.FAILED
    paper_received = paper.received if paper else 0
    return Result(
        received=received + paper_received,
        valid=received + (paper.valid if paper else 0),
        invalid=paper.invalid if paper else 0,
        candidates=tuple(
            CandidateResult(
                uuid=u,
                yes=sums[u][0],
                no=sums[u][1],
                passed=u in passing,
                elected=u in elected,
            )
            for u in spec.candidates
        ),
        outcome=str(outcome),
        runoff=runoff,
        runoff_seats=runoff_seats,
    )


def percent(part: int, base: int) -> str:
    """A percentage for reading (two decimals, comma): the decision uses the exact fraction."""
    if base <= 0:
        return "0"
    hundredths = (part * 10000 + base // 2) // base
    return f"{hundredths // 100},{hundredths % 100:02d}"


def sign(operator: str) -> str:
    return ">" if operator == Operator.GT else "≥"


# --- the public board ---------------------------------------------------------------------


def digest(board: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of the board without its digest."""
    body = {k: v for k, v in board.items() if k != "digest"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def spec_of_board(board: Mapping[str, Any]) -> Spec:
    rule = board["threshold"]
    return Spec(
        kind=board["kind"],
        seats=int(board["seats"]),
        basis=rule["basis"],
        operator=rule["operator"],
        num=int(rule["num"]),
        den=int(rule["den"]),
        electorate_weight=int(board["electorate_weight"]),
        present_weight=int(board["present_weight"]),
        candidates=tuple(c["uuid"] for c in board["candidates"]),
        tie_break=board["tie_break"],
        must_fill=bool(board["must_fill"]),
        ranking_scores={
            c["uuid"]: (Decimal(c["score"]) if c.get("score") is not None else None)
            for c in board["candidates"]
        },
    )


def paper_of_board(board: Mapping[str, Any]) -> Paper | None:
    paper = board.get("paper")
    if not paper:
        return None
    return Paper(
        received=int(paper["received"]),
        valid=int(paper["valid"]),
        invalid=int(paper["invalid"]),
        counts={u: (int(y), int(n)) for u, (y, n) in paper["counts"].items()},
    )


def votes_of_board(board: Mapping[str, Any]) -> list[Vote]:
    return [
        Vote(tuple((str(u), str(m)) for u, m in row["choices"]), int(row["weight"]))
        for row in board["ballots"]
    ]


def count_board(board: Mapping[str, Any]) -> Result:
    """The recount anyone can do with the published board file alone."""
    spec = spec_of_board(board)
    votes = votes_of_board(board)
    for vote in votes:  # every published ballot must be one the close could have written
        if vote.weight < 1 or canonical(spec, dict(vote.choices)) != vote.choices:
            raise InvalidBallot(_("Bảng phiếu có lá phiếu không đúng dạng chuẩn."))
    paper = paper_of_board(board)
    if paper is not None and set(paper.counts) - set(spec.candidates):
        raise InvalidBallot(_("Phiếu có lựa chọn không thuộc danh sách của câu hỏi này."))
    return count(spec, votes, paper)


def summary(result: Result, labels: Sequence[tuple[str, str]]) -> list[str]:
    """Lines for a terminal: one per candidate, ``name: yes/no (passed, elected)``."""
    names = dict(labels)
    return [
        f"{names.get(c.uuid, c.uuid)}: {c.yes} tán thành, {c.no} không"
        + (" — trúng" if c.elected else (" — đạt" if c.passed else ""))
        for c in result.candidates
    ]
