"""Logs and audit events of a whole vote (design §4.6): cards issued, ballots cast — a refused
second vote and a bad ballot among them — the question closed. No log record at any level and
no audit event holds a choice, a receipt, a pass code, a sealed ballot's id or its ciphertext."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from tests.conftest import World
from tests.voting.ballots import cards, in_session, members, open_ballot, uuid_of
from tests.voting.room import DELEGATE, delegate_with, form_of, vote_url
from thidua.audit.models import AuditEvent
from thidua.voting import seal
from thidua.voting.enums import BallotPurpose, BallotState
from thidua.voting.models import Ballot, CastBallot, SealedBallot
from thidua.voting.services import casting, closing
from thidua.voting.services.passes import IssuedPass, find_pass

pytestmark = pytest.mark.integration


@contextmanager
def everything_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Every logger of the process at DEBUG, captured."""
    names = [None, *logging.root.manager.loggerDict]
    with caplog.at_level(logging.DEBUG):
        for name in names:
            caplog.set_level(logging.DEBUG, logger=name)
        yield


def record_text(record: logging.LogRecord) -> str:
    parts = [record.getMessage(), repr(record.args), repr(record.msg)]
    if record.exc_info and record.exc_info[1] is not None:
        parts.append(repr(record.exc_info[1]))
    parts.extend(repr(v) for k, v in vars(record).items() if k not in logging.LogRecord.__dict__)
    return "\n".join(parts)


def event_text(event: AuditEvent) -> str:
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
        ],
        ensure_ascii=False,
    )


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


def forbidden_in(texts: list[str], secrets_: list[str]) -> list[tuple[str, str]]:
    return [(s, t[:200]) for t in texts for s in secrets_ if s and s in t]


@pytest.mark.django_db(transaction=True)  # real commits: the close's after-commit step runs
def test_a_whole_vote_leaves_no_secret_in_logs_or_audit(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    in_session(world, purpose=BallotPurpose.OTHER, award_code=None)
    units = members(world)
    first_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with everything_logged(caplog):
        ballot = open_ballot(world, units, purpose=BallotPurpose.OTHER, award_code=None)
        candidates = [uuid_of(ballot, u) for u in units]
        codes = cards(world)
        receipts = [seal.new_receipt() for _ in units]
        patterns = [("Y", "N", "Y"), ("N", "Y", "Y"), ("Y", "Y", "N")]
        for unit, receipt, marks in zip(units, receipts, patterns, strict=True):
            cast(ballot, codes[unit.pk], dict(zip(candidates, marks, strict=True)), receipt)
        with pytest.raises(PermissionDenied):  # a second vote with the same card
            cast(ballot, codes[units[0].pk], {candidates[0]: "N"}, seal.new_receipt())
        sealed = list(SealedBallot.objects.filter(ballot=ballot).values_list("id", "sealed"))
        closed = closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)
    assert closed.state == BallotState.CLOSED
    assert CastBallot.objects.filter(ballot=ballot).count() == len(units)
    secrets_ = receipts + [seal.show(r) for r in receipts]
    secrets_ += [c.code for c in codes.values()] + [c.shown for c in codes.values()]
    secrets_ += [seal.pass_hmac(c.code) for c in codes.values()]
    secrets_ += [str(i) for i, _blob in sealed] + [bytes(b).hex()[:32] for _i, b in sealed]
    secrets_ += [str(i) for i in CastBallot.objects.values_list("id", flat=True)]
    # a choice names a candidate: no candidate uuid is logged or audited at all
    secrets_ += candidates
    logs = [record_text(r) for r in caplog.records]
    events = [event_text(e) for e in AuditEvent.objects.filter(pk__gt=first_event)]
    assert {"voting.unit_voted", "voting.ballot_closed"} <= {
        e.action for e in AuditEvent.objects.filter(pk__gt=first_event)
    }
    assert forbidden_in(logs, secrets_) == []
    assert forbidden_in(events, secrets_) == []
    # the close's after-commit step (VACUUM of the urn on PostgreSQL) ran without a warning
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL "
                "AND relname IN ('voting_sealedballot', 'voting_ballot')"
            )
            assert cursor.fetchone() == (2,)


