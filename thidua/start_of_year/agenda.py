"""Next year's pledge on the agenda of the year-end conference (ký giao ước thi đua năm sau):
whether next year's cluster year is open, where its pledge stands, and its pledge page
(``clusters.agenda``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.clusters.agenda import AgendaLink, AgendaStatus
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.start_of_year.enums import CURRENT_PLEDGE_STATUSES, PledgeStatus
from thidua.start_of_year.models import Pledge, PledgeSignature

PLEDGE_NEXT_YEAR_LINK_SLUG = "start_of_year.pledge-next-year"


@dataclass(frozen=True)
class NextYearPledge:
    """Next year's cluster year (``exists`` false: not opened yet) and its pledge."""

    year: int
    exists: bool
    version: int | None = None  # of the current pledge (open for signing or in force)
    status: str = ""
    has_draft: bool = False
    signed: int = 0
    members: int = 0


def _counted(qs: QuerySet[Any], group: str) -> Subquery:
    """How many rows of ``qs`` (filtered on the outer cluster year), as a subquery."""
    return Subquery(qs.order_by().values(group).annotate(n=Count("pk")).values("n")[:1])


def next_year_pledge(cluster_year: ClusterYear) -> NextYearPledge:
    """One query, cached on ``cluster_year`` (the describe and the url of one page share it)."""
    cached: NextYearPledge | None = cluster_year.__dict__.get("_next_year_pledge")
    if cached is not None:
        return cached
    year = cluster_year.year + 1
    current = Pledge.objects.filter(cluster_year=OuterRef("pk"), status__in=CURRENT_PLEDGE_STATUSES)
    drafts = Pledge.objects.filter(cluster_year=OuterRef("pk"), status=PledgeStatus.DRAFT)
    signed = PledgeSignature.objects.filter(
        pledge__cluster_year=OuterRef("pk"),
        pledge__status__in=CURRENT_PLEDGE_STATUSES,
        organization__cluster_memberships__cluster_year=OuterRef("pk"),
    )
    members = ClusterMembership.objects.filter(cluster_year=OuterRef("pk"))
    row = (
        ClusterYear.objects.filter(cluster_id=cluster_year.cluster_id, year=year)
        .annotate(
            pledge_version=Subquery(current.values("version")[:1]),
            pledge_status=Subquery(current.values("status")[:1]),
            draft_version=Subquery(drafts.values("version")[:1]),
            signed=_counted(signed, "pledge__cluster_year"),
            members=_counted(members, "cluster_year"),
        )
        .values("pledge_version", "pledge_status", "draft_version", "signed", "members")
        .first()
    )
    result = (
        NextYearPledge(year=year, exists=False)
        if row is None
        else NextYearPledge(
            year=year,
            exists=True,
            version=row["pledge_version"],
            status=row["pledge_status"] or "",
            has_draft=row["draft_version"] is not None,
            signed=row["signed"] or 0,
            members=row["members"] or 0,
        )
    )
    cluster_year.__dict__["_next_year_pledge"] = result
    return result


def describe_pledge_next_year(cluster_year: ClusterYear) -> AgendaStatus:
    """'Chưa mở năm 2024 …' · 'Giao ước năm 2024: phiên bản 1, đã ký 3/7, đang ký'."""
    pledge = next_year_pledge(cluster_year)
    if not pledge.exists:
        text = _("Chưa mở năm {year}: giao ước năm sau được soạn sau khi mở năm {year}.")
        return AgendaStatus(text.format(year=pledge.year), done=False)
    if pledge.version is None:
        if pledge.has_draft:
            text = _("Năm {year} đã mở; giao ước đang soạn, chưa mở ký.")
        else:
            text = _("Năm {year} đã mở; chưa có giao ước.")
        return AgendaStatus(text.format(year=pledge.year), done=False)
    text = _("Giao ước năm {year}: phiên bản {version}, đã ký {signed}/{members}, {status}").format(
        year=pledge.year,
        version=pledge.version,
        signed=pledge.signed,
        members=pledge.members,
        status=str(PledgeStatus(pledge.status).label).lower(),
    )
    return AgendaStatus(text, done=pledge.status == PledgeStatus.IN_FORCE)


def pledge_next_year_url(cluster_year: ClusterYear) -> str | None:
    """Next year's pledge page once next year is open, else ``None``."""
    pledge = next_year_pledge(cluster_year)
    if not pledge.exists:
        return None
    return reverse("start_of_year:pledge", args=[cluster_year.cluster.code, pledge.year])


PLEDGE_NEXT_YEAR_LINK = AgendaLink(
    slug=PLEDGE_NEXT_YEAR_LINK_SLUG,
    order=50,
    label=gettext_lazy("Giao ước thi đua năm sau"),
    describe=describe_pledge_next_year,
    url=pledge_next_year_url,
)
