"""Reads for accounts, scoped to the person asking: ``users_for_user`` is the set of accounts a
person manages (all for the administrator, their authority's scope for a board officer, none
otherwise); a user page outside it is a 404."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.sessions.models import Session
from django.db.models import Q, QuerySet
from django.utils import timezone

from thidua.accounts.enums import Role
from thidua.accounts.models import ApiToken, RoleAssignment, User, UserSession
from thidua.accounts.notes import role_notes
from thidua.core.http import get_object_for_user_or_404
from thidua.core.vntext import search_terms
from thidua.organizations.models import Authority, Organization
from thidua.organizations.selectors import lineage_ids_subquery


def users_for_user(user: User) -> QuerySet[User]:
    """The accounts ``user`` manages (the same answer as ``rules.manages_account``)."""
    qs = User.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.is_system_admin:
        return qs
    if user.role == Role.BOARD_OFFICER and user.authority_id:
        # The authority's own people and those of the authorities it succeeded (their accounts
        # pass to it with their work: docs/authorities.md); a subquery, no query of its own.
        ids = lineage_ids_subquery(user.authority_id)
        return qs.filter(Q(authority_id__in=ids) | Q(organization__authority_id__in=ids)).exclude(
            Q(is_superuser=True) | Q(role=Role.SYSTEM_ADMIN)
        )
    return qs.none()


def search_users(qs: QuerySet[User], query: str) -> QuerySet[User]:
    """Accent- and case-insensitive on the name, the username and the e-mail."""
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    return qs


def user_list(user: User, *, query: str = "", role: str = "", active: str = "") -> QuerySet[User]:
    qs = search_users(users_for_user(user), query)
    if role in Role.values:
        qs = qs.filter(role=role)
    if active in {"yes", "no"}:
        qs = qs.filter(is_active=active == "yes")
    return qs.select_related("organization__authority", "authority").order_by("sort_key", "pk")


def user_or_404(user: User, pk: int) -> User:
    return get_object_for_user_or_404(
        users_for_user(user).select_related("organization__authority", "authority"), pk=pk
    )


def assignments_for_user(user: User) -> QuerySet[RoleAssignment]:
    """The role assignments of the accounts ``user`` manages."""
    return RoleAssignment.objects.filter(user__in=users_for_user(user)).select_related(
        "user", "organization", "authority", "assigned_by"
    )


def units_for_assignment(user: User) -> QuerySet[Organization]:
    """The units a manager may give a unit role over (all for the administrator)."""
    qs = Organization.objects.select_related("authority").order_by("sort_key")
    if user.is_system_admin:
        return qs
    if not user.authority_id:
        return qs.none()
    return qs.filter(authority_id__in=lineage_ids_subquery(user.authority_id))


def authorities_for_assignment(user: User) -> QuerySet[Authority]:
    qs = Authority.objects.order_by("sort_key")
    if user.is_system_admin:
        return qs
    return qs.filter(pk=user.authority_id) if user.authority_id else qs.none()


@dataclass(frozen=True)
class HeldRole:
    assignment: RoleAssignment
    notes: list[str]  # from the apps above (``accounts.notes``): e.g. the cluster years headed


@dataclass(frozen=True)
class YearRoles:
    year: int
    roles: list[HeldRole]


def roles_by_year(target: User, today: dt.date | None = None) -> list[YearRoles]:
    """Each year (newest first) with the roles ``target`` held in it, from the assignments."""
    today = today or timezone.localdate()
    assignments = list(
        target.role_assignments.select_related("organization", "authority", "assigned_by")
    )
    if not assignments:
        return []
    first = min(a.valid_from.year for a in assignments)
    last = max([today.year, *(a.valid_from.year for a in assignments)])
    notes = role_notes(assignments)
    years = []
    for year in range(last, first - 1, -1):
        held = [
            HeldRole(assignment=a, notes=notes.get((a.pk, year), []))
            for a in assignments
            if a.covers_year(year)
        ]
        if held:
            years.append(YearRoles(year=year, roles=held))
    return years


def open_sessions(user: User) -> list[UserSession]:
    """The person's sessions that are still signed in (their Django session has not expired)."""
    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return list(UserSession.objects.filter(user=user, session_key__in=alive))


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """The person's own API tokens, newest first (nobody sees another person's tokens)."""
    return ApiToken.objects.filter(user_id=user.pk)


def api_token_or_404(user: User, pk: int) -> ApiToken:
    return get_object_for_user_or_404(api_tokens_of(user), pk=pk)
