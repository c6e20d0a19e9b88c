"""The secrecy property (design §4.1, §6): after close, someone with the whole database — its
tables, PostgreSQL's ``xmin``/``xmax``/``ctid``, SQLite's rowids — and the audit trail cannot
pair a unit with its ballot.

Thirty units vote one after the other, each in its own transaction as real requests do, each
with a ballot no other unit cast (a distinct Y/N pattern over six candidates), so any link
between the roll and the board would show. No seeding: the assertions hold whatever the
shuffle drew, except with a chance of 2 in 30! for "an order equals the voting order"."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection, models

from tests.conftest import World
from tests.factories import ClusterMembershipFactory
from tests.voting.ballots import cards, in_session, members, open_ballot, uuid_of
from thidua.audit.models import AuditEvent
from thidua.organizations.models import Organization
from thidua.voting import seal
from thidua.voting.enums import BallotPurpose, BallotState
from thidua.voting.models import Ballot, CastBallot, Eligibility, SealedBallot, VoterPass
from thidua.voting.services import casting, closing
from thidua.voting.services.passes import find_pass

UNITS = 30
CANDIDATES = 6
TRANSACTIONAL = pytest.mark.django_db(transaction=True)

# Where a voter is named, and what a ballot holds.
VOTER_MODELS = (Eligibility, VoterPass, Organization)
BALLOT_MODELS = (CastBallot, SealedBallot)
BALLOT_FIELD_NAMES = {"receipt", "receipt_mac", "choices", "sealed"}


@dataclass(frozen=True)
class Cast:
    """What one unit did, known to the test only: its card, receipt and canonical choices."""

    unit: Organization
    code: str
    receipt: str
    choices: tuple[tuple[str, str], ...]


@dataclass
class Election:
    ballot: Ballot
    casts: list[Cast]  # in voting order
    candidates: list[str]
    events_during_vote: list[AuditEvent]

    def voter_of(self, choices: Sequence[Sequence[str]]) -> int:
        """The position in the voting order of the unit that cast these choices."""
        wanted = tuple(tuple(c) for c in choices)
        return next(i for i, c in enumerate(self.casts) if c.choices == wanted)


def pattern(i: int, candidates: Sequence[str]) -> dict[str, str]:
    """Unit ``i``'s marks: the bits of ``i + 1`` over the candidates (distinct for i < 63)."""
    return {u: ("Y" if (i + 1) >> bit & 1 else "N") for bit, u in enumerate(candidates)}


def vote_all(world: World) -> Election:
    for _ in range(UNITS - 3):
        ClusterMembershipFactory(cluster_year=world.cy)
    in_session(world, purpose=BallotPurpose.OTHER, award_code=None)
    units = sorted(members(world), key=lambda o: o.pk)
    assert len(units) == UNITS
    ballot = open_ballot(world, units[:CANDIDATES], purpose=BallotPurpose.OTHER, award_code=None)
    candidates = [uuid_of(ballot, unit) for unit in units[:CANDIDATES]]
    codes = cards(world)
    first_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    casts = []
    for i, unit in enumerate(units):
        marks = pattern(i, candidates)
        receipt = seal.new_receipt()
        voter_pass = find_pass(codes[unit.pk].code)
        assert voter_pass is not None
        casting.cast(
            voter_pass=voter_pass,
            ballot=Ballot.objects.get(pk=ballot.pk),
            marks=marks,
            receipt=receipt,
            user=AnonymousUser(),
        )
        choices = tuple(sorted(marks.items()))
        casts.append(Cast(unit, codes[unit.pk].code, receipt, choices))
    assert len({c.choices for c in casts}) == UNITS  # every ballot is unique
    events = list(AuditEvent.objects.filter(pk__gt=first_event).order_by("pk"))
    closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)
    return Election(Ballot.objects.get(pk=ballot.pk), casts, candidates, events)


@pytest.fixture
def election(world: World) -> Election:
    return vote_all(world)


def order_of(election: Election, rows: Sequence[Sequence[Any]]) -> list[int]:
    """The voting positions of the ballots in the order of ``rows`` (``choices`` last)."""
    return [election.voter_of(json.loads(r[-1]) if isinstance(r[-1], str) else r[-1]) for r in rows]


