"""Where the candidates of a conference ballot come from: the apps above ``clusters`` (the
ranking of scoring, the registrations of the start of the year) offer them without ``clusters``
or ``voting`` importing those apps (docs/dev/voting-design.md §1).

Each app registers its source in its ``AppConfig.ready``::

    register_candidate_source(CandidateSource("scoring.ranking", 10, _("Xếp hạng"), propose))

``propose(cluster_year, award_type)`` returns the units it proposes for that award (``None``
for an election), best first: their rank and score when the source ranks them, and
``registered`` when the source knows whether the unit registered for the title (``False`` is
shown as "chưa đăng ký danh hiệu này"). Smaller ``order`` is asked first; the first source that
names a unit gives its rank and score, any source may say whether it registered.
A source with ``lists_registrations`` names every unit that registered for the award: a unit
it does not name is flagged ``registered=False`` by :func:`combined_candidates`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from django.utils.functional import Promise

from thidua.core.registry import Registry, page_order

if TYPE_CHECKING:
    from thidua.awards.models import AwardType
    from thidua.clusters.models import ClusterYear
    from thidua.organizations.models import Organization


@dataclass(frozen=True)
class ProposedCandidate:
    organization: Organization
    rank: int | None = None
    score: Decimal | None = None
    registered: bool | None = None


class Proposer(Protocol):
    def __call__(
        self, cluster_year: ClusterYear, award_type: AwardType | None, /
    ) -> list[ProposedCandidate]: ...


@dataclass(frozen=True)
class CandidateSource:
    slug: str  # "<app>.<what>"
    order: int
    label: str | Promise
    propose: Proposer
    lists_registrations: bool = False  # names every unit registered for the award


CANDIDATE_SOURCES: Registry[CandidateSource] = Registry("candidate sources", sort_key=page_order)


def register_candidate_source(source: CandidateSource) -> CandidateSource:
    return CANDIDATE_SOURCES.add(source)


def combined_candidates(
    cluster_year: ClusterYear,
    award_type: AwardType | None,
    sources: Iterable[CandidateSource] | None = None,
) -> list[ProposedCandidate]:
    """Ask every source (``CANDIDATE_SOURCES`` unless given) in order and merge by unit: first
    named first; the first rank and score given win; ``registered`` is ``True`` when a source
    says so, else ``False`` when a source says so or when a registrations source (asked about an
    award) did not name the unit, else ``None`` (unknown)."""
    merged: dict[int, ProposedCandidate] = {}
    registrations_known = False
    for source in sources if sources is not None else CANDIDATE_SOURCES:
        registrations_known |= source.lists_registrations and award_type is not None
        for proposed in source.propose(cluster_year, award_type):
            key = proposed.organization.pk
            merged[key] = _merge(merged[key], proposed) if key in merged else proposed
    if registrations_known:
        return [
            c if c.registered is not None else replace(c, registered=False) for c in merged.values()
        ]
    return list(merged.values())


def _merge(first: ProposedCandidate, later: ProposedCandidate) -> ProposedCandidate:
    registered = first.registered
    if later.registered is True or registered is None:
        registered = later.registered if later.registered is not None else registered
    return ProposedCandidate(
        organization=first.organization,
        rank=first.rank if first.rank is not None else later.rank,
        score=first.score if first.score is not None else later.score,
        registered=registered,
    )
