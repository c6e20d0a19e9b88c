"""The agenda items of the conference that link to work done elsewhere: the summary report
(planning) and next year's pledge (start of the year), through ``clusters.agenda`` — voting never
imports those apps (docs/dev/voting-design.md §1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua.clusters.agenda import AGENDA_LINKS, AgendaLink, AgendaStatus
from thidua.voting.enums import AgendaKind

if TYPE_CHECKING:
    from thidua.clusters.models import ClusterYear

# Which registered agenda link serves which kind of agenda item.
LINK_OF_KIND: dict[str, str] = {
    AgendaKind.ADOPT_REPORT: "planning.summary-report",
    AgendaKind.SIGN_PLEDGE: "start_of_year.pledge-next-year",
}

AgendaEntry = tuple[AgendaLink, AgendaStatus | None, str | None]


def agenda_links(cluster_year: ClusterYear) -> dict[str, AgendaEntry]:
    """For each agenda kind with a registered link: the link, where its work stands and its page.

    A kind whose link is not registered is left out. A constant number of queries (each link's
    own; ``cluster_year.cluster`` should be loaded)."""
    entries: dict[str, AgendaEntry] = {}
    for kind, slug in LINK_OF_KIND.items():
        link = AGENDA_LINKS.get(slug)
        if link is not None:
            entries[str(kind)] = (link, link.describe(cluster_year), link.url(cluster_year))
    return entries
