"""Receipts and the public board (design §4.5): every voter finds their receipt and their
choices on the board; anyone recounts the board to the stored result; a changed board no
longer matches its digest; a receipt is used once per question."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from tests.conftest import World
from tests.factories import ClusterMembershipFactory
from tests.voting.ballots import cards, in_session, members, open_ballot, uuid_of
from thidua.organizations.models import Organization
from thidua.organizations.services import update_organization
from thidua.voting import seal, tally
from thidua.voting.board import board_of
from thidua.voting.enums import BallotKind, BallotPurpose, BallotState
from thidua.voting.models import Ballot, Eligibility, SealedBallot
from thidua.voting.services import casting, closing
from thidua.voting.services.passes import IssuedPass, find_pass

pytestmark = pytest.mark.integration

UNITS = 9


def cast(ballot: Ballot, card: IssuedPass, marks: dict[str, str], receipt: str) -> None:
    voter_pass = find_pass(card.code)
    assert voter_pass is not None
    casting.cast(
        voter_pass=voter_pass,
        ballot=Ballot.objects.get(pk=ballot.pk),
        marks=marks,
        receipt=receipt,
        user=AnonymousUser(),
    )


def session(world: World, **rule_kw: Any) -> list[Organization]:
    for _ in range(UNITS - 3):
        ClusterMembershipFactory(cluster_year=world.cy)
    in_session(world, purpose=BallotPurpose.OTHER, award_code=None, **rule_kw)
    return sorted(members(world), key=lambda o: o.pk)


@pytest.fixture
def closed(world: World) -> tuple[Ballot, dict[str, tuple[tuple[str, str], ...]]]:
    """Nine units choose at most two of four candidates; one ballot is blank. Returns the
    closed question and what each voter was shown: receipt → canonical choices."""
    units = session(world, kind=BallotKind.CHOOSE_K, seats=2)
    ballot = open_ballot(world, units[:4], purpose=BallotPurpose.OTHER, award_code=None)
    a, b, c, d = (uuid_of(ballot, u) for u in units[:4])
    picks = [(a, b), (a,), (a, c), (b, c), (a, d), (a, b), (), (c, d), (a, c)]
    codes = cards(world)
    shown = {}
    for unit, pick in zip(units, picks, strict=True):
        receipt = seal.new_receipt()
        marks = {u: ("Y" if u in pick else "-") for u in (a, b, c, d)}
        # the voter types the receipt back as printed: grouped, lower case
        cast(ballot, codes[unit.pk], marks, seal.show(receipt).lower())
        shown[receipt] = tuple(sorted((u, "Y") for u in pick))
    return closing.close_ballot(ballot=ballot, user=world.admin), shown


def test_every_voter_finds_their_receipt_and_choices(
    closed: tuple[Ballot, dict[str, tuple[tuple[str, str], ...]]],
) -> None:
    ballot, shown = closed
    board = board_of(ballot)
    found = {row["receipt"]: tuple(map(tuple, row["choices"])) for row in board["ballots"]}
    assert found == shown
    assert [row["receipt"] for row in board["ballots"]] == sorted(shown)  # by receipt
    assert {row["weight"] for row in board["ballots"]} == {1}


def test_the_board_recounts_to_the_stored_result(
    closed: tuple[Ballot, dict[str, tuple[tuple[str, str], ...]]],
) -> None:
    ballot, _shown = closed
    board = board_of(ballot)
    assert board["digest"] == ballot.board_digest == tally.digest(board)
    result = tally.count_board(board)
    stored = {str(c.uuid): c for c in ballot.candidates.all()}
    assert {r.uuid: (r.yes, r.no, r.passed, r.elected) for r in result.candidates} == {
        u: (c.yes_weight, c.no_weight, c.passed, c.elected) for u, c in stored.items()
    }
    assert (result.received, result.valid, result.invalid, result.outcome) == (
        ballot.received,
        ballot.valid,
        ballot.invalid,
        ballot.outcome,
    )
    # a: 6 of 9 ≥ 2/3 passes; c: 4 does not
    by_name = {c.organization_id: c for c in ballot.candidates.all()}
    assert sorted(c.yes_weight for c in by_name.values()) == [2, 3, 4, 6]
    assert [c.yes_weight for c in ballot.candidates.all() if c.elected] == [6]


def _altered(board: dict[str, Any]) -> dict[str, Any]:
    """The board with one voter's choice moved to another candidate (digest left as it was)."""
    forged = copy.deepcopy(board)
    row = next(r for r in forged["ballots"] if r["choices"])
    taken = {u for u, _m in row["choices"]}
    other = next(c["uuid"] for c in forged["candidates"] if c["uuid"] not in taken)
    row["choices"][0][0] = other
    row["choices"].sort()
    return forged


