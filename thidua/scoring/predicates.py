"""The predicates of the scoring permissions (django-rules): who a person is for an object, and
the object's state and deadline. ``rules`` combines them into one named permission per action.

They run no query when the cluster year comes with ``scoring_round`` and ``memberships`` loaded
(``selectors.scoring_cluster_years``), except where a docstring says "(1 query)"."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import ObjectDoesNotExist

from thidua.clusters.deadlines import is_step_open
from thidua.clusters.enums import CycleStep
from thidua.clusters.on_behalf import speaks_for_unit
from thidua.clusters.rules import (
    can_manage_cluster_year,
    is_board_officer_of_cluster_year,
    is_system_admin,
)
from thidua.scoring.enums import (
    CriteriaSetStatus,
    CrossSheetStatus,
    RoundStatus,
    SheetStatus,
    VerificationMode,
)
from thidua.scoring.models import CriteriaSet, ScoreSheet

# ----------------------------------------------------------------- the objects


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
    """One of a unit's own people; never a system administrator (``clusters.on_behalf``)."""
    return speaks_for_unit(user, user.organization_id if user.is_authenticated else None)


def _member_ids(cluster_year: Any) -> set[int]:
    return {m.organization_id for m in cluster_year.memberships.all()}


def _is_cross_year(obj: Any) -> bool:
    scoring_round = round_of(obj)
    return bool(
        scoring_round is not None and scoring_round.verification_mode == VerificationMode.CROSS
    )


# ----------------------------------------------------------------- who


@rules.predicate
def can_manage(user: Any, obj: Any) -> bool:
    return bool(obj is not None and can_manage_cluster_year(user, cluster_year_of(obj)))


@rules.predicate
def is_board_or_admin(user: Any, obj: Any) -> bool:
    cluster_year = cluster_year_of(obj)
    return bool(is_system_admin(user) or is_board_officer_of_cluster_year(user, cluster_year))


@rules.predicate
def is_own_unit_sheet(user: Any, sheet: Any) -> bool:
    return bool(
        sheet is not None and _is_unit_user(user) and user.organization_id == sheet.organization_id
    )


@rules.predicate
def is_verifier_of_sheet(user: Any, sheet: Any) -> bool:
    """A manager of the year, or the verifier the year's mode names (head, deputy, team)."""
    if sheet is None or not user.is_authenticated:
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
def is_member_unit_user(user: Any, obj: Any) -> bool:
    """A user of one of the year's member units."""
    return bool(
        obj is not None
        and _is_unit_user(user)
        and user.organization_id in _member_ids(cluster_year_of(obj))
    )


@rules.predicate
def is_scorer_unit_user(user: Any, cross: Any) -> bool:
    """A user of the unit that gives the cross scores of ``cross``."""
    return bool(
        cross is not None
        and _is_unit_user(user)
        and cross.scorer_id is not None
        and user.organization_id == cross.scorer_id
    )


@rules.predicate
def is_cross_reader_of_sheet(user: Any, sheet: Any) -> bool:
    """In cross-scoring, the other member units read a submitted sheet to score it."""
    return bool(
        sheet is not None
        and sheet.status in (SheetStatus.SUBMITTED, SheetStatus.VERIFIED)
        and user.organization_id != sheet.organization_id
        and _is_cross_year(sheet)
        and is_member_unit_user(user, sheet)
    )


# ----------------------------------------------------------------- state and deadlines


@rules.predicate
def results_open(user: Any, obj: Any) -> bool:
    scoring_round = round_of(obj)
    return scoring_round is None or scoring_round.status != RoundStatus.APPROVED


@rules.predicate
def results_published(user: Any, obj: Any) -> bool:
    scoring_round = round_of(obj)
    return bool(scoring_round is not None and scoring_round.status == RoundStatus.APPROVED)


@rules.predicate
def is_cross_year(user: Any, obj: Any) -> bool:
    return _is_cross_year(obj)


@rules.predicate
def sheet_is_draft(user: Any, sheet: Any) -> bool:
    return bool(sheet is not None and sheet.status == SheetStatus.DRAFT)


