"""The board's roll-up of the start of the year across all clusters of a year: per unit the
registered title, models, topics and status; per cluster the pledge version and signatures.
``rollup_years`` selects the cluster years (the page takes one page of them), ``rollup_rows``
builds their rows in three queries whatever the number of clusters and units."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.clusters.selectors import cluster_years_for_user
from thidua.organizations.models import Organization
from thidua.start_of_year.enums import CURRENT_PLEDGE_STATUSES
from thidua.start_of_year.models import EmulationModel, Pledge, Registration, Topic

if TYPE_CHECKING:
    from thidua.accounts.models import User


@dataclass
class UnitRow:
    organization: Organization
    is_head: bool
    registration: Registration | None

    @property
    def award_name(self) -> str:
        return self.registration.award.name if self.registration and self.registration.award else ""

    @property
    def model_count(self) -> int:
        return getattr(self.registration, "model_count", 0) if self.registration else 0

    @property
    def topic_count(self) -> int:
        return getattr(self.registration, "topic_count", 0) if self.registration else 0

    @property
    def status_label(self) -> str:
        if self.registration is None:
            return _("Chưa đăng ký")
        return str(self.registration.get_status_display())


@dataclass
class ClusterRow:
    cluster_year: ClusterYear
    pledge: Pledge | None
    units: list[UnitRow] = field(default_factory=list)

    @property
    def member_count(self) -> int:
        return len(self.units)

    @property
    def signed_count(self) -> int:
        return getattr(self.pledge, "signed_count", 0) if self.pledge else 0

    @property
    def in_force(self) -> bool:
        return bool(self.pledge and self.pledge.is_in_force)


def _count(model: type[EmulationModel] | type[Topic]) -> Coalesce:
    counts = (
        model.objects.filter(registration=OuterRef("pk"))
        .order_by()
        .values("registration")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counts), Value(0))


def rollup_years(
    user: User, *, year: int, cluster_code: str = "", kind: str = "", authority: str = ""
) -> QuerySet[ClusterYear]:
    """The cluster years of the roll-up, in the order of the page (authority, kind, number)."""
    years = cluster_years_for_user(user).filter(year=year)
    if cluster_code:
        years = years.filter(cluster__code=cluster_code)
    if kind:
        years = years.filter(cluster__kind=kind)
    if authority:
        years = years.filter(cluster__authority__code=authority)
    return years.select_related("cluster__authority").order_by(
        "cluster__authority__sort_key",
        "cluster__kind",
        "cluster__number",
        "cluster__sort_key",
        "pk",
    )


def rollup_rows(cluster_years: Sequence[ClusterYear]) -> list[ClusterRow]:
    """The rows of these cluster years: units with their registrations, and the pledges."""
    ids = [cy.pk for cy in cluster_years]
    if not ids:
        return []
    registrations = {
        (r.cluster_year_id, r.organization_id): r
        for r in Registration.objects.filter(cluster_year_id__in=ids)
        .select_related("award")
        .annotate(model_count=_count(EmulationModel), topic_count=_count(Topic))
    }
    pledges = {
        p.cluster_year_id: p
        for p in Pledge.objects.filter(
            cluster_year_id__in=ids, status__in=CURRENT_PLEDGE_STATUSES
        ).annotate(signed_count=Count("signatures"))
    }
    units: dict[int, list[UnitRow]] = defaultdict(list)
    heads = {cy.pk: cy.head_id for cy in cluster_years}
    for m in (
        ClusterMembership.objects.filter(cluster_year_id__in=ids)
        .select_related("organization")
        .order_by("organization__sort_key")
    ):
        units[m.cluster_year_id].append(
            UnitRow(
                organization=m.organization,
                is_head=m.organization_id == heads[m.cluster_year_id],
                registration=registrations.get((m.cluster_year_id, m.organization_id)),
            )
        )
    return [
        ClusterRow(cluster_year=cy, pledge=pledges.get(cy.pk), units=units[cy.pk])
        for cy in cluster_years
    ]


def rollup(
    user: User, *, year: int, cluster_code: str = "", kind: str = "", authority: str = ""
) -> list[ClusterRow]:
    """The whole roll-up (the export)."""
    years = rollup_years(user, year=year, cluster_code=cluster_code, kind=kind, authority=authority)
    return rollup_rows(list(years))
