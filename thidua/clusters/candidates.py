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
"""

from __future__ import annotations

from dataclasses import dataclass
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


CANDIDATE_SOURCES: Registry[CandidateSource] = Registry("candidate sources", sort_key=page_order)


def register_candidate_source(source: CandidateSource) -> CandidateSource:
    return CANDIDATE_SOURCES.add(source)


def combined_candidates(
    cluster_year: ClusterYear, award_type: AwardType | None
) -> list[ProposedCandidate]:
    """Every source asked in order, merged by unit: the first source that names a unit gives
    its place (rank, score), any source may say whether it registered."""
    merged: dict[int, ProposedCandidate] = {}
    for source in CANDIDATE_SOURCES:
        for entry in source.propose(cluster_year, award_type):
            known = merged.get(entry.organization.pk)
            if known is None:
                merged[entry.organization.pk] = entry
            elif known.registered is None and entry.registered is not None:
                merged[entry.organization.pk] = ProposedCandidate(
                    known.organization, known.rank, known.score, entry.registered
                )
    return list(merged.values())
