"""Setting up a conference for the tests, through the services."""

from __future__ import annotations

import datetime as dt

from tests.conftest import World
from thidua.clusters.models import ClusterYear
from thidua.voting import services
from thidua.voting.enums import Operator, QuorumBasis, TieBreak
from thidua.voting.models import Conference, VotingRules

HELD_ON = dt.date(2023, 12, 20)


def fresh(cy: ClusterYear) -> ClusterYear:
    return ClusterYear.objects.select_related("cluster__authority", "head").get(pk=cy.pk)


def make_conference(world: World, cy: ClusterYear | None = None) -> Conference:
    return services.create_conference(
        cluster_year=fresh(cy or world.cy), held_on=HELD_ON, place="Hà Nội", user=world.admin
    )


def make_rules(
    world: World, cy: ClusterYear | None = None, num: int = 2, den: int = 3
) -> VotingRules:
    return services.set_voting_rules(
        cluster_year=fresh(cy or world.cy),
        source_text="Quy chế hoạt động, Điều 9",
        quorum_basis=QuorumBasis.ALL,
        quorum_operator=Operator.GE,
        quorum_num=num,
        quorum_den=den,
        tie_break=TieBreak.RUNOFF,
        self_vote_allowed=True,
        user=world.admin,
    )


def mark_present(world: World, *orgs: object, cy: ClusterYear | None = None) -> None:
    year = fresh(cy or world.cy)
    services.record_attendance(
        cluster_year=year,
        entries=[
            services.AttendanceEntry(
                organization=org,  # type: ignore[arg-type]
                present=True,
                delegates=[services.DelegateEntry("Nguyễn Văn A", "Phó Giám đốc", True)],
            )
            for org in orgs
        ],
        user=world.admin,
    )
