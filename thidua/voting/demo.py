"""Demo: Cụm thi đua số 6's summary conference for 2023 (held on 22/02/2024), from its report in
../shared/seeds. The report says the units "nhất trí suy tôn" Sở Nội vụ for the Government flag,
the City People's Committee Office for the City flag, Ban Dân tộc, Sở Ngoại vụ, Sở Tư pháp and
Thanh tra TP for the City's Bằng khen, and elected Thanh tra TP head and Sở Nội vụ deputy for
2024; it gives no counts, no rules and no committee. Those are generated (a seeded random
ballot set that yields the reported outcome) and every ballot is marked sample data.

Every write goes through the services (the secretariat of the year acts), so the audit trail
and the public boards are those of a real vote. Idempotent: nothing happens when the
conference exists."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from thidua.accounts.models import User
from thidua.awards.models import AwardType
from thidua.clusters import services as cluster_services
from thidua.clusters.candidates import ProposedCandidate
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Organization
from thidua.voting import seal, services
from thidua.voting.enums import (
    AgendaKind,
    BallotKind,
    BallotPurpose,
    CommitteeRole,
    Operator,
    QuorumBasis,
    TieBreak,
)
from thidua.voting.models import Ballot, Conference
from thidua.voting.services import ballots, casting, closing, outcomes, passes

SAMPLE = "dữ liệu minh họa"
HELD_ON = dt.date(2024, 2, 22)
RULES_SOURCE = f"Quy chế hoạt động Cụm thi đua số 6 — {SAMPLE}, bản tin không nêu quy chế"
# unit code → delegate (name, position) named in the report, else a sample placeholder
DELEGATES = {
    "HN-VPUB": ("Đinh Quốc Hùng", "Phó Chánh Văn phòng UBND Thành phố"),
    "HN-SNGV": ("Nguyễn Thị Ngọc Anh", "Phó Giám đốc Sở Ngoại vụ"),
    "HN-SNV": ("Nguyễn Thị Liễu", "Phó Giám đốc Sở Nội vụ"),
    "HN-STP": ("Nguyễn Công Anh", "Phó Giám đốc Sở Tư pháp"),
    "HN-XTDT": ("Nguyễn Ánh Dương", "Giám đốc Trung tâm"),
}
# (purpose, award code, kind, seats, candidates, winners)
BALLOTS: list[tuple[str, str | None, str, int, list[str], list[str]]] = [
    (BallotPurpose.ACCLAIM, "CTD_CP", BallotKind.APPROVE_REJECT, 1, ["HN-SNV"], ["HN-SNV"]),
    (BallotPurpose.ACCLAIM, "CTD_TP_HN", BallotKind.APPROVE_REJECT, 1, ["HN-VPUB"], ["HN-VPUB"]),
    (
        BallotPurpose.ACCLAIM,
        "BK_TP_HN",
        BallotKind.APPROVE_REJECT,
        4,
        ["HN-BDT", "HN-SNGV", "HN-STP", "HN-TTTP"],
        ["HN-BDT", "HN-SNGV", "HN-STP", "HN-TTTP"],
    ),
    (BallotPurpose.HEAD, None, BallotKind.SINGLE_CHOICE, 1, ["HN-TTTP", "HN-SNV"], ["HN-TTTP"]),
    (BallotPurpose.DEPUTY, None, BallotKind.SINGLE_CHOICE, 1, ["HN-SNV", "HN-STP"], ["HN-SNV"]),
]


def _award(code: str | None) -> AwardType | None:
    if code is None:
        return None
    return AwardType.objects.filter(code=code).order_by("-effective_from").first()


def _set_up(cy: ClusterYear, user: User, units: dict[str, Organization]) -> None:
    services.create_conference(
        cluster_year=cy,
        held_on=HELD_ON,
        place="Hà Nội",
        chair_name="Đinh Quốc Hùng",
        chair_position="Phó Chánh Văn phòng UBND Thành phố",
        secretary_user=user,
        user=user,
    )
    services.set_voting_rules(
        cluster_year=cy,
        source_text=RULES_SOURCE,
        quorum_basis=QuorumBasis.ALL,
        quorum_operator=Operator.GE,
        quorum_num=2,
        quorum_den=3,
        tie_break=TieBreak.RUNOFF,
        self_vote_allowed=True,
        user=user,
    )
    services.set_ballot_rules(
        cluster_year=cy,
        entries=[
            services.BallotRuleEntry(
                purpose=purpose,
                kind=kind,
                seats=seats,
                threshold_basis=QuorumBasis.ALL,
                threshold_operator=Operator.GT,
                threshold_num=1,
                threshold_den=2,
                source_text=RULES_SOURCE,
                award_type=_award(award),
            )
            for purpose, award, kind, seats, _c, _w in BALLOTS
        ],
        user=user,
    )
    services.set_committee(
        cluster_year=cy,
        members=[
            services.CommitteeEntry(
                f"Trưởng ban kiểm phiếu ({SAMPLE})", "", units["HN-SNGV"], CommitteeRole.HEAD
            ),
            services.CommitteeEntry(f"Thành viên ({SAMPLE})", "", units["HN-STP"]),
            services.CommitteeEntry(f"Thành viên ({SAMPLE})", "", units["HN-BDT"]),
        ],
        user=user,
    )
    services.record_attendance(
        cluster_year=cy,
        entries=[
            services.AttendanceEntry(
                organization=unit,
                present=True,
                delegates=[
                    services.DelegateEntry(
                        *DELEGATES.get(code, (f"Lãnh đạo đơn vị ({SAMPLE})", "")), True
                    )
                ],
            )
            for code, unit in units.items()
        ],
        user=user,
    )
    services.open_session(cluster_year=cy, user=user)


def _marks(ballot: Ballot, winners: set[int], rng: random.Random, voter: int) -> dict[str, str]:
    """One plausible ballot: five voters back the reported winners, the others may not (so
    every winner has 5 to 7 votes of 7)."""
    candidates = list(ballot.candidates.all())
    backs = voter < 5 or rng.random() < 0.5
    if ballot.kind == BallotKind.SINGLE_CHOICE:
        pick = next(c for c in candidates if (c.organization_id in winners) == backs)
        return {str(pick.uuid): "Y"}
    return {
        str(c.uuid): "Y"
        if (c.organization_id in winners and (backs or rng.random() < 0.5))
        else "N"
        for c in candidates
    }


def _vote(cy: ClusterYear, user: User, units: dict[str, Organization], rng: random.Random) -> None:
    for purpose, award, _kind, _seats, candidate_codes, winner_codes in BALLOTS:
        ballot = ballots.create_ballot(
            cluster_year=cy, purpose=purpose, award_type=_award(award), user=user
        )
        Ballot.objects.filter(pk=ballot.pk).update(sample_data=True)
        ballots.set_candidates(
            ballot=ballot,
            proposed=[ProposedCandidate(organization=units[c]) for c in candidate_codes],
            user=user,
        )
        ballot = ballots.open_ballot(ballot=ballot, user=user, today=HELD_ON)
        cards = passes.issue_passes(cluster_year=cy, units=list(units.values()), user=user)
        winners = {units[c].pk for c in winner_codes}
        for voter, card in enumerate(cards):
            found = passes.find_pass(card.code)
            assert found is not None
            casting.cast(
                voter_pass=found,
                ballot=ballot,
                marks=_marks(ballot, winners, rng, voter),
                receipt=seal.new_receipt(),
                user=AnonymousUser(),
                today=HELD_ON,
            )
        closing.close_ballot(ballot=ballot, user=user, today=HELD_ON)


# the conclusions the report gives, by agenda kind
DECISIONS: dict[str, str] = {
    AgendaKind.ACCLAIM: (
        "Nhất trí suy tôn Sở Nội vụ đề nghị tặng Cờ thi đua của Chính phủ; Văn phòng UBND Thành "
        "phố đề nghị tặng Cờ thi đua của UBND Thành phố; Ban Dân tộc, Sở Ngoại vụ, Sở Tư pháp và "
        "Thanh tra Thành phố đề nghị tặng Bằng khen của UBND Thành phố."
    ),
    AgendaKind.ELECT: (
        "Thống nhất bầu Thanh tra Thành phố làm Cụm trưởng, Sở Nội vụ làm Cụm phó Cụm thi đua "
        "số 6 năm 2024."
    ),
}


def _conclude(cy: ClusterYear, user: User) -> None:
    """The conclusions of the report, then the session closes (bế mạc)."""
    for item in Conference.objects.get(cluster_year=cy).agenda.all():
        if item.kind in DECISIONS:
            services.record_decision(
                cluster_year=cy, item_id=item.pk, decision_text=DECISIONS[item.kind], user=user
            )
    services.close_session(cluster_year=cy, user=user)


def load(stdout: Any) -> None:
    cy = (
        ClusterYear.objects.select_related("cluster__authority", "head")
        .filter(cluster__code="HN-C06", year=2023)
        .first()
    )
    user = User.objects.filter(username="thuky").first()
    if cy is None or user is None or Conference.objects.filter(cluster_year=cy).exists():
        return
    units = {o.code: o for o in Organization.objects.filter(cluster_memberships__cluster_year=cy)}
    with transaction.atomic():
        _set_up(cy, user, units)
        # 5 of 7 (or more) for every reported winner: seeded, so the demo is the same each time
        _vote(cy, user, units, random.Random(2023))  # noqa: S311 (sample data, not a secret)
        # the acclaimed units become the cluster's award nominations (sample data, like the votes)
        outcomes.apply_acclamations(cluster_year=cy, user=user)
        _conclude(cy, user)
        next_year = ClusterYear.objects.filter(cluster=cy.cluster, year=2024).first()
        if next_year is not None:
            cluster_services.set_heads(
                cluster_year=next_year,
                head=next_year.head,
                deputy=next_year.deputy,
                user=None,
                decision_ref="Biên bản Hội nghị tổng kết năm 2023 của Cụm thi đua số 6",
                decision_date=HELD_ON,
            )
    stdout.write(
        "  Hội nghị tổng kết 2023 của Cụm 6: 5 phiếu biểu quyết, 6 đơn vị được suy tôn "
        "(số phiếu là dữ liệu minh họa)\n"
    )
