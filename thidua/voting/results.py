"""The results of a conference's closed ballots in words, for the outcomes page, the services
that carry them on (nominations, next year) and the minutes. Reads only, a constant number of
queries. A question may take several rounds (``runoff_of``): its result is that of the chain."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Organization
from thidua.voting.enums import BallotOutcome, BallotPurpose, BallotState, QuorumBasis
from thidua.voting.models import Ballot, Candidate, Conference
from thidua.voting.quorum import rule_text
from thidua.voting.tally import percent


@dataclass(frozen=True)
class CandidateLine:
    candidate: Candidate
    yes: int
    no: int
    yes_percent: str
    no_percent: str
    passed: bool
    elected: bool

    @property
    def label(self) -> str:
        return self.candidate.label

    @property
    def verdict(self) -> str:
        if self.elected:
            return _("trúng")
        return _("đạt") if self.passed else _("không đạt")


@dataclass(frozen=True)
class BallotResult:
    ballot: Ballot
    lines: list[CandidateLine]
    threshold: str  # "≥ 2/3 tổng số đơn vị thành viên (Điều 9 Quy chế…)"
    base: int  # the weight the threshold is measured on

    @property
    def outcome_text(self) -> str:
        if self.ballot.outcome == BallotOutcome.RUNOFF_NEEDED:
            return _("bầu lại")
        return _("đạt") if self.ballot.outcome == BallotOutcome.PASSED else _("không đạt")


@dataclass(frozen=True)
class Elected:
    """A unit elected (or acclaimed) by a question, with the round that elected it."""

    organization: Organization
    line: CandidateLine
    result: BallotResult


@dataclass
class ConferenceResults:
    conference: Conference | None
    closed: list[BallotResult] = field(default_factory=list)  # every closed ballot, in order
    unsettled: list[Ballot] = field(default_factory=list)  # draft or open
    acclaimed: list[Elected] = field(default_factory=list)
    heads: list[Elected] = field(default_factory=list)
    deputies: list[Elected] = field(default_factory=list)
    undecided: list[Ballot] = field(default_factory=list)  # last rounds that call a runoff

    @property
    def head(self) -> Elected | None:
        return self.heads[0] if len(self.heads) == 1 else None

    @property
    def deputy(self) -> Elected | None:
        return self.deputies[0] if len(self.deputies) == 1 else None


def threshold_text(ballot: Ballot) -> str:
    return rule_text(
        basis=ballot.threshold_basis,
        operator=ballot.threshold_operator,
        num=ballot.threshold_num,
        den=ballot.threshold_den,
        source=ballot.threshold_source,
    )


def ballot_result(ballot: Ballot) -> BallotResult:
    """A closed ballot's counts in words (its candidates prefetched)."""
    base = (
        ballot.electorate_weight
        if ballot.threshold_basis == QuorumBasis.ALL
        else ballot.present_weight
    )
    lines = [
        CandidateLine(
            candidate=c,
            yes=c.yes_weight,
            no=c.no_weight,
            yes_percent=percent(c.yes_weight, base),
            no_percent=percent(c.no_weight, base),
            passed=bool(c.passed),
            elected=bool(c.elected),
        )
        for c in ballot.candidates.all()
    ]
    return BallotResult(ballot=ballot, lines=lines, threshold=threshold_text(ballot), base=base)


def chains(ballots: list[Ballot]) -> list[list[Ballot]]:
    """The questions: each first round with its runoffs, in round order."""
    by_id = {b.pk: b for b in ballots}

    def root(ballot: Ballot) -> int:
        while ballot.runoff_of_id is not None and ballot.runoff_of_id in by_id:
            ballot = by_id[ballot.runoff_of_id]
        return ballot.pk

    grouped: dict[int, list[Ballot]] = {}
    for ballot in ballots:
        grouped.setdefault(root(ballot), []).append(ballot)
    return [sorted(chain, key=lambda b: (b.round, b.pk)) for chain in grouped.values()]


def _conference(cluster_year: ClusterYear) -> Conference | None:
    candidates = Candidate.objects.select_related("organization").order_by("order", "pk")
    return (
        Conference.objects.filter(cluster_year=cluster_year)
        .prefetch_related(
            Prefetch(
                "ballots",
                queryset=Ballot.objects.select_related("award_type", "agenda_item")
                .prefetch_related(Prefetch("candidates", queryset=candidates))
                .order_by("pk"),
            )
        )
        .first()
    )


def conference_results(cluster_year: ClusterYear) -> ConferenceResults:
    """Every closed ballot in words; who each settled question elected (its last round is
    closed: the units elected in any of its rounds)."""
    conference = _conference(cluster_year)
    results = ConferenceResults(conference=conference)
    if conference is None:
        return results
    ballots = list(conference.ballots.all())
    by_pk = {}
    for ballot in ballots:
        if ballot.state == BallotState.CLOSED:
            by_pk[ballot.pk] = ballot_result(ballot)
            results.closed.append(by_pk[ballot.pk])
        elif ballot.state != BallotState.CANCELLED:
            results.unsettled.append(ballot)
    targets: dict[str, list[Elected]] = {
        BallotPurpose.ACCLAIM: results.acclaimed,
        BallotPurpose.HEAD: results.heads,
        BallotPurpose.DEPUTY: results.deputies,
    }
    for chain in chains(ballots):
        live = [b for b in chain if b.state != BallotState.CANCELLED]
        if not live or live[-1].state != BallotState.CLOSED or chain[0].purpose not in targets:
            continue
        if live[-1].outcome == BallotOutcome.RUNOFF_NEEDED:
            results.undecided.append(live[-1])
        for result in (by_pk[b.pk] for b in live if b.pk in by_pk):
            targets[chain[0].purpose].extend(
                Elected(line.candidate.organization, line, result)
                for line in result.lines
                if line.elected and line.candidate.organization is not None
            )
    return results
