"""What opening the next year may copy from this year: the apps above ``clusters`` (the criteria
set of scoring, the pledge text of the start of the year…) offer their copies without
``clusters`` importing them.

Each app registers its carry-overs in its ``AppConfig.ready``::

    register_carryover(Carryover("scoring.criteria_set", 10, _("Bộ tiêu chí"), describe, copy))

``describe(source, next_year)`` says, for the preview page, what would be copied from the cluster
year ``source`` into the year ``next_year`` (a number), or returns ``None`` when there is
nothing to copy. ``copy(source=…, target=…, user=…)`` copies it into the new cluster year
``target``, inside the transaction of ``services.open_next_year`` (whose permission was checked:
it is a trusted caller), and returns a short text for the audit trail. A second carry-over with
the same slug fails when the project starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.utils.functional import Promise

from thidua.core.registry import Registry, page_order

if TYPE_CHECKING:
    from thidua.clusters.models import ClusterYear


class CarryoverDescriber(Protocol):
    def __call__(self, source: ClusterYear, next_year: int, /) -> str | None: ...


class CarryoverCopier(Protocol):
    def __call__(self, *, source: ClusterYear, target: ClusterYear, user: Any) -> str: ...


@dataclass(frozen=True)
class Carryover:
    slug: str  # "<app>.<what>", unique; what the form and the API name
    order: int  # smaller first on the preview page
    label: str | Promise  # "Bộ tiêu chí chấm điểm"
    describe: CarryoverDescriber
    copy: CarryoverCopier


@dataclass(frozen=True)
class CarryoverOffer:
    """One line of the preview: what would be copied, or why nothing can be."""

    slug: str
    label: str
    description: str | None  # None: nothing to copy

    @property
    def available(self) -> bool:
        return self.description is not None


CARRYOVERS: Registry[Carryover] = Registry("next-year carry-overs", sort_key=page_order)


def register_carryover(carryover: Carryover) -> Carryover:
    return CARRYOVERS.add(carryover)


def offers_for(source: ClusterYear, next_year: int) -> list[CarryoverOffer]:
    """Every registered carry-over, with what it would copy from ``source`` (preview order)."""
    return [
        CarryoverOffer(
            slug=entry.slug, label=str(entry.label), description=entry.describe(source, next_year)
        )
        for entry in CARRYOVERS
    ]