def test_refused_ballots_say_why_without_repeating_the_choice(world: World) -> None:
    in_session(world, purpose=BallotPurpose.OTHER, award_code=None)
    units = members(world)
    ballot = open_ballot(world, units[:2], purpose=BallotPurpose.OTHER, award_code=None)
    codes = cards(world)
    receipt = seal.new_receipt()
    foreign = "00000000-0000-4000-8000-000000000abc"
    with pytest.raises(ValidationError) as refused:
        cast(ballot, codes[units[0].pk], {foreign: "Y"}, receipt)
    assert foreign not in str(refused.value) and receipt not in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        cast(ballot, codes[units[0].pk], {uuid_of(ballot, units[0]): "Y"}, "short")
    assert "short" not in str(refused.value).lower()


def test_casting_sends_no_receipt_or_choice_in_clear_to_the_database(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """With SQL logging on (DEBUG, or a server's ``log_statement = all``), the statements of a
    cast carry the HMAC of the receipt and the ciphertext, never the receipt or the marks."""
    in_session(world, purpose=BallotPurpose.OTHER, award_code=None)
    units = members(world)
    ballot = open_ballot(world, units, purpose=BallotPurpose.OTHER, award_code=None)
    candidates = [uuid_of(ballot, u) for u in units]
    codes = cards(world)
    receipts = [seal.new_receipt() for _ in units]
    connection.force_debug_cursor = True
    try:
        with caplog.at_level(logging.DEBUG, logger="django.db.backends"):
            for unit, receipt in zip(units, receipts, strict=True):
                cast(ballot, codes[unit.pk], dict.fromkeys(candidates, "Y"), receipt)
    finally:
        connection.force_debug_cursor = False
    statements = [r.getMessage() for r in caplog.records if r.name == "django.db.backends"]
    assert any("voting_sealedballot" in s for s in statements)  # the logging did work
    assert forbidden_in(statements, receipts + [c.code for c in codes.values()]) == []
    # the candidates are read (to check the ballot), but no statement writes one
    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert forbidden_in(writes, candidates) == []


def test_voting_through_the_delegate_pages_logs_no_secret(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """The same through HTTP, refusals included (a second tab, a forged receipt): the request
    log lines of 4xx answers, the cookies and the audit hold no receipt, code or choice."""
    cache.clear()
    in_session(world)
    ballot = open_ballot(world, [world.member, world.deputy])
    m, d = uuid_of(ballot, world.member), uuid_of(ballot, world.deputy)
    codes = cards(world)
    first_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    secrets_: list[str] = [m, d]
    cookies = []
    with everything_logged(caplog):
        for unit, marks in zip(members(world), [("Y", "N"), ("N", "Y"), ("Y", "-")], strict=True):
            code = codes[unit.pk].code
            client = delegate_with(seal.show(code).lower())
            data = form_of(client.get(DELEGATE).content.decode(), ballot)
            data.update({"c-" + m: marks[0], "c-" + d: marks[1]})
            forged = dict(data, receipt=data["receipt"][:-2] + "ZZ")
            assert client.post(vote_url(ballot), forged).status_code == 400
            response = client.post(vote_url(ballot), data)
            assert response.status_code == 200
            assert client.post(vote_url(ballot), data).status_code == 409  # a second tab
            receipt = re.search(r'id="receipt">([0-9A-Z-]+)<', response.content.decode())[1]  # type: ignore[index]
            secrets_ += [code, seal.show(code), seal.show(code).lower(), data["receipt"]]
            secrets_ += [receipt, seal.normalize(receipt)]
            cookies.append(repr(client.cookies) + repr(dict(client.session.items())))
        closing.close_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)
    assert any(r.name == "django.request" for r in caplog.records)  # the 4xx were logged
    logs = [record_text(r) for r in caplog.records]
    events = [event_text(e) for e in AuditEvent.objects.filter(pk__gt=first_event)]
    assert forbidden_in(logs, secrets_) == []
    assert forbidden_in(events, secrets_) == []
    assert forbidden_in(cookies, secrets_) == []