def assert_not_voting_order(order: list[int]) -> None:
    assert sorted(order) == list(range(UNITS))
    assert order != list(range(UNITS))
    assert order != list(reversed(range(UNITS)))


# --- (a) the schema -------------------------------------------------------------------------


def _targets(model: type[models.Model]) -> set[type[models.Model]]:
    return {
        f.related_model  # type: ignore[misc]
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is not None
    }


def _is_voter_key(model: type[models.Model]) -> bool:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return model in VOTER_MODELS or model is user_model


def test_no_table_pairs_a_voter_with_a_ballot() -> None:
    every = [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy]
    assert {CastBallot, SealedBallot, Eligibility, VoterPass, AuditEvent} <= set(every)
    assert len(every) > 50  # the walk covers the whole project, not a written list
    for model in every:
        targets = _targets(model)
        names = {f.name for f in model._meta.concrete_fields}
        voter_side = model in VOTER_MODELS or any(_is_voter_key(t) for t in targets)
        ballot_side = (
            model in BALLOT_MODELS
            or bool(targets & set(BALLOT_MODELS))
            or bool(names & BALLOT_FIELD_NAMES)
        )
        assert not (voter_side and ballot_side), model._meta.label
        if model not in BALLOT_MODELS:
            # a ballot-side value lives on the board and in the urn only
            assert not targets & set(BALLOT_MODELS), model._meta.label
            assert not names & BALLOT_FIELD_NAMES, model._meta.label


@pytest.mark.parametrize("model", BALLOT_MODELS)
def test_ballots_have_no_time_no_order_and_no_link_but_their_question(
    model: type[models.Model],
) -> None:
    fields = model._meta.concrete_fields
    relations = [f.name for f in fields if f.is_relation]
    assert relations == ["ballot"]
    timed = (models.DateField, models.TimeField, models.DurationField)  # DateTimeField included
    assert not [f.name for f in fields if isinstance(f, timed)]
    pk = model._meta.pk
    assert isinstance(pk, models.UUIDField)
    assert pk.default is uuid.uuid4  # random keys, no serial


# --- (b) the data ---------------------------------------------------------------------------


@TRANSACTIONAL
def test_after_close_the_urn_is_empty_and_the_board_has_random_keys(election: Election) -> None:
    ballot = election.ballot
    assert ballot.state == BallotState.CLOSED
    assert ballot.seal_salt is None
    assert not SealedBallot.objects.filter(ballot=ballot).exists()
    rows = list(CastBallot.objects.filter(ballot=ballot).values_list("id", "receipt", "choices"))
    assert len(rows) == UNITS
    assert all(row_id.version == 4 for row_id, _r, _c in rows)
    # the board holds exactly the ballots cast, each with the receipt its voter was shown
    by_receipt = {receipt: tuple(map(tuple, choices)) for _i, receipt, choices in rows}
    assert by_receipt == {c.receipt: c.choices for c in election.casts}
    id_order = order_of(election, sorted(rows, key=lambda r: r[0].bytes))
    assert_not_voting_order(id_order)
    receipt_order = order_of(election, sorted(rows, key=lambda r: r[1]))
    assert_not_voting_order(receipt_order)


# --- (c) what the database engine keeps -----------------------------------------------------


def _ctid(text: str) -> tuple[int, int]:
    block, item = text.strip("()").split(",")
    return int(block), int(item)


@TRANSACTIONAL
def test_postgresql_system_columns_do_not_follow_the_voting_order(election: Election) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("xmin and ctid are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT xmin::text::bigint, xmax::text::bigint, ctid::text, choices::text "
            "FROM voting_castballot WHERE ballot_id = %s",
            [election.ballot.pk],
        )
        board = cursor.fetchall()
        cursor.execute(
            "SELECT xmin::text::bigint FROM voting_eligibility WHERE ballot_id = %s AND voted",
            [election.ballot.pk],
        )
        roll = [row[0] for row in cursor.fetchall()]
    assert len(board) == UNITS
    board_xmins = {row[0] for row in board}
    assert len(board_xmins) == 1  # written by the close, all at once
    assert {row[1] for row in board} == {0}
    assert len(set(roll)) == UNITS  # each vote was its own transaction…
    assert not set(roll) & board_xmins  # …and none of them wrote a ballot
    assert_not_voting_order(order_of(election, sorted(board, key=lambda r: _ctid(r[2]))))
    # the DBA's linker: pairing a roll line with the ballots of an equal or adjacent xmin
    # finds, for every voter, either nothing or every ballot at once
    for xmin in roll:
        near = [row for row in board if abs(row[0] - xmin) <= 1]
        assert len(near) in (0, UNITS)


