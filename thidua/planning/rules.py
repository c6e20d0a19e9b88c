"""Who may do what with plans, movements and drives (django-rules). Scope (what is visible,
else 404) is in ``selectors.py``; these predicates decide the actions (else 403)."""

from __future__ import annotations

from typing import Any

import rules

from thidua.accounts.enums import UNIT_ROLES, Role
from thidua.clusters.rules import (
    can_manage_cluster_year,
    is_board_officer_of_cluster_year,
    is_secretariat_of_cluster_year,
    is_system_admin,
)


def member_ids(cluster_year: Any) -> set[int]:
    """The member units of a cluster year, from the prefetched memberships when there are some
    (``cluster_year_detail`` prefetches them), cached on the object: one query at most."""
    cached = getattr(cluster_year, "_planning_member_ids", None)
    if cached is None:
        cached = {m.organization_id for m in cluster_year.memberships.all()}
        cluster_year._planning_member_ids = cached
    return cached


@rules.predicate
def is_member_unit_user(user: Any, cluster_year: Any) -> bool:
    """A user of a member unit (unit officer, unit leader, or a secretariat of another cluster)."""
    return bool(
        cluster_year is not None
        and user.is_authenticated
        and user.role in UNIT_ROLES
        and user.organization_id is not None
        and user.organization_id in member_ids(cluster_year)
    )


@rules.predicate
def is_board_officer_of_authority(user: Any, authority: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.role == Role.BOARD_OFFICER
        and user.authority_id is not None
        and (authority is None or user.authority_id == authority.pk)
    )


@rules.predicate
def is_board_officer_of_movement(user: Any, movement: Any) -> bool:
    return bool(
        movement is not None
        and user.is_authenticated
        and user.role == Role.BOARD_OFFICER
        and user.authority_id == movement.authority_id
    )


can_comment_on_plan = (
    is_system_admin
    | is_board_officer_of_cluster_year
    | is_secretariat_of_cluster_year
    | is_member_unit_user
)

# Drafting, editing and adopting plans; creating drives and reopening reports: the secretariat
# (and the board, the admin) — the same people who manage the cluster year.
rules.add_perm("planning.manage_plan", can_manage_cluster_year)
rules.add_perm("planning.comment_plan", can_comment_on_plan)
rules.add_perm("planning.manage_drives", can_manage_cluster_year)
rules.add_perm("planning.report_drive", is_member_unit_user)
# Object: the authority (None = "some authority of the user", to show the button).
rules.add_perm("planning.launch_movement", is_system_admin | is_board_officer_of_authority)
rules.add_perm("planning.change_movement", is_system_admin | is_board_officer_of_movement)
