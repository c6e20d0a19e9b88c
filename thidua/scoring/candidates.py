"""The approved ranking proposes the candidates of a conference ballot (``clusters.candidates``,
registered in ``ScoringConfig.ready``). Only approved results (``ResultRow``) are proposed: a
provisional ranking can still change after the vote, as the unit page says of results too."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.utils.translation import gettext_lazy

from thidua.clusters.candidates import CandidateSource, ProposedCandidate
from thidua.scoring.enums import RoundStatus
from thidua.scoring.models import ResultRow

if TYPE_CHECKING:
    from thidua.awards.models import AwardType
    from thidua.clusters.models import ClusterYear

SLUG = "scoring.ranking"


def ranked_units(
    cluster_year: ClusterYear, award_type: AwardType | None
) -> list[ProposedCandidate]:
    """Every ranked unit of the year in ranking order, with its rank and total (one query); the
    same list for every award and for an election: the ranking does not know the awards."""
    rows = (
        ResultRow.objects.filter(
            scoring_round__cluster_year=cluster_year,
            scoring_round__status=RoundStatus.APPROVED,
        )
        .select_related("organization")
        .order_by("position")
    )
    return [ProposedCandidate(r.organization, rank=r.rank, score=r.total) for r in rows]


RANKING_SOURCE = CandidateSource(
    slug=SLUG,
    order=10,
    label=cast(str, gettext_lazy("Kết quả chấm điểm, xếp hạng đã phê duyệt")),
    propose=ranked_units,
)
