"""Object permissions of the start of the year (django-rules). Scope (404) is in selectors;
these decide what a user who sees the object may do (403, or the service's clear message)."""

from __future__ import annotations

from typing import Any

import rules

from thidua.accounts.enums import AUTHORITY_ROLES, UNIT_ROLES, Role
from thidua.clusters.rules import can_manage_cluster_year, is_board_officer, is_system_admin


def is_member_unit(user: Any, cluster_year: Any) -> bool:
    """The user's unit is a member of the cluster year (uses prefetched memberships if any)."""
    if cluster_year is None or not user.is_authenticated or not user.organization_id:
        return False
    return any(m.organization_id == user.organization_id for m in cluster_year.memberships.all())


@rules.predicate
def can_see_cluster_year(user: Any, cluster_year: Any) -> bool:
    if cluster_year is None or not user.is_authenticated:
        return False
    if user.is_system_admin:
        return True
    if user.role in AUTHORITY_ROLES and user.authority_id:
        return bool(user.authority_id == cluster_year.cluster.authority_id)
    return user.role in UNIT_ROLES and is_member_unit(user, cluster_year)


@rules.predicate
def is_leader_of_member_unit(user: Any, cluster_year: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.role == Role.UNIT_LEADER
        and is_member_unit(user, cluster_year)
    )


@rules.predicate
def works_for_registered_unit(user: Any, registration: Any) -> bool:
    """Officers and leaders of the unit (and the head unit's secretariat for its own unit)."""
    return bool(
        registration is not None
        and user.is_authenticated
        and user.role in UNIT_ROLES
        and user.organization_id == registration.organization_id
    )


@rules.predicate
def manages_registration_year(user: Any, registration: Any) -> bool:
    return bool(
        registration is not None and can_manage_cluster_year(user, registration.cluster_year)
    )


rules.add_perm("start_of_year.view_year", can_see_cluster_year)
rules.add_perm("start_of_year.view_pledge", can_see_cluster_year)
rules.add_perm("start_of_year.manage_year", can_manage_cluster_year)
rules.add_perm("start_of_year.sign_pledge", is_leader_of_member_unit)
rules.add_perm("start_of_year.edit_registration", works_for_registered_unit)
rules.add_perm("start_of_year.review_registration", manages_registration_year)
rules.add_perm("start_of_year.view_rollup", is_system_admin | is_board_officer)
