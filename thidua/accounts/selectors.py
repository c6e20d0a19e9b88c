from __future__ import annotations

from typing import Any

from django.db.models import Count

from thidua.accounts.enums import AUTHORITY_ROLES, Role
from thidua.accounts.models import User
from thidua.clusters.selectors import cluster_years_for_user


def home_summary(user: User) -> dict[str, Any]:
    """What the home page shows: the user's cluster years of the latest year, by role."""
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
    return {
        "latest_year": latest,
        "current_years": current,
        "headed_years": headed,
        "is_authority_view": user.is_system_admin or user.role in AUTHORITY_ROLES,
        "is_secretariat": user.role == Role.CLUSTER_SECRETARIAT,
        "is_leader": user.role == Role.UNIT_LEADER,
    }
