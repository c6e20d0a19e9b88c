"""What the home page shows besides the panels: the user's cluster years of the latest year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Subquery, Window

from thidua.accounts.enums import Role
from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_years_for_user, with_member_counts

if TYPE_CHECKING:
    from thidua.accounts.models import User

# Cards of the latest year on the home page; the rest are on the clusters list of that year.
HOME_CARDS = 12


@dataclass(frozen=True)
class HomeSummary:
    latest_year: int | None
    current_years: list[ClusterYear]  # the first HOME_CARDS, with member_count, Vietnamese order
    current_total: int  # how many the latest year has in the user's scope
    headed_years: list[ClusterYear]  # those the user's unit heads (for the secretariat)
    is_secretariat: bool


def home_summary(user: User) -> HomeSummary:
    """The cluster years of the latest year in the user's scope (the first ``HOME_CARDS`` and
    their number), and those their unit heads. Two queries (three for the secretariat), however
    many cluster years and members the scope has: the latest year is a subquery and the number
    of that year's cluster years a window count over the same rows."""
    years = cluster_years_for_user(user)
    is_secretariat = user.role == Role.CLUSTER_SECRETARIAT
    latest = Subquery(years.order_by("-year").values("year")[:1])
    current = (
        years.filter(year=latest)
        .select_related("cluster__authority", "head", "deputy")
        .order_by("cluster__authority__sort_key", "cluster__sort_key")
    )
    cards = with_member_counts(current.annotate(total=Window(Count("pk")))[:HOME_CARDS])
    if not cards:
        return HomeSummary(None, [], 0, [], is_secretariat)
    headed = (
        list(current.filter(head_id=user.organization_id))
        if is_secretariat and user.organization_id
        else []
    )
    return HomeSummary(
        latest_year=cards[0].year,
        current_years=cards,
        current_total=cards[0].total,  # type: ignore[attr-defined]
        headed_years=headed,
        is_secretariat=is_secretariat,
    )
