"""Reads of the award catalogue. The catalogue is public knowledge: every signed-in user sees it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.awards.enums import COLLECTIVE_SUBJECTS, AwardLevel, Decider
from thidua.awards.models import AwardDecider, AwardNomination, AwardType

DECIDER_ORDER = {value: i for i, value in enumerate(Decider.values)}


def award_catalogue(
    *, category: str = "", subject: str = "", on: dt.date | None = None
) -> QuerySet[AwardType]:
    qs = AwardType.objects.select_related("variant_of", "authority")
    if category:
        qs = qs.filter(category=category)
    if subject:
        qs = qs.filter(subject=subject)
    if on is not None:
        qs = qs.filter(effective_from__lte=on).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=on)
        )
    return qs.order_by("category", "sort_order", "code")


def with_deciders(qs: QuerySet[AwardType]) -> QuerySet[AwardType]:
    """Prefetch every decider row with its instrument (one more query for the whole list)."""
    return qs.prefetch_related(
        Prefetch("deciders", queryset=AwardDecider.objects.select_related("instrument"))
    )


def decider_on(award_type: AwardType, day: dt.date) -> list[AwardDecider]:
    """Who decides ``award_type`` on ``day`` (several may: a head of unit and the commune
    chair). Uses the prefetched rows of :func:`with_deciders` when present."""
    rows = [d for d in award_type.deciders.all() if d.in_force_on(day)]
    return sorted(rows, key=lambda d: DECIDER_ORDER.get(d.decider, 99))


@dataclass(frozen=True)
class DeciderPeriod:
    """A stretch of days in which the same people decide an award."""

    start: dt.date
    end: dt.date | None
    deciders: tuple[AwardDecider, ...]

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def decider_periods(award_type: AwardType) -> list[DeciderPeriod]:
    """The periods of an award's deciding level, merged where nothing changes (pure over the
    prefetched rows): LĐTT → "01/01/2024–30/06/2025: thủ trưởng, huyện, xã; từ 01/07/2025:
    thủ trưởng, xã"."""
    rows = list(award_type.deciders.all())
    starts = {d.valid_from for d in rows} | {
        d.valid_to + dt.timedelta(days=1) for d in rows if d.valid_to is not None
    }
    periods: list[DeciderPeriod] = []
    bounds = sorted(starts)
    for i, start in enumerate(bounds):
        end = bounds[i + 1] - dt.timedelta(days=1) if i + 1 < len(bounds) else None
        in_force = tuple(decider_on(award_type, start))
        if not in_force:
            continue
        last = periods[-1] if periods else None
        if (
            last is not None
            and last.end == start - dt.timedelta(days=1)
            and ([d.pk for d in last.deciders] == [d.pk for d in in_force])
        ):
            periods[-1] = DeciderPeriod(last.start, end, in_force)
        else:
            periods.append(DeciderPeriod(start, end, in_force))
    return periods


def in_force_in_year(qs: QuerySet[AwardType], year: int) -> QuerySet[AwardType]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return qs.filter(effective_from__lte=end).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=start)
    )


def collective_awards_for(*, year: int, authority: Any) -> QuerySet[AwardType]:
    """What a member unit may register for: collective titles and forms in force that year,
    national ones plus the local variants of the cluster's authority (or of the authority it
    belongs to: a commune council's province); a local variant hides its national row."""
    qs = in_force_in_year(AwardType.objects.filter(subject__in=COLLECTIVE_SUBJECTS), year)
    own = {authority.pk, authority.parent_id} - {None} if authority is not None else set()
    qs = qs.filter(Q(authority__isnull=True) | Q(authority_id__in=own))
    replaced = qs.filter(authority_id__in=own).values("variant_of_id")
    return qs.exclude(pk__in=replaced).order_by("category", "-rank", "sort_order")


#: Collective titles of residential communities (thôn, tổ dân phố), decided by the commune: no
#: member unit of a cluster (a department, a district, a commune, an enterprise) is one.
COMMUNITY_ONLY_CODES = frozenset({"THON_VAN_HOA"})
#: Orders, medals and other awards of the State are proposed in a dossier, never registered for
#: at the start of the year.
NOT_REGISTERED_LEVELS = frozenset({AwardLevel.STATE})


def not_registrable_reason(award: AwardType) -> str:
    """Why a member unit cannot register for ``award`` at the start of the year ('' if it can)."""
    if award.code in COMMUNITY_ONLY_CODES:
        return _("“{award}” chỉ dành cho thôn, tổ dân phố, không dành cho đơn vị thành viên cụm.")
    if award.level in NOT_REGISTERED_LEVELS:
        return _(
            "“{award}” là khen thưởng cấp Nhà nước, được đề nghị trong hồ sơ khen thưởng, không "
            "đăng ký thi đua đầu năm."
        )
    return ""


def registrable_awards_for(*, year: int, authority: Any) -> QuerySet[AwardType]:
    """What a member unit may register for at the start of the year: the collective awards of
    ``collective_awards_for`` without the community-only titles and the State's awards."""
    return (
        collective_awards_for(year=year, authority=authority)
        .exclude(code__in=COMMUNITY_ONLY_CODES)
        .exclude(level__in=NOT_REGISTERED_LEVELS)
    )


def nominations_of_year(cluster_year: Any) -> QuerySet[AwardNomination]:
    """The units a cluster year's conference acclaimed, by award (highest first) then unit."""
    return (
        AwardNomination.objects.filter(cluster_year=cluster_year)
        .select_related("organization", "award_type")
        .order_by("-award_type__rank", "award_type__sort_order", "organization__sort_key")
    )
