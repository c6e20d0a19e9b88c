"""What the agenda of the year-end conference links to: the apps above ``clusters`` (the summary
report of planning, next year's pledge of the start of the year) say where their item stands and
where it is done, without ``clusters`` or ``voting`` importing them (docs/dev/voting-design.md §1).

Each app registers its link in its ``AppConfig.ready``::

    register_agenda_link(AgendaLink("planning.summary-report", 10, _("Báo cáo tổng kết"),
                                    describe, url))

``describe(cluster_year)`` says where the item stands ("Dự thảo bản 3, 5 ý kiến góp ý",
``done=False``; "Đã thông qua ngày 20/12/2023", ``done=True``) or returns ``None`` when it has
nothing to say; ``url(cluster_year)`` is the page where the item is done, or ``None`` when there
is none yet. Both run a constant number of queries. A second link with the same slug fails when
the project starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from django.utils.functional import Promise

from thidua.core.registry import Registry, page_order

if TYPE_CHECKING:
    from thidua.clusters.models import ClusterYear


@dataclass(frozen=True)
class AgendaStatus:
    """Where an agenda item's work stands, in one Vietnamese line."""

    text: str
    done: bool


class AgendaDescriber(Protocol):
    def __call__(self, cluster_year: ClusterYear, /) -> AgendaStatus | None: ...


class AgendaUrl(Protocol):
    def __call__(self, cluster_year: ClusterYear, /) -> str | None: ...


@dataclass(frozen=True)
class AgendaLink:
    slug: str  # "<app>.<what>", unique; what ``voting`` maps an agenda kind to
    order: int  # smaller first
    label: str | Promise  # "Báo cáo tổng kết"
    describe: AgendaDescriber
    url: AgendaUrl


AGENDA_LINKS: Registry[AgendaLink] = Registry("conference agenda links", sort_key=page_order)


def register_agenda_link(link: AgendaLink) -> AgendaLink:
    return AGENDA_LINKS.add(link)
