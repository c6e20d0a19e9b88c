"""The registrations propose the candidates of an award ballot (``clusters.candidates``,
registered in ``StartOfYearConfig.ready``): the units that registered for that title or form
(a submitted or accepted registration). The source lists every registered unit, so a ranked
unit it does not name is flagged "chưa đăng ký danh hiệu này"."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.utils.translation import gettext_lazy

from thidua.clusters.candidates import CandidateSource, ProposedCandidate
from thidua.start_of_year.enums import REGISTERED_STATUSES
from thidua.start_of_year.models import Registration

if TYPE_CHECKING:
    from thidua.awards.models import AwardType
    from thidua.clusters.models import ClusterYear

SLUG = "start_of_year.registrations"


def registered_units(
    cluster_year: ClusterYear, award_type: AwardType | None
) -> list[ProposedCandidate]:
    """The units registered for ``award_type`` in this year, in Vietnamese order (one query);
    nothing for an election (``None``)."""
    if award_type is None:
        return []
    registrations = (
        Registration.objects.filter(
            cluster_year=cluster_year, award=award_type, status__in=REGISTERED_STATUSES
        )
        .select_related("organization")
        .order_by("organization__sort_key")
    )
    return [ProposedCandidate(r.organization, registered=True) for r in registrations]


REGISTRATIONS_SOURCE = CandidateSource(
    slug=SLUG,
    order=20,
    label=cast(str, gettext_lazy("Đăng ký danh hiệu thi đua")),
    propose=registered_units,
    lists_registrations=True,
)
