"""Object permissions for clusters (django-rules). Scope (what is visible) is in selectors."""

from __future__ import annotations

from typing import Any

import rules

from thidua.accounts.enums import Role


@rules.predicate
def is_system_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_system_admin)


@rules.predicate
def is_board_officer(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.BOARD_OFFICER and user.authority_id)


@rules.predicate
def is_board_officer_of_cluster_year(user: Any, cluster_year: Any) -> bool:
    return bool(
        cluster_year is not None
        and user.is_authenticated
        and user.role == Role.BOARD_OFFICER
        and user.authority_id == cluster_year.cluster.authority_id
    )


@rules.predicate
def is_secretariat_of_cluster_year(user: Any, cluster_year: Any) -> bool:
    """The secretariat runs the years in which the user's unit is the head (cụm trưởng)."""
    return bool(
        cluster_year is not None
        and user.is_authenticated
        and user.role == Role.CLUSTER_SECRETARIAT
        and user.organization_id is not None
        and user.organization_id == cluster_year.head_id
    )


can_manage_cluster_year = (
    is_system_admin | is_board_officer_of_cluster_year | is_secretariat_of_cluster_year
)

rules.add_perm("clusters.manage_clusteryear", can_manage_cluster_year)
rules.add_perm("clusters.change_heads", is_system_admin | is_board_officer_of_cluster_year)
rules.add_perm("clusters.import_units", is_system_admin | is_board_officer)
rules.add_perm("clusters.create_cluster", is_system_admin | is_board_officer)
