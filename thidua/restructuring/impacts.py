"""What a restructuring touches in the apps above it (pledges, score sheets…), and which cluster
years those apps consider closed — without ``restructuring`` importing them.

Each app registers in its ``AppConfig.ready``::

    register_impact(Impact("start_of_year.pledges", 20, _("giao ước đang mở"), count_pledges))
    register_closure(YearClosure("scoring.results_approved", is_closed))

``Impact.count(organization_ids, cluster_year_ids)`` counts the app's open work of those old
units in those (open) cluster years; ``YearClosure.closed(cluster_year_ids)`` returns the ids of
the years that are closed (their memberships stay as they were). Constant number of queries.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from django.utils.functional import Promise

from thidua.core.registry import Registry, page_order


class ImpactCounter(Protocol):
    def __call__(
        self, organization_ids: Collection[int], cluster_year_ids: Collection[int], /
    ) -> int: ...


class ClosedYears(Protocol):
    def __call__(self, cluster_year_ids: Collection[int], /) -> set[int]: ...


@dataclass(frozen=True)
class Impact:
    slug: str  # "<app>.<what>", unique
    order: int
    label: str | Promise  # "giao ước đang mở"
    count: ImpactCounter


@dataclass(frozen=True)
class YearClosure:
    slug: str
    closed: ClosedYears


IMPACTS: Registry[Impact] = Registry("restructuring impacts", sort_key=page_order)
CLOSURES: Registry[YearClosure] = Registry("restructuring year closures")


def register_impact(impact: Impact) -> Impact:
    return IMPACTS.add(impact)


def register_closure(closure: YearClosure) -> YearClosure:
    return CLOSURES.add(closure)


def closed_years(cluster_year_ids: Collection[int]) -> set[int]:
    """The ids among ``cluster_year_ids`` that an app above says are closed."""
    closed: set[int] = set()
    if cluster_year_ids:
        for closure in CLOSURES:
            closed |= closure.closed(cluster_year_ids)
    return closed


def count_impacts(
    organization_ids: Collection[int], cluster_year_ids: Collection[int]
) -> list[tuple[str, int]]:
    """``(label, count)`` of every registered impact with a count above zero."""
    if not organization_ids or not cluster_year_ids:
        return []
    counts = [(str(i.label), i.count(organization_ids, cluster_year_ids)) for i in IMPACTS]
    return [(label, n) for label, n in counts if n]
