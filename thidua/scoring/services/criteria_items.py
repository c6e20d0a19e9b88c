"""Groups and criteria of a draft criteria set (nhóm tiêu chí, tiêu chí): add, change, remove,
and replace the whole table (the XLSX import). Every write needs ``scoring.edit_criteria``: the
set is a draft (an adopted set is never edited in place; a change is a new version)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.core.permissions import check
from thidua.scoring.enums import ScoringMethod, Section
from thidua.scoring.models import CriteriaGroup, CriteriaSet, Criterion
from thidua.scoring.validators import parse_tiers, points_text, validate_max_points

CODE_RE = re.compile(r"^[0-9A-Za-zĐđ][0-9A-Za-zĐđ.\-_]*$")
GROUP_FIELDS = ["code", "name", "section", "max_points", "parent_id", "position"]
CRITERION_FIELDS = [
    "code",
    "name",
    "group_id",
    "max_points",
    "method",
    "target",
    "measure_label",
    "tiers",
    "evidence_required",
    "guidance",
    "position",
]


def _next_position(criteria_set: CriteriaSet) -> int:
    top = max(
        criteria_set.groups.aggregate(m=Max("position"))["m"] or 0,
        criteria_set.criteria.aggregate(m=Max("position"))["m"] or 0,
    )
    return top + 10


def _check_code(criteria_set: CriteriaSet, code: str, *, exclude: Any = None) -> str:
    code = (code or "").strip()
    if not code or len(code) > 20 or not CODE_RE.match(code):
        raise ValidationError(
            _("Mã “{code}” không hợp lệ: dùng chữ, số và dấu chấm, ví dụ I.2.").format(code=code),
            code="bad_code",
        )
    groups = criteria_set.groups.filter(code=code)
    criteria = criteria_set.criteria.filter(code=code)
    if isinstance(exclude, CriteriaGroup):
        groups = groups.exclude(pk=exclude.pk)
    if isinstance(exclude, Criterion):
        criteria = criteria.exclude(pk=exclude.pk)
    if groups.exists() or criteria.exists():
        raise ValidationError(
            _("Mã “{code}” đã có trong bộ tiêu chí.").format(code=code), code="duplicate_code"
        )
    return code


@transaction.atomic
def save_group(
    *,
    criteria_set: CriteriaSet,
    user: Any,
    code: str,
    name: str,
    section: str = Section.NORMAL,
    max_points: Decimal | None = None,
    parent: CriteriaGroup | None = None,
    position: int | None = None,
    group: CriteriaGroup | None = None,
) -> CriteriaGroup:
    """Create a group, or update ``group`` when given."""
    check(user, "scoring.edit_criteria", criteria_set)
    code = _check_code(criteria_set, code, exclude=group)
    if not name.strip():
        raise ValidationError(_("Cần nhập tên nhóm tiêu chí."), code="name_required")
    if section not in Section.values:
        raise ValidationError(_("Loại nhóm không hợp lệ."), code="bad_section")
    validate_max_points(max_points, label=_("Nhóm {code}").format(code=code), required=False)
    if parent is not None:
        if parent.criteria_set_id != criteria_set.pk or (group and parent.pk == group.pk):
            raise ValidationError(_("Nhóm cha không hợp lệ."), code="bad_parent")
        section = parent.section
    before = snapshot(group, GROUP_FIELDS) if group else None
    group = group or CriteriaGroup(criteria_set=criteria_set)
    group.code, group.name, group.section = code, name.strip(), section
    group.max_points, group.parent = max_points, parent
    group.position = (
        position if position is not None else (group.position or _next_position(criteria_set))
    )
    group.save()
    record_event(
        action="scoring.criteria.group.save",
        obj=criteria_set,
        before=before,
        after=snapshot(group, GROUP_FIELDS),
    )
    return group


@transaction.atomic
def delete_group(*, group: CriteriaGroup, user: Any) -> None:
    criteria_set = group.criteria_set
    check(user, "scoring.edit_criteria", criteria_set)
    before = {
        **snapshot(group, GROUP_FIELDS),
        "criteria": list(group.criteria.values_list("code", flat=True)),
    }
    group.delete()
    record_event(action="scoring.criteria.group.delete", obj=criteria_set, before=before)


@dataclass
class CriterionInput:
    group: CriteriaGroup
    code: str
    name: str
    max_points: Decimal | None
    method: str = ScoringMethod.MANUAL
    target: Decimal | None = None
    measure_label: str = ""
    tiers: Any = ()
    evidence_required: bool = False
    guidance: str = ""
    position: int | None = None


def _clean_criterion(criteria_set: CriteriaSet, data: CriterionInput, exclude: Any) -> list[Any]:
    code = _check_code(criteria_set, data.code, exclude=exclude)
    label = _("Tiêu chí {code}").format(code=code)
    if not data.name.strip():
        raise ValidationError(_("{label}: cần nhập nội dung.").format(label=label))
    if data.group.criteria_set_id != criteria_set.pk:
        raise ValidationError(_("{label}: nhóm không hợp lệ.").format(label=label))
    validate_max_points(data.max_points, label=label)
    assert data.max_points is not None  # checked just above
    if data.method not in ScoringMethod.values:
        raise ValidationError(_("{label}: cách chấm không hợp lệ.").format(label=label))
    tiers = parse_tiers(data.tiers, label=label) if data.tiers else []
    if data.method == ScoringMethod.PROPORTIONAL and (data.target is None or data.target <= 0):
        raise ValidationError(
            _("{label}: cách chấm tỷ lệ cần chỉ tiêu lớn hơn 0.").format(label=label),
            code="target_required",
        )
    if data.method == ScoringMethod.TIERS:
        if not tiers:
            raise ValidationError(
                _("{label}: cách chấm theo mức cần ít nhất một mức.").format(label=label),
                code="tiers_required",
            )
        for _threshold, points in tiers:
            if Decimal(points) > data.max_points:
                raise ValidationError(
                    _("{label}: điểm của mức ({points}) vượt điểm tối đa {max}.").format(
                        label=label,
                        points=points_text(Decimal(points)),
                        max=points_text(data.max_points),
                    ),
                    code="tier_above_max",
                )
    return [code, tiers]


@transaction.atomic
def save_criterion(
    *,
    criteria_set: CriteriaSet,
    user: Any,
    data: CriterionInput,
    criterion: Criterion | None = None,
) -> Criterion:
    """Create a criterion, or update ``criterion`` when given."""
    check(user, "scoring.edit_criteria", criteria_set)
    code, tiers = _clean_criterion(criteria_set, data, criterion)
    before = snapshot(criterion, CRITERION_FIELDS) if criterion else None
    criterion = criterion or Criterion(criteria_set=criteria_set)
    criterion.group = data.group
    criterion.code = code
    criterion.name = data.name.strip()
    criterion.max_points = data.max_points  # type: ignore[assignment]  # validated not None
    criterion.method = data.method
    criterion.target = data.target if data.method == ScoringMethod.PROPORTIONAL else None
    criterion.measure_label = data.measure_label.strip()
    criterion.tiers = tiers if data.method == ScoringMethod.TIERS else []
    criterion.evidence_required = data.evidence_required
    criterion.guidance = data.guidance.strip()
    if data.position is not None:
        criterion.position = data.position
    elif not criterion.position:
        criterion.position = _next_position(criteria_set)
    criterion.save()
    record_event(
        action="scoring.criteria.criterion.save",
        obj=criteria_set,
        before=before,
        after=snapshot(criterion, CRITERION_FIELDS),
    )
    return criterion


@transaction.atomic
def delete_criterion(*, criterion: Criterion, user: Any) -> None:
    criteria_set = criterion.criteria_set
    check(user, "scoring.edit_criteria", criteria_set)
    before = snapshot(criterion, CRITERION_FIELDS)
    criterion.delete()
    record_event(action="scoring.criteria.criterion.delete", obj=criteria_set, before=before)


@dataclass
class ImportedGroup:
    code: str
    name: str
    section: str
    max_points: Decimal | None
    parent_code: str | None


@transaction.atomic
def replace_criteria(
    *,
    criteria_set: CriteriaSet,
    user: Any,
    groups: list[ImportedGroup],
    criteria: list[tuple[str, CriterionInput]],
) -> CriteriaSet:
    """Replace the draft's whole table (the XLSX import of the criteria table): all or nothing."""
    check(user, "scoring.edit_criteria", criteria_set)
    before = {"criteria": list(criteria_set.criteria.values_list("code", flat=True))}
    criteria_set.criteria.all().delete()
    criteria_set.groups.all().delete()
    made: dict[str, CriteriaGroup] = {}
    for position, item in enumerate(groups, start=1):
        made[item.code] = save_group(
            criteria_set=criteria_set,
            user=user,
            code=item.code,
            name=item.name,
            section=item.section,
            max_points=item.max_points,
            parent=made.get(item.parent_code) if item.parent_code else None,
            position=position * 10,
        )
    for position, (group_code, data) in enumerate(criteria, start=1):
        data.group = made[group_code]
        data.position = position * 10
        save_criterion(criteria_set=criteria_set, user=user, data=data)
    record_event(
        action="scoring.criteria.import",
        obj=criteria_set,
        before=before,
        after={"criteria": [data.code for _code, data in criteria]},
    )
    return criteria_set
