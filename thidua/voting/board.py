"""The public board of a closed question (bảng công khai phiếu, design §4.5): the question, its
rule, its candidates, the paper tally and every ballot as ``receipt · choices · weight``, sorted
by receipt. Its SHA-256 is stored at close; anyone recounts it with ``voting.tally``."""

from __future__ import annotations

from typing import Any

from thidua.voting import tally
from thidua.voting.enums import BallotPurpose
from thidua.voting.models import Ballot, Candidate, CastBallot, PaperCount, PaperTally


def spec_of(ballot: Ballot, candidates: list[Candidate] | None = None) -> tally.Spec:
    rows = candidates if candidates is not None else list(ballot.candidates.all())
    return tally.Spec(
        kind=ballot.kind,
        seats=ballot.seats,
        basis=ballot.threshold_basis,
        operator=ballot.threshold_operator,
        num=ballot.threshold_num,
        den=ballot.threshold_den,
        electorate_weight=ballot.electorate_weight,
        present_weight=ballot.present_weight,
        candidates=tuple(str(c.uuid) for c in rows),
        tie_break=ballot.tie_break,
        must_fill=ballot.purpose in (BallotPurpose.HEAD, BallotPurpose.DEPUTY),
        ranking_scores={str(c.uuid): c.ranking_score for c in rows},
    )


def paper_of(ballot: Ballot) -> tally.Paper | None:
    paper = PaperTally.objects.filter(ballot=ballot).first()
    if paper is None:
        return None
    counts = {
        str(row.candidate.uuid): (row.yes, row.no)
        for row in PaperCount.objects.filter(tally=paper).select_related("candidate")
    }
    return tally.Paper(
        received=paper.received, valid=paper.valid, invalid=paper.invalid, counts=counts
    )


def board_of(ballot: Ballot) -> dict[str, Any]:
    """The board as plain JSON-ready data (only meaningful once the ballot is closed)."""
    candidates = list(ballot.candidates.select_related("organization"))
    paper = paper_of(ballot)
    rows = sorted(
        CastBallot.objects.filter(ballot=ballot).values_list("receipt", "choices", "weight"),
        key=lambda row: row[0],
    )
    board: dict[str, Any] = {
        "ballot": str(ballot.uuid),
        "title": ballot.title,
        "kind": ballot.kind,
        "seats": ballot.seats,
        "round": ballot.round,
        "must_fill": ballot.purpose in (BallotPurpose.HEAD, BallotPurpose.DEPUTY),
        "tie_break": ballot.tie_break,
        "threshold": {
            "basis": ballot.threshold_basis,
            "operator": ballot.threshold_operator,
            "num": ballot.threshold_num,
            "den": ballot.threshold_den,
            "source": ballot.threshold_source,
        },
        "electorate_weight": ballot.electorate_weight,
        "present_weight": ballot.present_weight,
        "candidates": [
            {
                "uuid": str(c.uuid),
                "name": c.label,
                "score": str(c.ranking_score) if c.ranking_score is not None else None,
            }
            for c in candidates
        ],
        "paper": (
            {
                "received": paper.received,
                "valid": paper.valid,
                "invalid": paper.invalid,
                "counts": {u: list(yn) for u, yn in sorted(paper.counts.items())},
            }
            if paper
            else None
        ),
        "ballots": [
            {"receipt": receipt, "choices": choices, "weight": weight}
            for receipt, choices, weight in rows
        ],
    }
    board["digest"] = tally.digest(board)
    return board


def result_of(ballot: Ballot) -> tally.Result:
    """The count of a closed question from what is stored (the close and the recount agree)."""
    return tally.count_board(board_of(ballot))
