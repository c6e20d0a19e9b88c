"""What the home page shows besides the panels: the user's cluster years of the latest year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet

from thidua.accounts.enums import Role
from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_years_for_user

if TYPE_CHECKING:
    from thidua.accounts.models import User


@dataclass(frozen=True)
class HomeSummary:
    latest_year: int | None
    current_years: QuerySet[ClusterYear]  # with member_count, in Vietnamese order
    headed_years: list[ClusterYear]  # those the user's unit heads (for the secretariat)
    is_secretariat: bool


def home_summary(user: User) -> HomeSummary:
    """The cluster years of the latest year in the user's scope, and those their unit heads."""
    years = cluster_years_for_user(user)
    latest = years.order_by("-year").values_list("year", flat=True).first()
    current = (
        years.filter(year=latest)
        .select_related("cluster__authority", "head", "deputy")
        .annotate(member_count=Count("memberships"))
        .order_by("cluster__authority__sort_key", "cluster__sort_key")
        if latest
        else years.none()
    )
    headed = [cy for cy in current if user.organization_id and cy.head_id == user.organization_id]
    return HomeSummary(
        latest_year=latest,
        current_years=current,
        headed_years=headed,
        is_secretariat=user.role == Role.CLUSTER_SECRETARIAT,
    )
