"""Closed ballots for the outcome and minutes tests, built with the ORM as the closing service
leaves them (state, outcome, counts, ``closed_on``, the candidates' results): test set-up."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tests.conftest import World
from tests.voting.helpers import HELD_ON, fresh, make_conference
from thidua.awards.models import AwardType
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Organization
from thidua.voting.enums import (
    BallotKind,
    BallotMode,
    BallotOutcome,
    BallotPurpose,
    BallotState,
    Operator,
    QuorumBasis,
)
from thidua.voting.models import Ballot, Candidate, Conference

# (organization, yes, no, passed, elected)
Row = tuple[Organization, int, int, bool, bool]
SOURCE = "Quy chế hoạt động Cụm 6, Điều 9"


def conference_of(world: World, cy: ClusterYear | None = None) -> Conference:
    year = cy or world.cy
    found = Conference.objects.filter(cluster_year=year).first()
    return found or make_conference(world, year)


def closed_ballot(
    world: World,
    *,
    purpose: str = BallotPurpose.ACCLAIM,
    award_type: str | None = "CTD_CP",
    results: Sequence[Row] = (),
    cy: ClusterYear | None = None,
    seats: int = 1,
    state: str = BallotState.CLOSED,
    outcome: str | None = None,
    runoff_of: Ballot | None = None,
    title: str = "",
    **fields: Any,
) -> Ballot:
    conference = conference_of(world, fresh(cy or world.cy))
    members = conference.cluster_year.memberships.count()
    kind = (
        BallotKind.APPROVE_REJECT if purpose == BallotPurpose.ACCLAIM else BallotKind.SINGLE_CHOICE
    )
    closed = state == BallotState.CLOSED
    if outcome is None:
        outcome = BallotOutcome.PASSED if any(r[4] for r in results) else BallotOutcome.FAILED
    values: dict[str, Any] = {
        "conference": conference,
        "title": title or f"Bỏ phiếu {purpose} {award_type or ''}".strip(),
        "purpose": purpose,
        "award_type": AwardType.objects.get(code=award_type) if award_type else None,
        "kind": kind,
        "seats": seats,
        "threshold_basis": QuorumBasis.ALL,
        "threshold_operator": Operator.GE,
        "threshold_num": 2,
        "threshold_den": 3,
        "threshold_source": SOURCE,
        "mode": BallotMode.PAPER,
        "state": state,
        "round": runoff_of.round + 1 if runoff_of else 1,
        "runoff_of": runoff_of,
        "opened_on": HELD_ON if state != BallotState.DRAFT else None,
        "closed_on": HELD_ON if closed else None,
        "electorate_weight": members,
        "present_weight": members,
        "electorate_count": members,
        "present_count": members,
        "issued": members if closed else 0,
        "received": members if closed else 0,
        "valid": members if closed else 0,
        "invalid": 0,
        "board_digest": "ab12" * 16 if closed else "",
        "outcome": outcome if closed else "",
        **fields,
    }
    ballot = Ballot.objects.create(**values)
    for order, (org, yes, no, passed, elected) in enumerate(results):
        Candidate.objects.create(
            ballot=ballot,
            organization=org,
            order=order,
            yes_weight=yes if closed else 0,
            no_weight=no if closed else 0,
            passed=passed if closed else None,
            elected=elected if closed else None,
        )
    return ballot
