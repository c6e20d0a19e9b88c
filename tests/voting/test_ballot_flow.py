"""A question from opening to the published board: casting, sealing, the shuffled close, the
count against the threshold, and the recount of the board."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World
from tests.voting.ballots import cards, in_session, members, open_ballot, uuid_of
from thidua.voting import seal, tally
from thidua.voting.board import board_of
from thidua.voting.enums import BallotOutcome, BallotState
from thidua.voting.models import Ballot, CastBallot, Eligibility, SealedBallot
from thidua.voting.services import ballots, casting, closing
from thidua.voting.services.passes import find_pass

ANON = AnonymousUser()


def vote(ballot: Ballot, code: str, marks: dict[str, str]) -> str:
    receipt = seal.new_receipt()
    voter_pass = find_pass(code)
    assert voter_pass is not None
    casting.cast(
        voter_pass=voter_pass,
        ballot=Ballot.objects.get(pk=ballot.pk),
        marks=marks,
        receipt=receipt,
        user=ANON,
    )
    return receipt


def test_three_units_acclaim_one_and_the_board_recounts(world: World) -> None:
    in_session(world)
    units = members(world)
    ballot = open_ballot(world, [world.member, world.deputy])
    codes = cards(world)
    m, d = uuid_of(ballot, world.member), uuid_of(ballot, world.deputy)
    receipts = [
        vote(ballot, codes[units[0].pk].code, {m: "Y", d: "N"}),
        vote(ballot, codes[units[1].pk].code, {m: "Y", d: "Y"}),
    ]
    assert SealedBallot.objects.filter(ballot=ballot).count() == 2
    assert not CastBallot.objects.filter(ballot=ballot).exists()  # nothing readable before close
    vote(ballot, codes[units[2].pk].code, {m: "Y", d: "N"})

    closed = closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)

    assert closed.state == BallotState.CLOSED
    assert closed.outcome == BallotOutcome.PASSED
    assert (closed.issued, closed.received, closed.valid) == (3, 3, 3)
    assert not SealedBallot.objects.filter(ballot=ballot).exists()
    assert closed.seal_salt is None
    member = closed.candidates.get(organization=world.member)
    deputy = closed.candidates.get(organization=world.deputy)
    assert (member.yes_weight, member.no_weight, member.elected) == (3, 0, True)
    # one seat: the deputy (1 of 3 < 2/3) does not pass
    assert (deputy.yes_weight, deputy.passed, deputy.elected) == (1, False, False)
    board = board_of(closed)
    assert board["digest"] == closed.board_digest
    assert {row["receipt"] for row in board["ballots"]} >= set(receipts)
    assert tally.count_board(board).of(m).yes == 3


def test_a_unit_votes_once_whatever_the_channel(world: World) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member], mode="mixed")
    codes = cards(world)
    m = uuid_of(ballot, world.member)
    vote(ballot, codes[world.head.pk].code, {m: "Y"})
    with pytest.raises(PermissionDenied, match="đã bỏ phiếu"):
        vote(ballot, codes[world.head.pk].code, {m: "N"})
    # a reissued card does not give a second vote
    again = cards(world, [world.head])
    with pytest.raises(PermissionDenied, match="đã bỏ phiếu"):
        vote(ballot, again[world.head.pk].code, {m: "N"})
    assert SealedBallot.objects.filter(ballot=ballot).count() == 1
    with pytest.raises(ValidationError, match="trực tuyến"):
        casting.enter_paper_tally(
            ballot=ballot,
            entry=casting.PaperEntry(1, 1, 0, {m: (1, 0)}, [world.head]),
            user=world.admin,
        )


def test_bad_ballots_are_refused_and_nothing_counts(world: World) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member, world.deputy])
    codes = cards(world)
    code = codes[world.head.pk].code
    with pytest.raises(ValidationError, match="không thuộc danh sách"):
        vote(ballot, code, {"00000000-0000-0000-0000-000000000000": "Y"})
    with pytest.raises(ValidationError, match="không hợp lệ"):
        vote(ballot, code, {uuid_of(ballot, world.member): "maybe"})
    assert not Eligibility.objects.filter(ballot=ballot, voted=True).exists()
    assert not SealedBallot.objects.filter(ballot=ballot).exists()


def test_absent_unit_cannot_vote_and_close_needs_quorum(world: World) -> None:
    in_session(world, present=[world.head, world.deputy, world.member])
    ballot = open_ballot(world, [world.member])
    codes = cards(world)
    Eligibility.objects.filter(ballot=ballot, organization=world.member).update(present=False)
    with pytest.raises(PermissionDenied, match="danh sách cử tri"):
        vote(ballot, codes[world.member.pk].code, {uuid_of(ballot, world.member): "Y"})


def test_voting_after_close_is_refused(world: World) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member])
    codes = cards(world)
    closing.close_ballot(ballot=ballot, user=world.admin)
    with pytest.raises(PermissionDenied, match="không trong thời gian"):
        vote(ballot, codes[world.head.pk].code, {uuid_of(ballot, world.member): "Y"})


def test_mixed_ballot_sums_paper_and_online(world: World) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member], mode="mixed")
    codes = cards(world)
    m = uuid_of(ballot, world.member)
    vote(ballot, codes[world.head.pk].code, {m: "Y"})
    with pytest.raises(ValidationError, match="lớn hơn số phiếu phát ra"):
        casting.enter_paper_tally(
            ballot=ballot,
            entry=casting.PaperEntry(3, 3, 0, {m: (2, 0)}, [world.deputy, world.member]),
            user=world.admin,
        )
    casting.enter_paper_tally(
        ballot=ballot,
        entry=casting.PaperEntry(2, 2, 0, {m: (1, 1)}, [world.deputy, world.member]),
        user=world.admin,
    )
    closed = closing.close_ballot(ballot=ballot, user=world.admin)
    member = closed.candidates.get()
    assert (member.yes_weight, member.no_weight) == (2, 1)
    assert (closed.received, closed.valid) == (3, 3)
    assert member.passed  # 2 of 3 ≥ 2/3


def test_the_urn_holds_only_ciphertext(world: World) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member, world.deputy])
    codes = cards(world)
    m = uuid_of(ballot, world.member)
    receipt = vote(ballot, codes[world.head.pk].code, {m: "Y"})
    blob = bytes(SealedBallot.objects.get(ballot=ballot).sealed)
    assert m.encode() not in blob and receipt.encode() not in blob
    assert len(blob) == 12 + 16 + seal.padded_size(2)


def test_closing_schedules_the_reclaim_of_the_urn(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member])
    with django_capture_on_commit_callbacks() as callbacks:
        closing.close_ballot(ballot=ballot, user=world.admin)
    assert [c.__name__ for c in callbacks] == ["reclaim_urn"]


def test_cancelling_an_open_ballot_empties_and_reclaims_the_urn(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member])
    vote(ballot, cards(world)[world.head.pk].code, {uuid_of(ballot, world.member): "Y"})
    with django_capture_on_commit_callbacks() as callbacks:
        cancelled = ballots.cancel_ballot(ballot=ballot, user=world.admin, reason="Sai danh sách")
    assert cancelled.state == BallotState.CANCELLED and cancelled.seal_salt is None
    assert not SealedBallot.objects.filter(ballot=ballot).exists()
    assert [c.__name__ for c in callbacks] == ["reclaim_urn"]


def test_every_sqlite_connection_zeroes_freed_pages(db: Any) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("a SQLite pragma")
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1