@TRANSACTIONAL
def test_sqlite_rowids_do_not_follow_the_voting_order(election: Election) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("rowids are SQLite's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, choices FROM voting_castballot WHERE ballot_id = %s ORDER BY rowid",
            [election.ballot.pk],
        )
        board = cursor.fetchall()
    assert len(board) == UNITS
    assert_not_voting_order(order_of(election, board))


# --- (d) the audit trail --------------------------------------------------------------------


def _text(event: AuditEvent) -> str:
    return json.dumps(
        [
            event.action,
            event.object_type,
            event.object_id,
            event.object_repr,
            event.actor_repr,
            event.before,
            event.after,
            event.note,
            event.request_id,
        ],
        ensure_ascii=False,
    )


@TRANSACTIONAL
def test_the_audit_trail_holds_no_receipt_choice_code_or_ballot_id(election: Election) -> None:
    voted = [e for e in election.events_during_vote if e.action == "voting.unit_voted"]
    assert len(voted) == UNITS
    assert all(set(e.after or {}) == {"unit", "channel"} for e in voted)
    assert not [e.action for e in election.events_during_vote if e not in voted]
    secrets_ = [c.receipt for c in election.casts]
    secrets_ += [seal.show(c.receipt) for c in election.casts]
    secrets_ += [c.code for c in election.casts] + [seal.show(c.code) for c in election.casts]
    secrets_ += [str(i) for i in CastBallot.objects.values_list("id", flat=True)]
    trail = [_text(e) for e in AuditEvent.objects.all()]
    assert len(trail) > UNITS
    for text in trail:
        assert not [s for s in secrets_ if s in text]
    # during the vote not even a candidate is named: nothing hints at a choice
    for event in election.events_during_vote:
        text = _text(event)
        assert not [u for u in election.candidates if u in text]


# --- what the engine keeps of the urn after close -------------------------------------------


@TRANSACTIONAL
def test_the_close_leaves_no_page_of_the_urn_behind(world: World) -> None:
    """SQLite frees the urn's pages zeroed and truncates its write-ahead log after commit (the
    log otherwise keeps every page written during the vote, in voting order, with the salt);
    PostgreSQL vacuums the urn and the ballot rows after commit."""
    in_session(world, purpose=BallotPurpose.OTHER, award_code=None)
    units = members(world)
    ballot = open_ballot(world, units, purpose=BallotPurpose.OTHER, award_code=None)
    codes = cards(world)
    for unit in units:
        voter_pass = find_pass(codes[unit.pk].code)
        assert voter_pass is not None
        casting.cast(
            voter_pass=voter_pass,
            ballot=Ballot.objects.get(pk=ballot.pk),
            marks={uuid_of(ballot, unit): "Y"},
            receipt=seal.new_receipt(),
            user=AnonymousUser(),
        )
    statements: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append(" ".join(sql.upper().replace('"', "").split()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)

    def at(prefix: str) -> int:
        return next(i for i, s in enumerate(statements) if s.startswith(prefix))

    urn_deleted = at("DELETE FROM VOTING_SEALEDBALLOT")
    if connection.vendor == "sqlite":
        assert urn_deleted < at("PRAGMA WAL_CHECKPOINT(TRUNCATE)")
        with connection.cursor() as cursor:  # set for every connection (settings)
            cursor.execute("PRAGMA secure_delete")
            assert cursor.fetchone() == (1,)
    else:
        assert urn_deleted < at("VACUUM VOTING_SEALEDBALLOT, VOTING_BALLOT")
