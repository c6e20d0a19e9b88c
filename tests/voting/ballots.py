"""A conference in session with ballot rules, for the ballot tests (through the services; the
ballot rules are written with the ORM as the secretariat's rule form would)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tests.conftest import World
from tests.voting.helpers import fresh, make_conference, make_rules, mark_present
from thidua.awards.models import AwardType
from thidua.clusters.candidates import ProposedCandidate
from thidua.clusters.models import ClusterMembership
from thidua.organizations.models import Organization
from thidua.voting import services
from thidua.voting.enums import BallotKind, BallotMode, BallotPurpose, Operator, QuorumBasis
from thidua.voting.models import Ballot, BallotRule
from thidua.voting.services import ballots, passes
from thidua.voting.services.passes import IssuedPass


def award(code: str = "CTD_CP") -> AwardType:
    return AwardType.objects.filter(code=code).order_by("-effective_from").first()  # type: ignore[return-value]


def rule(
    world: World,
    *,
    purpose: str = BallotPurpose.ACCLAIM,
    award_code: str | None = "CTD_CP",
    kind: str = BallotKind.APPROVE_REJECT,
    seats: int = 1,
    basis: str = QuorumBasis.ALL,
    operator: str = Operator.GE,
    num: int = 2,
    den: int = 3,
) -> BallotRule:
    return BallotRule.objects.create(
        rules=fresh(world.cy).voting_rules,
        purpose=purpose,
        award_type=award(award_code) if award_code and purpose == BallotPurpose.ACCLAIM else None,
        kind=kind,
        seats=seats,
        threshold_basis=basis,
        threshold_operator=operator,
        threshold_num=num,
        threshold_den=den,
        source_text="Quy chế hoạt động Cụm, Điều 9",
    )


def members(world: World) -> list[Organization]:
    return [
        m.organization
        for m in ClusterMembership.objects.filter(cluster_year=world.cy).select_related(
            "organization"
        )
    ]


def in_session(world: World, present: Sequence[Organization] | None = None, **rule_kw: Any) -> None:
    make_conference(world)
    make_rules(world)
    rule(world, **rule_kw)
    mark_present(world, *(present if present is not None else members(world)))
    services.open_session(cluster_year=fresh(world.cy), user=world.admin)


def open_ballot(
    world: World,
    candidates: Sequence[Organization],
    *,
    purpose: str = BallotPurpose.ACCLAIM,
    award_code: str | None = "CTD_CP",
    mode: str = BallotMode.ONLINE,
) -> Ballot:
    ballot = ballots.create_ballot(
        cluster_year=fresh(world.cy),
        purpose=purpose,
        award_type=award(award_code) if award_code and purpose == BallotPurpose.ACCLAIM else None,
        mode=mode,
        user=world.admin,
    )
    ballots.set_candidates(
        ballot=ballot,
        proposed=[ProposedCandidate(organization=o) for o in candidates],
        user=world.admin,
    )
    return ballots.open_ballot(ballot=Ballot.objects.get(pk=ballot.pk), user=world.admin)


def cards(world: World, units: Sequence[Organization] | None = None) -> dict[int, IssuedPass]:
    issued = passes.issue_passes(
        cluster_year=fresh(world.cy), units=list(units or members(world)), user=world.admin
    )
    return {p.organization.pk: p for p in issued}


def uuid_of(ballot: Ballot, unit: Organization) -> str:
    return str(ballot.candidates.get(organization=unit).uuid)
