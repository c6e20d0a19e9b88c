"""Reads of the award catalogue. The catalogue is public knowledge: every signed-in user sees it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from thidua.awards.enums import COLLECTIVE_SUBJECTS
from thidua.awards.models import AwardNomination, AwardType


def award_catalogue(
    *, category: str = "", subject: str = "", on: dt.date | None = None
) -> QuerySet[AwardType]:
    qs = AwardType.objects.select_related("variant_of")
    if category:
        qs = qs.filter(category=category)
    if subject:
        qs = qs.filter(subject=subject)
    if on is not None:
        qs = qs.filter(effective_from__lte=on).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=on)
        )
    return qs.order_by("category", "sort_order", "code")


def in_force_in_year(qs: QuerySet[AwardType], year: int) -> QuerySet[AwardType]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return qs.filter(effective_from__lte=end).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=start)
    )


def collective_awards_for(*, year: int, province: str) -> QuerySet[AwardType]:
    """What a member unit may register for: collective titles and forms in force that year,
    national ones plus the province's variants; a local variant hides its national row."""
    qs = in_force_in_year(AwardType.objects.filter(subject__in=COLLECTIVE_SUBJECTS), year)
    qs = qs.filter(Q(province="") | Q(province=province))
    replaced = qs.filter(province=province).exclude(province="").values("variant_of_id")
    return qs.exclude(pk__in=replaced).order_by("category", "-rank", "sort_order")


def nominations_of_year(cluster_year: Any) -> QuerySet[AwardNomination]:
    """The units a cluster year's conference acclaimed, by award (highest first) then unit."""
    return (
        AwardNomination.objects.filter(cluster_year=cluster_year)
        .select_related("organization", "award_type")
        .order_by("-award_type__rank", "award_type__sort_order", "organization__sort_key")
    )
