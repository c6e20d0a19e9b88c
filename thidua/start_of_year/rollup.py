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
from thidua.core.urlfill import url_filler
from thidua.start_of_year.enums import CURRENT_PLEDGE_STATUSES, RegistrationStatus
from thidua.start_of_year.models import EmulationModel, Pledge, Registration, Topic

if TYPE_CHECKING:
    from thidua.accounts.models import User


@dataclass(frozen=True)
class UnitRow:
    """One member unit of a cluster year: plain values, ready to print."""

    name: str
    is_head: bool
    award_name: str
    model_count: int
    topic_count: int
    status_label: str


@dataclass
class ClusterRow:
    cluster_year: ClusterYear
    pledge: Pledge | None
    units: list[UnitRow] = field(default_factory=list)
    url: str = ""
    pledge_url: str = ""
    kind_label: str = ""
    head_label: str = ""

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
    return years.select_related("cluster").order_by(
        "cluster__authority__sort_key",
        "cluster__kind",
        "cluster__number",
        "cluster__sort_key",
        "pk",
    )


def rollup_rows(cluster_years: Sequence[ClusterYear]) -> list[ClusterRow]:
    """The rows of these cluster years (with their cluster): units with their registrations, and
    the pledges, in three queries. Unit rows are plain values (no model instance per unit; the
    status labels are translated once per call)."""
    ids = [cy.pk for cy in cluster_years]
    if not ids:
        return []
    status_labels = {value: str(label) for value, label in RegistrationStatus.choices}
    registrations = {
        (cy_id, org_id): (award or "", models, topics, status_labels.get(status, status))
        for cy_id, org_id, award, models, topics, status in Registration.objects.filter(
            cluster_year_id__in=ids
        )
        .annotate(model_count=_count(EmulationModel), topic_count=_count(Topic))
        .values_list(
            "cluster_year_id", "organization_id", "award__name", "model_count", "topic_count",
            "status",
        )
    }  # fmt: skip
    pledges = {
        p.cluster_year_id: p
        for p in Pledge.objects.filter(
            cluster_year_id__in=ids, status__in=CURRENT_PLEDGE_STATUSES
        ).annotate(signed_count=Count("signatures"))
    }
    not_registered = ("", 0, 0, _("Chưa đăng ký"))
    units: dict[int, list[UnitRow]] = defaultdict(list)
    heads = {cy.pk: cy.head_id for cy in cluster_years}
    for cy_id, org_id, name in (
        ClusterMembership.objects.filter(cluster_year_id__in=ids)
        .order_by("organization__sort_key")
        .values_list("cluster_year_id", "organization_id", "organization__name")
    ):
        award, models, topics, status = registrations.get((cy_id, org_id), not_registered)
        units[cy_id].append(UnitRow(name, org_id == heads[cy_id], award, models, topics, status))
    year_url = url_filler("clusters:year", "code", "year")
    pledge_url = url_filler("start_of_year:pledge", "code", "year")
    return [
        ClusterRow(
            cluster_year=cy,
            pledge=pledges.get(cy.pk),
            units=units[cy.pk],
            url=year_url(code=cy.cluster.code, year=cy.year),
            pledge_url=pledge_url(code=cy.cluster.code, year=cy.year),
            kind_label=cy.cluster.get_kind_display(),
            head_label=cy.head_label,
        )
        for cy in cluster_years
    ]


def rollup(
    user: User, *, year: int, cluster_code: str = "", kind: str = "", authority: str = ""
) -> list[ClusterRow]:
    """The whole roll-up (the export)."""
    years = rollup_years(user, year=year, cluster_code=cluster_code, kind=kind, authority=authority)
    return rollup_rows(list(years))
