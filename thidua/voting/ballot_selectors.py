"""Reads of the ballot pages, in a constant number of queries whatever the number of units,
candidates or questions. Nothing here reads the urn or the board before close."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.awards.models import AwardType
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Organization
from thidua.voting import seal, tally
from thidua.voting.board import board_of
from thidua.voting.enums import BallotPurpose, BallotState, Channel, QuorumBasis
from thidua.voting.models import (
    AgendaItem,
    Ballot,
    BallotRule,
    Candidate,
    Eligibility,
    PaperTally,
)
from thidua.voting.quorum import rule_text
from thidua.voting.rules import conference_of, rules_of
from thidua.voting.selectors import member_units


def _candidates() -> Prefetch[Any]:
    return Prefetch("candidates", queryset=Candidate.objects.select_related("organization"))


def ballot_or_404(cluster_year: ClusterYear, uuid: UUID) -> Ballot:
    """The question ``uuid`` of this year's conference (404 for any other)."""
    ballot = (
        Ballot.objects.select_related("conference", "agenda_item", "award_type", "runoff_of")
        .filter(conference__cluster_year=cluster_year, uuid=uuid)
        .first()
    )
    if ballot is None:
        raise Http404
    ballot.conference.cluster_year = cluster_year
    return ballot


def threshold_text(ballot: Ballot | BallotRule, source: str) -> str:
    """ "≥ 2/3 tổng số đơn vị thành viên (Quy chế …, Điều 9)"."""
    return rule_text(
        basis=ballot.threshold_basis,
        operator=ballot.threshold_operator,
        num=ballot.threshold_num,
        den=ballot.threshold_den,
        source=source,
    )


def base_of(ballot: Ballot) -> int:
    """The weight the threshold is a share of: all members, or those present."""
    if ballot.threshold_basis == QuorumBasis.ALL:
        return ballot.electorate_weight
    return ballot.present_weight


def award_types_with_rules(cluster_year: ClusterYear) -> list[AwardType]:
    """The awards the year's rules say how to acclaim (one ballot rule each)."""
    rules = rules_of(cluster_year)
    if rules is None:
        return []
    ids = BallotRule.objects.filter(
        rules=rules, purpose=BallotPurpose.ACCLAIM, award_type__isnull=False
    ).values("award_type_id")
    return list(AwardType.objects.filter(pk__in=ids).order_by("name"))


@dataclass
class AgendaGroup:
    agenda_item: AgendaItem | None
    ballots: list[Ballot] = field(default_factory=list)


def ballot_groups(cluster_year: ClusterYear) -> list[AgendaGroup]:
    """The conference's questions by agenda item (in agenda order), with their candidates."""
    conference = conference_of(cluster_year)
    if conference is None:
        return []
    ballots = list(
        Ballot.objects.filter(conference=conference)
        .select_related("agenda_item", "award_type")
        .prefetch_related(_candidates())
        .order_by("agenda_item__order", "pk")
    )
    groups: dict[int | None, AgendaGroup] = {}
    for ballot in ballots:
        key = ballot.agenda_item_id
        groups.setdefault(key, AgendaGroup(ballot.agenda_item)).ballots.append(ballot)
    return list(groups.values())


@dataclass
class BallotPage:
    ballot: Ballot
    candidates: list[Candidate]
    threshold: str
    base: int
    voted: int
    present: int
    paper: PaperTally | None
    addable: list[Organization]
    paper_voters: list[Eligibility]
    weight_warnings: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[Candidate, str]]:
        """Each candidate with its yes share of the base, for a closed question."""
        return [(c, tally.percent(c.yes_weight, self.base)) for c in self.candidates]


def weight_warnings(cluster_year: ClusterYear, units: list[Organization]) -> list[str]:
    """Design §3.1: the board shows each ballot's weight, so a weight that fewer than three
    units hold tells who cast those ballots; said before opening."""
    rules = rules_of(cluster_year)
    weights = {str(k): int(v) for k, v in ((rules.weights if rules else None) or {}).items()}
    classes = Counter(weights.get(unit.code, 1) for unit in units)
    if len(classes) < 2:
        return []
    return [
        _(
            "Số phiếu {weight} chỉ có {n} đơn vị: bảng phiếu công khai ghi số phiếu của từng lá "
            "phiếu, nên lựa chọn của các đơn vị này có thể bị nhận ra."
        ).format(weight=weight, n=n)
        for weight, n in sorted(classes.items())
        if n < 3
    ]


def ballot_page(ballot: Ballot) -> BallotPage:
    """What the page of one question shows; results only exist once it is closed."""
    candidates = list(ballot.candidates.select_related("organization"))
    counts = Eligibility.objects.filter(ballot=ballot).aggregate(
        voted=Count("pk", filter=Q(voted=True)), present=Count("pk", filter=Q(present=True))
    )
    paper = PaperTally.objects.filter(ballot=ballot).first()
    taken = {c.organization_id for c in candidates}
    addable: list[Organization] = []
    warnings: list[str] = []
    if ballot.state == BallotState.DRAFT:
        units = member_units(ballot.conference.cluster_year)
        addable = [o for o in units if o.pk not in taken]
        warnings = weight_warnings(ballot.conference.cluster_year, units)
    paper_voters: list[Eligibility] = []
    if ballot.state == BallotState.OPEN:
        paper_voters = [
            e
            for e in Eligibility.objects.filter(ballot=ballot, present=True)
            .select_related("organization")
            .order_by("organization__name")
            if not (e.voted and e.channel == Channel.ONLINE)
        ]
    base = base_of(ballot)
    return BallotPage(
        ballot=ballot,
        candidates=candidates,
        threshold=threshold_text(ballot, ballot.threshold_source),
        base=base,
        voted=counts["voted"],
        present=counts["present"],
        paper=paper,
        addable=addable,
        paper_voters=paper_voters,
        weight_warnings=warnings,
    )


@dataclass
class PublicBoard:
    board: dict[str, Any]  # ``board_of`` with, per ballot row, ``shown`` and ``names``
    found: dict[str, Any] | None = None
    found_at: int | None = None


def public_board(ballot: Ballot, typed: str = "") -> PublicBoard:
    """The board of a closed question ready to show: receipts as printed, choices by name, and
    the row of the receipt ``typed`` (as a person typed it) if it is on the board."""
    board = board_of(ballot)
    names = {c["uuid"]: c["name"] for c in board["candidates"]}
    place = {c["uuid"]: i for i, c in enumerate(board["candidates"])}
    for row in board["ballots"]:
        row["shown"] = seal.show(row["receipt"])
        ordered = sorted(row["choices"], key=lambda choice: place.get(choice[0], len(place)))
        row["names"] = [(names.get(u, u), m) for u, m in ordered]
    view = PublicBoard(board=board)
    receipt = seal.normalize(typed) if typed else ""
    for i, row in enumerate(board["ballots"]):
        if receipt and row["receipt"] == receipt:
            view.found, view.found_at = row, i
            break
    return view
