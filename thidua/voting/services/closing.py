"""Closing a question (design §4.3): in one transaction the urn is opened, its ballots are
shuffled and written once as the public board (random keys, no time, one transaction id for
all), the urn and its key salt are erased, and the count is stored with the board's digest.

Side effects: ``CastBallot`` rows, the ``Ballot`` and ``Candidate`` results, the urn deleted;
one ``voting.ballot_closed`` audit event with the totals and the digest; after commit the
urn's dead rows are vacuumed on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.core.permissions import check
from thidua.voting import seal
from thidua.voting.board import board_of, result_of
from thidua.voting.enums import BallotState, Channel
from thidua.voting.models import Ballot, Candidate, CastBallot, Eligibility, SealedBallot
from thidua.voting.rules import CLOSE_BALLOT

log = logging.getLogger(__name__)


def _open_urn(ballot: Ballot) -> list[seal.Content]:
    salt = bytes(ballot.seal_salt or b"")
    sealed = list(SealedBallot.objects.filter(ballot=ballot).values_list("sealed", flat=True))
    online = Eligibility.objects.filter(ballot=ballot, voted=True, channel=Channel.ONLINE).count()
    if len(sealed) != online:
        raise ValidationError(
            _(
                "Hòm phiếu ({urn} phiếu) không khớp danh sách đơn vị đã bỏ phiếu trực tuyến "
                "({roll}): không kiểm phiếu được."
            ).format(urn=len(sealed), roll=online)
        )
    try:
        contents = [seal.unseal(ballot.uuid, salt, bytes(blob)) for blob in sealed]
    except seal.SealError as exc:
        raise ValidationError(
            _("Không mở được hòm phiếu: khóa niêm phong của máy chủ không đúng.")
        ) from exc
    secrets.SystemRandom().shuffle(contents)
    return contents


def reclaim_urn() -> None:
    """After commit: reclaim the urn's dead rows and the old salt (PostgreSQL), or copy the
    write-ahead log into the zeroed pages of the database (SQLite with secure_delete)."""
    statement = {
        "postgresql": "VACUUM voting_sealedballot, voting_ballot",
        "sqlite": "PRAGMA wal_checkpoint(TRUNCATE)",
    }.get(connection.vendor)
    if statement is None:
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    except Exception:  # the close stands; autovacuum / the next checkpoint do it later
        log.warning("reclaiming the urn after close failed; it will be done later", exc_info=True)


@transaction.atomic
def close_ballot(*, ballot: Ballot, user: Any, today: dt.date | None = None) -> Ballot:
    ballot = (
        Ballot.objects.select_for_update()
        .select_related("conference__cluster_year")
        .get(pk=ballot.pk)
    )
    check(user, CLOSE_BALLOT.name, ballot)
    contents = _open_urn(ballot)
    CastBallot.objects.bulk_create(
        CastBallot(
            ballot=ballot,
            receipt=content.receipt,
            choices=[list(choice) for choice in content.choices],
            weight=content.weight,
        )
        for content in contents
    )
    SealedBallot.objects.filter(ballot=ballot).delete()
    ballot.seal_salt = None
    result = result_of(ballot)
    ballot.issued = ballot.present_count
    ballot.received, ballot.valid, ballot.invalid = result.received, result.valid, result.invalid
    ballot.outcome = result.outcome
    ballot.board_digest = board_of(ballot)["digest"]
    ballot.state = BallotState.CLOSED
    ballot.closed_on = today or timezone.localdate()
    ballot.save()
    by_uuid = {str(c.uuid): c for c in ballot.candidates.all()}
    for row in result.candidates:
        candidate = by_uuid[row.uuid]
        candidate.yes_weight, candidate.no_weight = row.yes, row.no
        candidate.passed, candidate.elected = row.passed, row.elected
    Candidate.objects.bulk_update(
        by_uuid.values(), ["yes_weight", "no_weight", "passed", "elected"]
    )
    record_event(
        action="voting.ballot_closed",
        obj=ballot,
        actor=user,
        after={
            "uuid": str(ballot.uuid),
            "issued": ballot.issued,
            "received": ballot.received,
            "valid": ballot.valid,
            "invalid": ballot.invalid,
            "outcome": ballot.outcome,
            "digest": ballot.board_digest,
            "elected": [by_uuid[r.uuid].label for r in result.candidates if r.elected],
        },
    )
    transaction.on_commit(reclaim_urn)
    return ballot
