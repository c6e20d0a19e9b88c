"""The criteria set (bộ tiêu chí, thang điểm): drafting, copying last year's, adopting with the
pledge, and revising after adoption as a new version with a reason."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.clusters.models import ClusterYear
from thidua.scoring import selectors
from thidua.scoring.enums import CriteriaSetStatus, ScoringMethod, Section
from thidua.scoring.models import (
    CriteriaGroup,
    CriteriaSet,
    Criterion,
    CrossEntry,
    ScoreEntry,
    ScoreSheet,
)
from thidua.scoring.services.common import check_results_open, ensure_round, scoring_defaults
from thidua.scoring.validators import (
    parse_tiers,
    points_text,
    validate_max_points,
    validate_reason,
)
from thidua.scoring.workflow import check_transition

CODE_RE = re.compile(r"^[0-9A-Za-zĐđ][0-9A-Za-zĐđ.\-_]*$")
SET_FIELDS = ["name", "description", "max_total", "bonus_cap", "penalty_cap", "status", "version"]
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


def _check_manager(user: Any, cluster_year: ClusterYear) -> None:
    if user is not None and not user.has_perm("scoring.manage_criteria", cluster_year):
        raise PermissionDenied(_("Chỉ thư ký cụm (đơn vị cụm trưởng) được sửa bộ tiêu chí."))


def check_draft(criteria_set: CriteriaSet) -> None:
    """An adopted set is never edited in place."""
    if criteria_set.status != CriteriaSetStatus.DRAFT:
        raise ValidationError(
            _(
                "Bộ tiêu chí “{name}” (phiên bản {version}) đã được thông qua, không sửa trực "
                "tiếp được. Hãy tạo phiên bản mới và ghi lý do thay đổi."
            ).format(name=criteria_set.name, version=criteria_set.version),
            code="adopted_is_locked",
        )


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
    """A new draft (version 1), empty or copied from another set (e.g. last year's)."""
    _check_manager(user, cluster_year)
    check_results_open(cluster_year)
    if CriteriaSet.objects.filter(cluster_year=cluster_year).exists():
        raise ValidationError(
            _(
                "Năm {year} đã có bộ tiêu chí. Hãy sửa bản dự thảo, hoặc tạo phiên bản mới của "
                "bộ đã thông qua."
            ).format(year=cluster_year.year),
            code="already_exists",
        )
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
    _check_manager(user, criteria_set.cluster_year)
    check_draft(criteria_set)
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


# ----------------------------------------------------------------- groups and criteria


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
    _check_manager(user, criteria_set.cluster_year)
    check_draft(criteria_set)
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
    _check_manager(user, criteria_set.cluster_year)
    check_draft(criteria_set)
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
    _check_manager(user, criteria_set.cluster_year)
    check_draft(criteria_set)
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
    _check_manager(user, criteria_set.cluster_year)
    check_draft(criteria_set)
    before = snapshot(criterion, CRITERION_FIELDS)
    criterion.delete()
    record_event(action="scoring.criteria.criterion.delete", obj=criteria_set, before=before)


# ----------------------------------------------------------------- adoption and versions


def structure_errors(table: selectors.CriteriaTable) -> list[str]:
    """Why a set cannot be adopted yet (empty list: it can)."""
    cs = table.criteria_set
    errors: list[str] = []
    if not table.required_criteria:
        errors.append(_("Bộ tiêu chí chưa có tiêu chí chấm điểm nào."))
    own: dict[int, Decimal] = {}
    for criterion in table.criteria:
        own[criterion.group_id] = own.get(criterion.group_id, Decimal(0)) + criterion.max_points
    reachable: dict[int, Decimal] = {}
    for group in reversed(table.groups):  # children come after their parent in table order
        children = sum(
            (reachable.get(g.pk, Decimal(0)) for g in table.groups if g.parent_id == group.pk),
            Decimal(0),
        )
        possible = own.get(group.pk, Decimal(0)) + children
        if group.max_points is not None and possible < group.max_points:
            errors.append(
                _(
                    "Nhóm {code}: tổng điểm tối đa các tiêu chí ({sum}) nhỏ hơn điểm tối đa của "
                    "nhóm ({max})."
                ).format(
                    code=group.code, sum=points_text(possible), max=points_text(group.max_points)
                )
            )
        reachable[group.pk] = (
            min(possible, group.max_points) if group.max_points is not None else possible
        )
    normal_total = sum(
        (reachable.get(g.pk, Decimal(0)) for g in table.top_groups if g.section == Section.NORMAL),
        Decimal(0),
    )
    if table.required_criteria and normal_total != cs.max_total:
        errors.append(
            _("Tổng điểm tối đa của các nhóm tiêu chí ({sum}) phải bằng thang điểm {max}.").format(
                sum=points_text(normal_total), max=points_text(cs.max_total)
            )
        )
    for criterion in table.criteria:
        if criterion.method == ScoringMethod.PROPORTIONAL and not criterion.target:
            errors.append(_("Tiêu chí {code}: thiếu chỉ tiêu.").format(code=criterion.code))
        if criterion.method == ScoringMethod.TIERS and not criterion.tiers:
            errors.append(_("Tiêu chí {code}: thiếu các mức.").format(code=criterion.code))
    return errors


@transaction.atomic
def adopt_criteria_set(
    *, criteria_set: CriteriaSet, user: Any, adopted_on: dt.date, pledge_ref: str = ""
) -> CriteriaSet:
    """Adopt (thông qua) the draft at the start-of-year conference; it is locked from now on.

    Side effects: the previously adopted version becomes superseded and the units' scores move
    to the new version's criteria with the same code; every member unit gets its sheet.
    """
    cluster_year = criteria_set.cluster_year
    check_transition("criteria.adopt", status=criteria_set.status, user=user, perm_obj=cluster_year)
    check_results_open(cluster_year)
    if adopted_on is None:
        raise ValidationError(_("Cần ghi ngày thông qua bộ tiêu chí."), code="date_required")
    errors = structure_errors(selectors.criteria_table(criteria_set))
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
    """A change after adoption: a new draft version, copied from the adopted one, with a reason."""
    cluster_year = criteria_set.cluster_year
    _check_manager(user, cluster_year)
    check_results_open(cluster_year)
    if criteria_set.status != CriteriaSetStatus.ADOPTED:
        raise ValidationError(
            _("Chỉ tạo phiên bản mới từ bộ tiêu chí đang được áp dụng."), code="not_adopted"
        )
    reason = validate_reason(
        reason, message=_("Cần ghi lý do khi thay đổi bộ tiêu chí đã thông qua.")
    )
    if selectors.draft_set(cluster_year) is not None:
        raise ValidationError(
            _("Đã có một phiên bản dự thảo đang soạn; hãy hoàn thiện và thông qua bản đó."),
            code="draft_exists",
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
    _check_manager(user, criteria_set.cluster_year)
    check_draft(criteria_set)
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