@rules.predicate
def sheet_is_submitted(user: Any, sheet: Any) -> bool:
    return bool(sheet is not None and sheet.status == SheetStatus.SUBMITTED)


@rules.predicate
def sheet_is_verified(user: Any, sheet: Any) -> bool:
    return bool(sheet is not None and sheet.status == SheetStatus.VERIFIED)


@rules.predicate
def sheet_was_handed_in(user: Any, sheet: Any) -> bool:
    return bool(sheet is not None and sheet.status != SheetStatus.DRAFT)


@rules.predicate
def not_own_unit(user: Any, sheet: Any) -> bool:
    return bool(
        sheet is not None
        and not (user.organization_id and user.organization_id == sheet.organization_id)
    )


@rules.predicate
def self_scoring_open(user: Any, sheet: Any) -> bool:
    """The self-scoring deadline has not passed, or the unit was given more time (1 query)."""
    return bool(
        sheet is not None
        and is_step_open(
            cluster_year=sheet.cluster_year,
            step=CycleStep.SELF_SCORING,
            organization=sheet.organization,
        )
    )


@rules.predicate
def sheet_needs_reopening(user: Any, sheet: Any) -> bool:
    """Handed in, or still a draft but past the unit's self-scoring deadline."""
    return bool(sheet_was_handed_in(user, sheet) or not self_scoring_open(user, sheet))


@rules.predicate
def no_criteria_set_yet(user: Any, obj: Any) -> bool:
    """The year has no criteria set at all yet (1 query)."""
    cluster_year = cluster_year_of(obj)
    if cluster_year is None:
        return False
    return not CriteriaSet.objects.filter(cluster_year_id=cluster_year.pk).exists()


@rules.predicate
def criteria_is_draft(user: Any, criteria_set: Any) -> bool:
    return bool(criteria_set is not None and criteria_set.status == CriteriaSetStatus.DRAFT)


@rules.predicate
def criteria_is_adopted(user: Any, criteria_set: Any) -> bool:
    return bool(criteria_set is not None and criteria_set.status == CriteriaSetStatus.ADOPTED)


@rules.predicate
def no_other_draft(user: Any, criteria_set: Any) -> bool:
    """No draft version of the year's criteria set is being written (1 query)."""
    if criteria_set is None:
        return False
    return not CriteriaSet.objects.filter(
        cluster_year_id=criteria_set.cluster_year_id, status=CriteriaSetStatus.DRAFT
    ).exists()


@rules.predicate
def cross_not_itself(user: Any, cross: Any) -> bool:
    return bool(cross is not None and cross.scorer_id != cross.target_id)


@rules.predicate
def scorer_is_member(user: Any, cross: Any) -> bool:
    return bool(cross is not None and cross.scorer_id in _member_ids(cross.cluster_year))


@rules.predicate
def verification_open_for_scorer(user: Any, cross: Any) -> bool:
    """The verification (cross-scoring) deadline, or the scorer unit's extension (1 query)."""
    return bool(
        cross is not None
        and is_step_open(
            cluster_year=cross.cluster_year,
            step=CycleStep.VERIFICATION,
            organization=cross.scorer,
        )
    )


@rules.predicate
def target_has_submitted(user: Any, cross: Any) -> bool:
    """The target unit has handed in its own sheet (1 query)."""
    if cross is None:
        return False
    status = (
        ScoreSheet.objects.filter(
            cluster_year_id=cross.cluster_year_id, organization_id=cross.target_id
        )
        .values_list("status", flat=True)
        .first()
    )
    return status in (SheetStatus.SUBMITTED, SheetStatus.VERIFIED)


@rules.predicate
def cross_is_draft(user: Any, cross: Any) -> bool:
    return bool(cross is not None and cross.status == CrossSheetStatus.DRAFT)


@rules.predicate
def cross_is_submitted(user: Any, cross: Any) -> bool:
    return bool(cross is not None and cross.status == CrossSheetStatus.SUBMITTED)
