"""Counting a question (design §3.2): exact thresholds on all members or those present, weights,
quotas, ties at the last seat, the ranking-score tie-break, unfilled offices, paper + online
sums; and, as a property, that the recount of a published board is the count itself."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.voting import tally
from thidua.voting.enums import BallotKind, BallotOutcome, Operator, QuorumBasis, TieBreak

pytestmark = pytest.mark.unit

GE, GT = Operator.GE, Operator.GT
ALL, PRESENT = QuorumBasis.ALL, QuorumBasis.PRESENT
AR, CK, SC = BallotKind.APPROVE_REJECT, BallotKind.CHOOSE_K, BallotKind.SINGLE_CHOICE
FRACTIONS = [(1, 2), (2, 3), (4, 5), (9, 10)]
SIZES = [7, 9, 13, 30]


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


A, B, C, D, E = (uid(n) for n in range(5))


def spec(
    *,
    kind: str = AR,
    seats: int = 1,
    n: int = 9,
    present: int | None = None,
    basis: str = ALL,
    rule: tuple[str, int, int] = (GE, 2, 3),
    candidates: int = 2,
    tie_break: str = TieBreak.RUNOFF,
    must_fill: bool = False,
    scores: dict[str, Decimal | None] | None = None,
) -> tally.Spec:
    operator, num, den = rule
    return tally.Spec(
        kind=kind,
        seats=seats,
        basis=basis,
        operator=operator,
        num=num,
        den=den,
        electorate_weight=n,
        present_weight=n if present is None else present,
        candidates=tuple(uid(i) for i in range(candidates)),
        tie_break=tie_break,
        must_fill=must_fill,
        ranking_scores=scores or {},
    )


def yes_votes(counts: dict[str, int], total: int) -> list[tally.Vote]:
    """``total`` approve/reject ballots where candidate ``u`` gets ``counts[u]`` yes marks."""
    return [
        tally.Vote(tuple(sorted((u, "Y" if i < c else "N") for u, c in counts.items())))
        for i in range(total)
    ]


# --- thresholds -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "rule", "yes", "passed"),
    [
        # > 1/2 of 30 = 15 exactly: 15 fails, 16 passes; ≥ 1/2: 15 passes
        (30, (GT, 1, 2), 15, False),
        (30, (GT, 1, 2), 16, True),
        (30, (GE, 1, 2), 15, True),
        (30, (GE, 1, 2), 14, False),
        # 1/2 of 13 = 6.5: 7 passes either way, 6 never
        (13, (GT, 1, 2), 7, True),
        (13, (GE, 1, 2), 6, False),
        # 2/3 of 9 = 6 exactly
        (9, (GE, 2, 3), 6, True),
        (9, (GE, 2, 3), 5, False),
        (9, (GT, 2, 3), 6, False),
        (9, (GT, 2, 3), 7, True),
        # 2/3 of 7 = 4.67
        (7, (GE, 2, 3), 5, True),
        (7, (GE, 2, 3), 4, False),
        (7, (GT, 2, 3), 5, True),
        # 4/5 of 30 = 24 exactly; of 13 = 10.4
        (30, (GE, 4, 5), 24, True),
        (30, (GT, 4, 5), 24, False),
        (30, (GT, 4, 5), 25, True),
        (13, (GE, 4, 5), 10, False),
        (13, (GE, 4, 5), 11, True),
        # 9/10 of 30 = 27 exactly; of 9 = 8.1
        (30, (GE, 9, 10), 27, True),
        (30, (GE, 9, 10), 26, False),
        (30, (GT, 9, 10), 27, False),
        (30, (GT, 9, 10), 28, True),
        (9, (GE, 9, 10), 8, False),
        (9, (GE, 9, 10), 9, True),
    ],
)
def test_threshold_at_its_boundary(
    n: int, rule: tuple[str, int, int], yes: int, passed: bool
) -> None:
    result = tally.count(spec(n=n, rule=rule, candidates=1), yes_votes({A: yes}, n))
    assert result.of(A).passed is passed
    assert result.outcome == (BallotOutcome.PASSED if passed else BallotOutcome.FAILED)


def _boundary_rows() -> list[tuple[int, str, int, int, int]]:
    """Every size × operator × fraction, at the boundary and one either side of it."""
    return [
        (n, str(operator), num, den, yes)
        for n in SIZES
        for num, den in FRACTIONS
        for operator in (GE, GT)
        for yes in sorted({num * n // den - 1, num * n // den, num * n // den + 1})
        if 0 <= yes <= n
    ]


@pytest.mark.parametrize(("n", "operator", "num", "den", "yes"), _boundary_rows())
def test_threshold_is_the_exact_fraction(
    n: int, operator: str, num: int, den: int, yes: int
) -> None:
    share = Fraction(yes, n)
    expected = share > Fraction(num, den) if operator == GT else share >= Fraction(num, den)
    result = tally.count(spec(n=n, rule=(operator, num, den), candidates=1), yes_votes({A: yes}, n))
    assert result.of(A).passed is expected


@pytest.mark.parametrize(
    ("basis", "passed"),
    [
        (ALL, False),  # 6 of 13 members < 2/3
        (PRESENT, True),  # 6 of 9 present ≥ 2/3
    ],
)
def test_base_is_all_members_or_those_present(basis: str, passed: bool) -> None:
    result = tally.count(spec(n=13, present=9, basis=basis, candidates=1), yes_votes({A: 6}, 9))
    assert result.of(A).passed is passed


def test_nobody_present_passes_nothing() -> None:
    result = tally.count(spec(n=13, present=0, basis=PRESENT, candidates=1), [])
    assert not result.of(A).passed
    assert result.outcome == BallotOutcome.FAILED


# --- weights and sums -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "yes_of", "passed"),
    [
        # weights 3,1,1,1,1 (total 7): the heavy unit and two others = 5 ≥ 2/3·7 = 4.67
        ((3, 1, 1, 1, 1), (0, 1, 2), True),
        # four light units = 4 < 4.67, though they are four of five voters
        ((3, 1, 1, 1, 1), (1, 2, 3, 4), False),
        # the heavy unit alone: 3
        ((3, 1, 1, 1, 1), (0,), False),
    ],
)
def test_weights_count_in_the_threshold(
    weights: tuple[int, ...], yes_of: tuple[int, ...], passed: bool
) -> None:
    votes = [
        tally.Vote(((A, "Y" if i in yes_of else "N"),), weight=w) for i, w in enumerate(weights)
    ]
    result = tally.count(spec(n=sum(weights), candidates=1), votes)
    assert result.of(A).passed is passed
    assert result.of(A).yes == sum(weights[i] for i in yes_of)
    assert result.of(A).no == sum(weights) - result.of(A).yes
    assert result.received == len(weights)


def test_paper_and_online_are_summed() -> None:
    online = yes_votes({A: 4, B: 1}, 5)
    paper = tally.Paper(received=4, valid=3, invalid=1, counts={A: (2, 1), B: (3, 0)})
    result = tally.count(spec(n=9), online, paper)
    assert (result.of(A).yes, result.of(A).no) == (6, 2)
    assert (result.of(B).yes, result.of(B).no) == (4, 4)
    assert (result.received, result.valid, result.invalid) == (9, 8, 1)
    assert result.of(A).passed  # 6 of 9 ≥ 2/3
    assert not result.of(B).passed


def test_blank_ballots_are_received_and_valid_but_count_for_no_one() -> None:
    votes = [tally.Vote(()) for _ in range(3)] + yes_votes({A: 6, B: 0}, 6)
    result = tally.count(spec(n=9), votes)
    assert (result.received, result.valid, result.invalid) == (9, 9, 0)
    assert (result.of(A).yes, result.of(A).no) == (6, 0)
    assert (result.of(B).yes, result.of(B).no) == (0, 6)


# --- quotas, ties and runoffs ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("seats", "yes", "elected"),
    [
        # all five pass 2/3 of 9 (≥ 6); only the top ``seats`` are acclaimed
        (1, {A: 9, B: 8, C: 7, D: 6, E: 6}, {A}),
        (2, {A: 9, B: 8, C: 7, D: 6, E: 6}, {A, B}),
        (4, {A: 9, B: 8, C: 7, D: 7, E: 6}, {A, B, C, D}),
        # fewer pass than seats: those who pass, no runoff for an award
        (4, {A: 9, B: 8, C: 5, D: 2, E: 0}, {A, B}),
    ],
)
def test_quota_acclaims_the_top_passing_candidates(
    seats: int, yes: dict[str, int], elected: set[str]
) -> None:
    result = tally.count(spec(seats=seats, candidates=5), yes_votes(yes, 9))
    assert {c.uuid for c in result.candidates if c.elected} == elected
    assert result.outcome == BallotOutcome.PASSED
    assert result.runoff == ()


@pytest.mark.parametrize(
    ("seats", "yes", "elected", "runoff", "left"),
    [
        # one seat, two tied at the top
        (1, {A: 8, B: 8, C: 7}, set(), {A, B}, 1),
        # two seats: A is in, B and C tie for the second
        (2, {A: 9, B: 7, C: 7, D: 6}, {A}, {B, C}, 1),
        # four seats: three are in, three tie for the fourth
        (4, {A: 9, B: 9, C: 8, D: 7, E: 7, uid(5): 7}, {A, B, C}, {D, E, uid(5)}, 1),
        # two seats, three tied at the top: no one is in, two seats left
        (2, {A: 8, B: 8, C: 8}, set(), {A, B, C}, 2),
    ],
)
def test_tie_across_the_last_seat_calls_a_runoff(
    seats: int, yes: dict[str, int], elected: set[str], runoff: set[str], left: int
) -> None:
    result = tally.count(spec(seats=seats, candidates=len(yes)), yes_votes(yes, 9))
    assert result.outcome == BallotOutcome.RUNOFF_NEEDED
    assert {c.uuid for c in result.candidates if c.elected} == elected
    assert set(result.runoff) == runoff
    assert result.runoff_seats == left


def test_tie_below_the_last_seat_needs_no_runoff() -> None:
    result = tally.count(spec(seats=1, candidates=3), yes_votes({A: 9, B: 7, C: 7}, 9))
    assert result.outcome == BallotOutcome.PASSED
    assert [c.uuid for c in result.candidates if c.elected] == [A]


def test_ranking_score_breaks_a_tie_at_the_last_seat() -> None:
    scores = {A: Decimal("95.00"), B: Decimal("88.50"), C: Decimal("91.25")}
    result = tally.count(
        spec(seats=2, candidates=3, tie_break=TieBreak.RANKING_SCORE, scores=scores),
        yes_votes({A: 9, B: 7, C: 7}, 9),
    )
    assert result.outcome == BallotOutcome.PASSED
    assert {c.uuid for c in result.candidates if c.elected} == {A, C}
    assert result.runoff == ()


@pytest.mark.parametrize(
    "scores",
    [
        {A: Decimal("90"), B: Decimal("90"), C: Decimal("95")},  # equal scores
        {A: None, B: None, C: Decimal("95")},  # no score for either
    ],
)
def test_tie_in_votes_and_score_still_calls_a_runoff(scores: dict[str, Decimal | None]) -> None:
    result = tally.count(
        spec(seats=2, candidates=3, tie_break=TieBreak.RANKING_SCORE, scores=scores),
        yes_votes({C: 9, A: 7, B: 7}, 9),
    )
    assert result.outcome == BallotOutcome.RUNOFF_NEEDED
    assert set(result.runoff) == {A, B}
    assert result.runoff_seats == 1
    assert [c.uuid for c in result.candidates if c.elected] == [C]


@pytest.mark.parametrize(
    ("yes", "scores", "elected"),
    [
        ({A: 8, B: 7}, {A: Decimal("50"), B: Decimal("99")}, A),  # the score never outweighs votes
        ({A: 7, B: 7}, {A: None, B: Decimal("1")}, B),  # a score beats no score
    ],
)
def test_ranking_score_only_orders_equal_votes(
    yes: dict[str, int], scores: dict[str, Decimal | None], elected: str
) -> None:
    result = tally.count(spec(tie_break=TieBreak.RANKING_SCORE, scores=scores), yes_votes(yes, 9))
    assert [c.uuid for c in result.candidates if c.elected] == [elected]


def test_an_office_left_unfilled_calls_a_runoff_among_those_with_votes() -> None:
    # electing the head: nine single-choice ballots split 4/3/2, none reaches > 1/2 of 9
    votes = (
        [tally.Vote(((A, "Y"),))] * 4
        + [tally.Vote(((B, "Y"),))] * 3
        + [tally.Vote(((C, "Y"),))] * 2
    )
    result = tally.count(
        spec(kind=SC, seats=1, rule=(GT, 1, 2), candidates=4, must_fill=True), votes
    )
    assert result.outcome == BallotOutcome.RUNOFF_NEEDED
    assert result.runoff == (A, B, C)  # most votes first; D had none
    assert result.runoff_seats == 1
    assert not any(c.elected for c in result.candidates)


def test_an_office_with_one_seat_left_runs_off_the_unelected() -> None:
    votes = yes_votes({A: 9, B: 4, C: 3}, 9)
    result = tally.count(spec(seats=2, candidates=3, must_fill=True), votes)
    assert [c.uuid for c in result.candidates if c.elected] == [A]
    assert result.outcome == BallotOutcome.RUNOFF_NEEDED
    assert (set(result.runoff), result.runoff_seats) == ({B, C}, 1)


def test_an_award_quota_left_unfilled_is_no_runoff() -> None:
    result = tally.count(spec(seats=2, candidates=3), yes_votes({A: 9, B: 4, C: 3}, 9))
    assert result.outcome == BallotOutcome.PASSED
    assert result.runoff == ()


def test_an_office_filled_at_the_first_round_passes() -> None:
    votes = [tally.Vote(((A, "Y"),))] * 5 + [tally.Vote(((B, "Y"),))] * 4
    result = tally.count(
        spec(kind=SC, seats=1, rule=(GT, 1, 2), candidates=2, must_fill=True), votes
    )
    assert result.outcome == BallotOutcome.PASSED
    assert [c.uuid for c in result.candidates if c.elected] == [A]


# --- the ballot itself ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "seats", "marks", "valid"),
    [
        (CK, 2, {A: "Y", B: "Y"}, True),
        (CK, 2, {A: "Y", B: "Y", C: "Y"}, False),  # three marks, choose at most two
        (CK, 1, {A: "Y", B: "N", C: "-"}, True),  # "not chosen" is no mark
        (SC, 1, {A: "Y"}, True),
        (SC, 1, {A: "Y", B: "Y"}, False),
        (SC, 1, {}, True),  # blank
        (AR, 1, {A: "Y", B: "Y", C: "Y"}, True),  # approve/reject: a mark per candidate
        (AR, 1, {A: "?"}, False),
        (AR, 1, {uid(99): "Y"}, False),  # not on this question
    ],
)
def test_canonical_ballot_or_invalid(
    kind: str, seats: int, marks: dict[str, str], valid: bool
) -> None:
    question = spec(kind=kind, seats=seats, candidates=3)
    if valid:
        choices = tally.canonical(question, marks)
        assert list(choices) == sorted(choices)
        assert all(m == "Y" for _u, m in choices) or kind == AR
    else:
        with pytest.raises(tally.InvalidBallot):
            tally.canonical(question, marks)


def test_choose_k_keeps_only_the_chosen_names() -> None:
    question = spec(kind=CK, seats=2, candidates=3)
    assert tally.canonical(question, {C: "Y", A: "Y", B: "N"}) == ((A, "Y"), (C, "Y"))


def test_single_choice_elects_the_most_voted_past_the_threshold() -> None:
    votes = [tally.Vote(((A, "Y"),))] * 6 + [tally.Vote(((B, "Y"),))] * 2 + [tally.Vote(())]
    result = tally.count(spec(kind=SC, rule=(GT, 1, 2), candidates=2), votes)
    assert [c.uuid for c in result.candidates if c.elected] == [A]
    assert (result.of(B).yes, result.of(B).no) == (2, 0)


# --- property: the board recounts to the count ----------------------------------------------


@st.composite
def questions(draw: st.DrawFn) -> tuple[tally.Spec, list[tally.Vote], tally.Paper | None]:
    n_candidates = draw(st.integers(1, 6))
    kind = draw(st.sampled_from([AR, CK, SC]))
    seats = 1 if kind == SC else draw(st.integers(1, n_candidates))
    weights = draw(st.lists(st.integers(1, 3), min_size=0, max_size=25))
    absent = draw(st.integers(0, 5))
    num, den = draw(st.sampled_from(FRACTIONS))
    tie_break = draw(st.sampled_from([TieBreak.RUNOFF, TieBreak.RANKING_SCORE]))
    uuids = [uid(i) for i in range(n_candidates)]
    scores = {
        u: draw(st.one_of(st.none(), st.sampled_from([Decimal("80"), Decimal("90")])))
        for u in uuids
    }
    question = tally.Spec(
        kind=kind,
        seats=seats,
        basis=draw(st.sampled_from([ALL, PRESENT])),
        operator=draw(st.sampled_from([GE, GT])),
        num=num,
        den=den,
        electorate_weight=sum(weights) + absent,
        present_weight=sum(weights),
        candidates=tuple(uuids),
        tie_break=tie_break,
        must_fill=draw(st.booleans()),
        ranking_scores=scores,
    )
    votes = []
    for weight in weights:
        if kind == AR:
            marks = {u: draw(st.sampled_from(["Y", "N", "-"])) for u in uuids}
        else:
            chosen = draw(st.lists(st.sampled_from(uuids), unique=True, max_size=seats))
            marks = dict.fromkeys(chosen, "Y")
        votes.append(tally.Vote(tally.canonical(question, marks), weight))
    paper = None
    if draw(st.booleans()):
        valid = draw(st.integers(0, 5))
        counts = {}
        for u in uuids:
            yes = draw(st.integers(0, valid))
            counts[u] = (yes, draw(st.integers(0, valid - yes)))
        paper = tally.Paper(received=valid + 1, valid=valid, invalid=1, counts=counts)
    return question, votes, paper


def board_for(question: tally.Spec, votes: list[tally.Vote], paper: tally.Paper | None) -> Any:
    """A published board as ``voting.board`` writes it, from plain data."""
    board: dict[str, Any] = {
        "kind": question.kind,
        "seats": question.seats,
        "must_fill": question.must_fill,
        "tie_break": question.tie_break,
        "threshold": {
            "basis": question.basis,
            "operator": question.operator,
            "num": question.num,
            "den": question.den,
        },
        "electorate_weight": question.electorate_weight,
        "present_weight": question.present_weight,
        "candidates": [
            {
                "uuid": u,
                "score": None
                if question.ranking_scores.get(u) is None
                else str(question.ranking_scores[u]),
            }
            for u in question.candidates
        ],
        "paper": None
        if paper is None
        else {
            "received": paper.received,
            "valid": paper.valid,
            "invalid": paper.invalid,
            "counts": {u: list(yn) for u, yn in paper.counts.items()},
        },
        "ballots": [
            {"receipt": f"R{i:07d}", "choices": [list(c) for c in v.choices], "weight": v.weight}
            for i, v in enumerate(votes)
        ],
    }
    board["digest"] = tally.digest(board)
    return board


@given(questions(), st.randoms(use_true_random=False))
def test_count_is_sound_and_the_board_recounts_to_it(
    drawn: tuple[tally.Spec, list[tally.Vote], tally.Paper | None], rnd: random.Random
) -> None:
    question, votes, paper = drawn
    result = tally.count(question, votes, paper)
    elected = [c for c in result.candidates if c.elected]
    assert len(elected) <= question.seats
    assert all(c.passed for c in elected)
    # nobody left out has more votes than someone elected
    if elected:
        assert all(
            c.yes <= min(e.yes for e in elected)
            for c in result.candidates
            if c.passed and not c.elected
        )
    if result.outcome == BallotOutcome.RUNOFF_NEEDED:
        assert 0 < result.runoff_seats <= question.seats - len(elected)
        assert len(result.runoff) > result.runoff_seats
        assert not {c.uuid for c in elected} & set(result.runoff)
    else:
        assert result.runoff == () and result.runoff_seats == 0
        assert (result.outcome == BallotOutcome.PASSED) == bool(elected)
    assert tally.count_board(board_for(question, votes, paper)) == result
    # the order of the ballots on the board (the shuffle) does not change the count
    shuffled = list(votes)
    rnd.shuffle(shuffled)
    assert tally.count(question, shuffled, paper) == result
