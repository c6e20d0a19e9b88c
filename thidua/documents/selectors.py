"""Reads of the documents app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from thidua.clusters.enums import ClusterKind
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.documents.models import DocumentNumber, GeneratedDocument
from thidua.organizations.models import Organization, OrganizationLeader


def cluster_year_for_command(code: str, year: int) -> ClusterYear | None:
    """The command line is run by the operator of the server: no user scope."""
    return (
        ClusterYear.objects.select_related("cluster__authority", "head", "deputy")
        .filter(cluster__code=code, year=year)
        .first()
    )


def years_of_cluster(code: str) -> list[int]:
    return list(
        ClusterYear.objects.filter(cluster__code=code)
        .order_by("year")
        .values_list("year", flat=True)
    )


PROTOCOL, ALPHABETICAL = "protocol", "abc"  # the orders an official list may take


def members_in_order(cluster_year: ClusterYear, order: str = PROTOCOL) -> list[ClusterMembership]:
    """The members as an official list gives them: protocol order (the head, the deputy, then
    the other members in Vietnamese alphabetical order), or alphabetical throughout."""
    members = list(
        cluster_year.memberships.select_related("organization").order_by("organization__sort_key")
    )
    if order == ALPHABETICAL:
        return members
    rank = {cluster_year.head_id: 0, cluster_year.deputy_id: 1}
    return sorted(members, key=lambda m: rank.get(m.organization_id, 2))


def organizations_in_order(cluster_year: ClusterYear, order: str = PROTOCOL) -> list[Organization]:
    return [m.organization for m in members_in_order(cluster_year, order)]


def drafting_unit(cluster_year: ClusterYear) -> str:
    """Who drafted a cluster's document, for "Lưu: VT, …": the head unit (its short name)."""
    head = cluster_year.head
    if head is None:
        return cluster_year.cluster.name
    return head.short_name or head.name


def signing_day(cluster_year: ClusterYear, day: dt.date | None) -> dt.date:
    """The day whose leader signs a document: its own date, else the end of its year (or today
    while that year runs). Only chooses the signer: it is never printed as the date."""
    if day is not None:
        return day
    return min(dt.date(cluster_year.year, 12, 31), timezone.localdate())


def _leaders_valid_on(day: Any) -> Any:
    return (
        OrganizationLeader.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        # the latest appointment wins; an undated one only when no dated one is valid
        .order_by(F("valid_from").desc(nulls_last=True), "-pk")
    )


def leader_on(organization: Organization | None, day: Any) -> OrganizationLeader | None:
    """The unit's leader (thủ trưởng) on ``day``: who signs for it."""
    if organization is None:
        return None
    return _leaders_valid_on(day).filter(organization=organization).first()


def leaders_on(organization_ids: Iterable[int], day: Any) -> dict[int, OrganizationLeader]:
    """``leader_on`` for many units in one query: unit id → its leader on ``day``."""
    leaders: dict[int, OrganizationLeader] = {}
    for leader in _leaders_valid_on(day).filter(organization_id__in=list(organization_ids)):
        leaders.setdefault(leader.organization_id, leader)
    return leaders


def cluster_symbol(cluster: Any) -> str:
    """The issuer symbol of a cluster's documents (N-7): "CTĐ6" for Cụm thi đua số 6, "KTĐ2" for
    Khối thi đua số 2; the cluster's code when it has no number."""
    if cluster.number:
        return f"{'KTĐ' if cluster.kind == ClusterKind.BLOC else 'CTĐ'}{cluster.number}"
    return str(cluster.code)


def issued_document(slug: str, cluster_year: ClusterYear) -> DocumentNumber | None:
    """The number (and date) a cluster year's document was issued with, if it was."""
    return DocumentNumber.objects.filter(kind=slug, cluster_year=cluster_year).first()


def issued_documents(cluster_year: ClusterYear) -> dict[str, DocumentNumber]:
    return {
        entry.kind: entry
        for entry in DocumentNumber.objects.filter(cluster_year=cluster_year).exclude(kind="")
    }


def generated_for(cluster_year: ClusterYear) -> QuerySet[GeneratedDocument]:
    return GeneratedDocument.objects.filter(cluster_year=cluster_year).select_related(
        "generated_by"
    )
