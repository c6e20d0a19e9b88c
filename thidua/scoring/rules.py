"""Who may do what in scoring (django-rules). Scope (which cluster years a user sees at all) is
in the selectors; these predicates decide inside that scope and run no per-row queries when the
cluster year comes with ``scoring_round`` and ``memberships`` loaded.

Conflicts of interest are automatic: nobody verifies or cross-scores their own unit; in
head-unit verification the head unit's own sheet is verified by the deputy unit.
"""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import ObjectDoesNotExist

from thidua.accounts.enums import UNIT_ROLES
from thidua.clusters.rules import (
    can_manage_cluster_year,
    is_board_officer_of_cluster_year,
    is_system_admin,
)
from thidua.scoring.enums import RoundStatus, SheetStatus, VerificationMode


def cluster_year_of(obj: Any) -> Any:
    """The cluster year of a round, sheet, criteria set or cross sheet (or the object itself)."""
    return getattr(obj, "cluster_year", obj)


def round_of(obj: Any) -> Any:
    cluster_year = cluster_year_of(obj)
    if cluster_year is None:
        return None
    try:
        return cluster_year.scoring_round
    except ObjectDoesNotExist:
        return None


def _is_unit_user(user: Any) -> bool:
    return bool(user.is_authenticated and user.role in UNIT_ROLES and user.organization_id)


def _member_ids(cluster_year: Any) -> set[int]:
    return {m.organization_id for m in cluster_year.memberships.all()}


@rules.predicate
def can_manage(user: Any, obj: Any) -> bool:
    return bool(obj is not None and can_manage_cluster_year(user, cluster_year_of(obj)))


@rules.predicate
def is_board_or_admin(user: Any, obj: Any) -> bool:
    cluster_year = cluster_year_of(obj)
    return bool(is_system_admin(user) or is_board_officer_of_cluster_year(user, cluster_year))


@rules.predicate
def results_published(user: Any, obj: Any) -> bool:
    scoring_round = round_of(obj)
    return bool(scoring_round is not None and scoring_round.status == RoundStatus.APPROVED)


@rules.predicate
def is_own_unit_sheet(user: Any, sheet: Any) -> bool:
    return bool(
        sheet is not None and _is_unit_user(user) and user.organization_id == sheet.organization_id
    )


@rules.predicate
def is_verifier_of_sheet(user: Any, sheet: Any) -> bool:
    """Named verifier of this sheet by the year's mode; never the sheet's own unit."""
    if sheet is None or not user.is_authenticated:
        return False
    if user.organization_id and user.organization_id == sheet.organization_id:
        return False
    if can_manage_cluster_year(user, sheet.cluster_year):
        return True
    return _is_unit_user(user) and _named_verifier(user, sheet)


def _named_verifier(user: Any, sheet: Any) -> bool:
    cluster_year = sheet.cluster_year
    scoring_round = round_of(sheet)
    if scoring_round is None:
        return False
    if scoring_round.verification_mode == VerificationMode.HEAD:
        # The head unit verifies everybody else; the deputy verifies the head unit.
        verifier_unit = (
            cluster_year.deputy_id
            if sheet.organization_id == cluster_year.head_id
            else cluster_year.head_id
        )
        return bool(verifier_unit and user.organization_id == verifier_unit)
    if scoring_round.verification_mode == VerificationMode.TEAM:
        user_ids = {u.pk for u in scoring_round.verifier_users.all()}
        unit_ids = {o.pk for o in scoring_round.verifier_units.all()}
        return user.pk in user_ids or user.organization_id in unit_ids
    return False


@rules.predicate
def can_cross_score(user: Any, obj: Any) -> bool:
    """A member unit's user may cross-score in a cross-scoring year (targets: every other unit)."""
    scoring_round = round_of(obj)
    return bool(
        scoring_round is not None
        and scoring_round.verification_mode == VerificationMode.CROSS
        and _is_unit_user(user)
        and user.organization_id in _member_ids(cluster_year_of(obj))
    )


@rules.predicate
def is_cross_reader_of_sheet(user: Any, sheet: Any) -> bool:
    """In cross-scoring, the other member units read a submitted sheet to score it."""
    return bool(
        sheet is not None
        and sheet.status in (SheetStatus.SUBMITTED, SheetStatus.VERIFIED)
        and user.organization_id != sheet.organization_id
        and can_cross_score(user, sheet)
    )


can_view_sheet = (
    is_own_unit_sheet
    | can_manage
    | is_verifier_of_sheet
    | results_published
    | is_cross_reader_of_sheet
)

rules.add_perm("scoring.manage_criteria", can_manage)
rules.add_perm("scoring.manage_round", can_manage)
rules.add_perm("scoring.approve_results", can_manage)
rules.add_perm("scoring.reopen_results", is_board_or_admin)
rules.add_perm("scoring.view_ranking", can_manage | results_published)
rules.add_perm("scoring.view_cross_matrix", can_manage)
rules.add_perm("scoring.view_sheet", can_view_sheet)
rules.add_perm("scoring.edit_sheet", is_own_unit_sheet)
rules.add_perm("scoring.verify_sheet", is_verifier_of_sheet)
rules.add_perm("scoring.reopen_sheet", can_manage)
rules.add_perm("scoring.cross_score", can_cross_score)
