"""Sections of the cluster-year page: the apps above ``clusters`` add their work areas (plans,
pledge, registrations, scoring, documents…) without ``clusters`` importing them.

Each app registers its sections in its ``AppConfig.ready``::

    register_section(Section("start_of_year.pledge", 20, panels.pledge_section))

A section's function takes the request and the cluster year and returns a
:class:`~thidua.core.cards.Card` (or a mapping with ``title``, ``url``, ``summary``), or ``None``
to stay hidden; it runs a constant number of queries. A second section with the same slug fails
when the project starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.http import HttpRequest

from thidua.core.cards import Card, as_card
from thidua.core.registry import Registry, page_order

if TYPE_CHECKING:
    from thidua.clusters.models import ClusterYear


class SectionBuilder(Protocol):
    def __call__(
        self, request: HttpRequest, cluster_year: ClusterYear, /
    ) -> Card | Mapping[str, Any] | None: ...


@dataclass(frozen=True)
class Section:
    slug: str  # "<app>.<what>", unique
    order: int  # smaller first
    build: SectionBuilder


SECTIONS: Registry[Section] = Registry("cluster-year sections", sort_key=page_order)


def register_section(section: Section) -> Section:
    return SECTIONS.add(section)


def sections_for(request: HttpRequest, cluster_year: ClusterYear) -> list[Card]:
    """The cards of the sections that show for this user and year, in page order."""
    return [as_card(card) for section in SECTIONS if (card := section.build(request, cluster_year))]
