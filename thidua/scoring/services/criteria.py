"""The criteria set (bộ tiêu chí, thang điểm): drafting, copying last year's, adopting with the
pledge, and revising after adoption as a new version with a reason. Its groups and criteria
are written by ``criteria_items``."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.clusters.models import ClusterYear
from thidua.core.permissions import check
from thidua.scoring import selectors
from thidua.scoring.enums import CriteriaSetStatus
from thidua.scoring.models import (
    CriteriaGroup,
    CriteriaSet,
    Criterion,
    CrossEntry,
    ScoreEntry,
    ScoreSheet,
)
from thidua.scoring.services.common import ensure_round, scoring_defaults
from thidua.scoring.validators import validate_max_points, validate_reason
from thidua.scoring.workflow import check_transition

SET_FIELDS = ["name", "description", "max_total", "bonus_cap", "penalty_cap", "status", "version"]


# ----------------------------------------------------------------- the set


@transaction.atomic
def create_criteria_set(
    *,
    cluster_year: ClusterYear,
    user: Any,
    name: str,
    description: str = "",
    copy_from: CriteriaSet | None = None,
) -> CriteriaSet:
    """A new draft (version 1), empty or copied from another set (e.g. last year's), with the
    scale of the rule set in force (``scoring.create_criteria``; ``user=None`` is a trusted
    caller, e.g. opening the next year). Side effects: the year's scoring round is created with
    the rule-set defaults; one audit event."""
    if user is not None:
        check(user, "scoring.create_criteria", cluster_year)
    if not name.strip():
        raise ValidationError(_("Cần đặt tên cho bộ tiêu chí."), code="name_required")
    ensure_round(cluster_year)
    defaults, _source = scoring_defaults(cluster_year)
    criteria_set = CriteriaSet.objects.create(
        cluster_year=cluster_year,
        version=1,
        name=name.strip(),
        description=description.strip(),
        max_total=copy_from.max_total if copy_from else Decimal(str(defaults["max_total"])),
        bonus_cap=copy_from.bonus_cap if copy_from else Decimal(str(defaults["bonus_cap"])),
        penalty_cap=copy_from.penalty_cap if copy_from else None,
        copied_from=copy_from,
    )
    if copy_from is not None:
        _copy_tree(copy_from, criteria_set)
    record_event(
        action="scoring.criteria.create",
        obj=criteria_set,
        after={**snapshot(criteria_set, SET_FIELDS), "copied_from": copy_from and copy_from.pk},
    )
    return criteria_set


@transaction.atomic
def copy_last_year(*, cluster_year: ClusterYear, user: Any) -> CriteriaSet:
    """Last year's set of the same cluster, copied as this year's draft (``create_criteria_set``;
    ``user=None``: a trusted caller, e.g. ``clusters.services.open_next_year``)."""
    if user is not None:
        check(user, "scoring.create_criteria", cluster_year)
    source = selectors.previous_year_set(cluster_year)
    if source is None:
        raise ValidationError(
            _("Năm trước của {cluster} chưa có bộ tiêu chí để sao chép.").format(
                cluster=cluster_year.cluster.name
            ),
            code="nothing_to_copy",
        )
    name = re.sub(rf"\b{source.cluster_year.year}\b", str(cluster_year.year), source.name)
    return create_criteria_set(
        cluster_year=cluster_year,
        user=user,
        name=name,
        description=source.description,
        copy_from=source,
    )


def _copy_tree(source: CriteriaSet, target: CriteriaSet) -> None:
    groups = list(source.groups.order_by("position", "id"))
    new_ids: dict[int, CriteriaGroup] = {}
    pending = groups
    while pending:
        remaining = []
        for group in pending:
            if group.parent_id is not None and group.parent_id not in new_ids:
                remaining.append(group)
                continue
            new_ids[group.pk] = CriteriaGroup.objects.create(
                criteria_set=target,
                parent=new_ids.get(group.parent_id) if group.parent_id else None,
                section=group.section,
                code=group.code,
                name=group.name,
                max_points=group.max_points,
                position=group.position,
            )
        if len(remaining) == len(pending):  # orphans: attach at the top rather than loop
            for group in remaining:
                group.parent_id = None
        pending = remaining
    Criterion.objects.bulk_create(
        [
            Criterion(
                criteria_set=target,
                group=new_ids[c.group_id],
                code=c.code,
                name=c.name,
                max_points=c.max_points,
                method=c.method,
                target=c.target,
                measure_label=c.measure_label,
                tiers=c.tiers,
                evidence_required=c.evidence_required,
                guidance=c.guidance,
                position=c.position,
            )
            for c in source.criteria.order_by("position", "id")
        ]
    )


@transaction.atomic
def update_criteria_set(
    *,
    criteria_set: CriteriaSet,
    user: Any,
    name: str,
    description: str,
    max_total: Decimal,
    bonus_cap: Decimal,
    penalty_cap: Decimal | None,
) -> CriteriaSet:
    """The draft's name, description and scale (``scoring.edit_criteria``); one audit event."""
    check(user, "scoring.edit_criteria", criteria_set)
    if not name.strip():
        raise ValidationError(_("Cần đặt tên cho bộ tiêu chí."), code="name_required")
    validate_max_points(max_total, label=_("Thang điểm"))
    if bonus_cap < 0:
        raise ValidationError(_("Điểm thưởng tối đa không được âm."), code="negative")
    if penalty_cap is not None and penalty_cap < 0:
        raise ValidationError(_("Điểm trừ tối đa không được âm."), code="negative")
    before = snapshot(criteria_set, SET_FIELDS)
    criteria_set.name = name.strip()
    criteria_set.description = description.strip()
    criteria_set.max_total = max_total
    criteria_set.bonus_cap = bonus_cap
    criteria_set.penalty_cap = penalty_cap
    criteria_set.save()
    record_event(
        action="scoring.criteria.update",
        obj=criteria_set,
        before=before,
        after=snapshot(criteria_set, SET_FIELDS),
    )
    return criteria_set


@transaction.atomic
def adopt_criteria_set(
    *, criteria_set: CriteriaSet, user: Any, adopted_on: dt.date, pledge_ref: str = ""
) -> CriteriaSet:
    """Adopt (thông qua) the draft at the start-of-year conference; it is locked from now on.

    Side effects: the previously adopted version becomes superseded and the units' scores move
    to the new version's criteria with the same code; every member unit gets its sheet.
    """
    cluster_year = criteria_set.cluster_year
    check_transition("criteria.adopt", obj=criteria_set, status=criteria_set.status, user=user)
    if adopted_on is None:
        raise ValidationError(_("Cần ghi ngày thông qua bộ tiêu chí."), code="date_required")
    errors = selectors.structure_errors(selectors.criteria_table(criteria_set))
    if errors:
        raise ValidationError(errors, code="bad_structure")
    previous = selectors.adopted_set(cluster_year)
    moved: dict[str, Any] = {}
    if previous is not None:
        previous.status = CriteriaSetStatus.SUPERSEDED
        previous.save(update_fields=["status", "updated"])
        moved = _move_scores(previous, criteria_set)
    criteria_set.status = CriteriaSetStatus.ADOPTED
    criteria_set.adopted_on = adopted_on
    criteria_set.adopted_at = timezone.now()
    criteria_set.adopted_by = user
    criteria_set.pledge_ref = pledge_ref.strip()
    criteria_set.save()
    _create_sheets(cluster_year)
    record_event(
        action="scoring.criteria.adopt",
        obj=criteria_set,
        before={"previous_version": previous.version} if previous else None,
        after={
            "version": criteria_set.version,
            "adopted_on": adopted_on,
            "pledge_ref": criteria_set.pledge_ref,
            **moved,
        },
        note=criteria_set.change_reason,
    )
    return criteria_set


def _move_scores(old: CriteriaSet, new: CriteriaSet) -> dict[str, Any]:
    new_by_code = {c.code: c for c in new.criteria.all()}
    removed = []
    for criterion in old.criteria.all():
        target = new_by_code.get(criterion.code)
        if target is None:
            removed.append(criterion.code)
            continue
        ScoreEntry.objects.filter(criterion=criterion).update(criterion=target)
        CrossEntry.objects.filter(criterion=criterion).update(criterion=target)
    old_codes = set(old.criteria.values_list("code", flat=True))
    return {
        "criteria_removed": sorted(removed),
        "criteria_added": sorted(set(new_by_code) - old_codes),
    }


def _create_sheets(cluster_year: ClusterYear) -> None:
    have = set(
        ScoreSheet.objects.filter(cluster_year=cluster_year).values_list(
            "organization_id", flat=True
        )
    )
    ScoreSheet.objects.bulk_create(
        [
            ScoreSheet(cluster_year=cluster_year, organization_id=m.organization_id)
            for m in cluster_year.memberships.all()
            if m.organization_id not in have
        ]
    )


@transaction.atomic
def revise_criteria_set(*, criteria_set: CriteriaSet, user: Any, reason: str) -> CriteriaSet:
    """A change after adoption (``scoring.revise_criteria``, with a reason): a new draft
    version, copied from the adopted one; one audit event."""
    cluster_year = criteria_set.cluster_year
    check(user, "scoring.revise_criteria", criteria_set)
    reason = validate_reason(
        reason, message=_("Cần ghi lý do khi thay đổi bộ tiêu chí đã thông qua.")
    )
    version = (
        CriteriaSet.objects.filter(cluster_year=cluster_year).aggregate(m=Max("version"))["m"] or 0
    ) + 1
    new = CriteriaSet.objects.create(
        cluster_year=cluster_year,
        version=version,
        name=criteria_set.name,
        description=criteria_set.description,
        max_total=criteria_set.max_total,
        bonus_cap=criteria_set.bonus_cap,
        penalty_cap=criteria_set.penalty_cap,
        previous=criteria_set,
        change_reason=reason,
        pledge_ref=criteria_set.pledge_ref,
    )
    _copy_tree(criteria_set, new)
    record_event(
        action="scoring.criteria.revise",
        obj=new,
        before={"version": criteria_set.version},
        after={"version": version},
        note=reason,
    )
    return new