def test_a_board_with_one_choice_altered_no_longer_matches_its_digest(
    closed: tuple[Ballot, dict[str, tuple[tuple[str, str], ...]]],
) -> None:
    ballot, _shown = closed
    board = board_of(ballot)
    forged = _altered(board)
    assert tally.digest(forged) != board["digest"]
    assert tally.count_board(forged) != tally.count_board(board)
    removed = copy.deepcopy(board)
    removed["ballots"].pop()
    assert tally.digest(removed) != board["digest"]
    added = copy.deepcopy(board)
    added["ballots"].append({"receipt": "ZZZZZZZZ", "choices": [], "weight": 1})
    assert tally.digest(added) != board["digest"]
    # the stored board is untouched by the forgeries
    assert board_of(Ballot.objects.get(pk=ballot.pk))["digest"] == ballot.board_digest


UNKNOWN = "00000000-0000-4000-8000-000000000abc"


def _first_marked(board: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in board["ballots"] if r["choices"])


def _over_k(board: dict[str, Any]) -> None:
    _first_marked(board)["choices"] = [[c["uuid"], "Y"] for c in board["candidates"]]


def _twice(board: dict[str, Any]) -> None:  # one candidate marked twice: two yes
    row = _first_marked(board)
    row["choices"] = [row["choices"][0], row["choices"][0]]


def _a_no(board: dict[str, Any]) -> None:  # a "no" on a choose-k ballot: counted as no
    row = _first_marked(board)
    taken = {u for u, _m in row["choices"]}
    other = next(c["uuid"] for c in board["candidates"] if c["uuid"] not in taken)
    row["choices"] = sorted([*row["choices"], [other, "N"]])


def _no_weight(board: dict[str, Any]) -> None:
    _first_marked(board)["weight"] = 0


def _unknown(board: dict[str, Any]) -> None:
    _first_marked(board)["choices"] = [[UNKNOWN, "Y"]]


def _unknown_on_paper(board: dict[str, Any]) -> None:
    board["paper"] = {"received": 1, "valid": 1, "invalid": 0, "counts": {UNKNOWN: [1, 0]}}


@pytest.mark.parametrize("forge", [_over_k, _twice, _a_no, _no_weight, _unknown, _unknown_on_paper])
def test_a_ballot_the_close_cannot_have_written_fails_the_recount(
    closed: tuple[Ballot, dict[str, tuple[tuple[str, str], ...]]], forge: Any
) -> None:
    ballot, _shown = closed
    forged = board_of(ballot)
    forge(forged)
    with pytest.raises(tally.InvalidBallot):
        tally.count_board(forged)


def test_the_urn_refuses_a_receipt_already_used(world: World) -> None:
    units = session(world)
    ballot = open_ballot(world, units[:2], purpose=BallotPurpose.OTHER, award_code=None)
    a = uuid_of(ballot, units[0])
    codes = cards(world)
    receipt = seal.new_receipt()
    cast(ballot, codes[units[0].pk], {a: "Y"}, receipt)
    with pytest.raises(ValidationError, match="Mã phiếu đã được dùng"):
        cast(ballot, codes[units[1].pk], {a: "N"}, seal.show(receipt))
    # nothing of the refused ballot stays: the unit may vote again with a fresh receipt
    assert SealedBallot.objects.filter(ballot=ballot).count() == 1
    assert not Eligibility.objects.get(ballot=ballot, organization=units[1]).voted
    cast(ballot, codes[units[1].pk], {a: "N"}, seal.new_receipt())
    assert SealedBallot.objects.filter(ballot=ballot).count() == 2


def test_the_same_receipt_on_another_question_is_accepted(world: World) -> None:
    units = session(world)
    first = open_ballot(world, units[:2], purpose=BallotPurpose.OTHER, award_code=None)
    second = open_ballot(world, units[:2], purpose=BallotPurpose.OTHER, award_code=None)
    codes = cards(world)
    receipt = seal.new_receipt()
    cast(first, codes[units[0].pk], {uuid_of(first, units[0]): "Y"}, receipt)
    cast(second, codes[units[0].pk], {uuid_of(second, units[0]): "Y"}, receipt)
    assert SealedBallot.objects.filter(ballot__in=[first, second]).count() == 2


def test_a_malformed_receipt_is_refused(world: World) -> None:
    units = session(world)
    ballot = open_ballot(world, units[:2], purpose=BallotPurpose.OTHER, award_code=None)
    codes = cards(world)
    with pytest.raises(ValidationError, match="Mã phiếu không hợp lệ"):
        cast(ballot, codes[units[0].pk], {uuid_of(ballot, units[0]): "Y"}, "K7Q2")
    assert Ballot.objects.get(pk=ballot.pk).state == BallotState.OPEN
    assert not SealedBallot.objects.filter(ballot=ballot).exists()


def test_a_name_corrected_after_close_keeps_the_board_digest(
    closed: tuple[Ballot, dict[str, tuple[tuple[str, str], ...]]], world: World
) -> None:
    ballot, _shown = closed
    unit = ballot.candidates.select_related("organization").first().organization  # type: ignore[union-attr]
    update_organization(organization=unit, name=unit.name + " (sửa lỗi chính tả)")
    assert board_of(Ballot.objects.get(pk=ballot.pk))["digest"] == ballot.board_digest
