"""Reads of restructurings and of the units a person may restructure, scoped to the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from thidua.accounts.enums import Role
from thidua.clusters.selectors import organizations_for_user
from thidua.organizations.models import Organization
from thidua.organizations.selectors import search_organizations
from thidua.restructuring.models import Restructuring

if TYPE_CHECKING:
    from thidua.accounts.models import User

SEARCH_LIMIT = 30


def restructurings_for_user(user: User) -> QuerySet[Restructuring]:
    """All (admin); those of the officer's authority (board officer); none otherwise."""
    qs = Restructuring.objects.select_related("authority", "created_by")
    if not user.is_authenticated:
        return qs.none()
    if user.is_system_admin:
        return qs
    if user.role == Role.BOARD_OFFICER and user.authority_id:
        # the old units' authority, or any unit taking part (a successor, a unit moved here)
        return qs.filter(
            Q(authority_id=user.authority_id) | Q(units__authority_id=user.authority_id)
        ).distinct()
    return qs.none()


def restructurable_units(user: User) -> QuerySet[Organization]:
    """The units still active that the person may restructure: every one (admin), the units of
    the officer's authority (board officer)."""
    qs = organizations_for_user(user).filter(valid_to__isnull=True).select_related("authority")
    if user.is_system_admin:
        return qs
    if user.role == Role.BOARD_OFFICER and user.authority_id:
        return qs.filter(authority_id=user.authority_id)
    return qs.none()


def search_units(user: User, query: str) -> list[Organization]:
    """Units by name or code (accents optional), in Vietnamese order, at most ``SEARCH_LIMIT``."""
    return list(
        search_organizations(restructurable_units(user), query).order_by("sort_key")[:SEARCH_LIMIT]
    )


def unit_label(org: Organization) -> str:
    """“Sở Nội vụ (SNV-HN) — Hội đồng TĐKT Hà Nội”: same-name units told apart."""
    authority = f" — {org.authority}" if org.authority_id else ""
    return f"{org.name} ({org.code}){authority}"
