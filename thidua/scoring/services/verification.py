"""Verification (thẩm định): the head unit, a verification team or the secretariat adjusts a
unit's scores, each change with a written reason; and cross-scoring (chấm chéo), where every
member unit scores every other one and never itself."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.clusters.deadlines import check_step_open
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Organization
from thidua.scoring import selectors
from thidua.scoring.enums import CrossSheetStatus, SheetStatus, VerificationMode
from thidua.scoring.models import CrossEntry, CrossSheet, ScoreEntry, ScoreSheet
from thidua.scoring.services.common import check_results_open
from thidua.scoring.validators import points_text, validate_points
from thidua.scoring.workflow import check_transition


@dataclass(frozen=True)
class Adjustment:
    criterion_id: int
    value: Decimal | None  # None: remove the adjustment (back to the unit's own score)
    reason: str


def _check_verifier(sheet: ScoreSheet, user: Any) -> None:
    if user is not None and not user.has_perm("scoring.verify_sheet", sheet):
        if user.organization_id and user.organization_id == sheet.organization_id:
            raise PermissionDenied(_("Đơn vị không được thẩm định bảng điểm của chính mình."))
        raise PermissionDenied(_("Bạn không thuộc đơn vị, tổ thẩm định bảng điểm này."))
    check_results_open(sheet.cluster_year)


@transaction.atomic
def adjust_scores(
    *, sheet: ScoreSheet, user: Any, adjustments: Sequence[Adjustment]
) -> list[ScoreEntry]:
    """Adjust criteria of a submitted sheet. Every change needs a reason; the unit keeps seeing
    its own score next to the adjusted one and the reason. Nothing is written on any error."""
    _check_verifier(sheet, user)
    if sheet.status != SheetStatus.SUBMITTED:
        raise ValidationError(
            _("Chỉ điều chỉnh được bảng điểm đã nộp và chưa xác nhận thẩm định."),
            code="wrong_state",
        )
    criteria_set = selectors.adopted_set(sheet.cluster_year)
    assert criteria_set is not None  # a submitted sheet has an adopted set
    table = selectors.criteria_table(criteria_set)
    entries = selectors.entries_by_criterion(sheet)
    scoring_round = selectors.round_or_none(sheet.cluster_year)
    cross_mode = bool(scoring_round and scoring_round.verification_mode == VerificationMode.CROSS)
    errors: list[str] = []
    changes: list[tuple[ScoreEntry, Decimal | None, str]] = []
    for item in adjustments:
        criterion = table.by_id.get(item.criterion_id)
        if criterion is None:
            errors.append(_("Tiêu chí không thuộc bộ tiêu chí đang áp dụng."))
            continue
        label = _("Tiêu chí {code}").format(code=criterion.code)
        entry = entries.get(criterion.pk) or ScoreEntry(sheet=sheet, criterion=criterion)
        value = item.value
        if value is not None and value == entry.self_value and not cross_mode:
            value = None  # the unit's own score: no adjustment
        if value == entry.adjusted_value:
            continue
        try:
            validate_points(value, max_points=criterion.max_points, method="manual", label=label)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        if not item.reason.strip():
            errors.append(
                _("{label}: cần ghi lý do điều chỉnh điểm ({old} → {new}).").format(
                    label=label,
                    old=points_text(
                        entry.adjusted_value
                        if entry.adjusted_value is not None
                        else entry.self_value
                    ),
                    new=points_text(value),
                )
            )
            continue
        changes.append((entry, value, item.reason.strip()))
    if errors:
        raise ValidationError(errors, code="bad_adjustments")
    now = timezone.now()
    for entry, value, reason in changes:
        before = {"self_value": entry.self_value, "adjusted_value": entry.adjusted_value}
        entry.adjusted_value = value
        entry.adjust_reason = reason if value is not None else ""
        entry.adjusted_by = user if value is not None else None
        entry.adjusted_at = now if value is not None else None
        entry.save()
        record_event(
            action="scoring.score.adjust",
            obj=sheet,
            before={"criterion": entry.criterion.code, **before},
            after={"criterion": entry.criterion.code, "adjusted_value": value},
            note=reason,
        )
    if changes:
        ScoreSheet.objects.filter(pk=sheet.pk).update(version=F("version") + 1)
    return [entry for entry, _value, _reason in changes]


@transaction.atomic
def verify_sheet(*, sheet: ScoreSheet, user: Any, note: str = "") -> ScoreSheet:
    """Xác nhận đã thẩm định."""
    check_transition("sheet.verify", status=sheet.status, user=user, perm_obj=sheet)
    check_results_open(sheet.cluster_year)
    ScoreSheet.objects.filter(pk=sheet.pk).update(
        status=SheetStatus.VERIFIED,
        verified_at=timezone.now(),
        verified_by=user,
        version=F("version") + 1,
        updated=timezone.now(),
    )
    sheet.refresh_from_db()
    record_event(
        action="scoring.sheet.verify",
        obj=sheet,
        before={"status": SheetStatus.SUBMITTED},
        after={"status": sheet.status},
        note=note,
    )
    return sheet


@transaction.atomic
def unverify_sheet(*, sheet: ScoreSheet, user: Any, reason: str) -> ScoreSheet:
    check_transition(
        "sheet.unverify", status=sheet.status, user=user, perm_obj=sheet, reason=reason
    )
    check_results_open(sheet.cluster_year)
    ScoreSheet.objects.filter(pk=sheet.pk).update(
        status=SheetStatus.SUBMITTED,
        verified_at=None,
        verified_by=None,
        version=F("version") + 1,
        updated=timezone.now(),
    )
    sheet.refresh_from_db()
    record_event(
        action="scoring.sheet.unverify",
        obj=sheet,
        before={"status": SheetStatus.VERIFIED},
        after={"status": sheet.status},
        note=reason.strip(),
    )
    return sheet


# ----------------------------------------------------------------- cross-scoring


def _check_cross(
    cluster_year: ClusterYear, scorer: Organization, target: Organization, user: Any
) -> None:
    scoring_round = selectors.round_or_none(cluster_year)
    if scoring_round is None or scoring_round.verification_mode != VerificationMode.CROSS:
        raise ValidationError(
            _("Năm {year} không thẩm định bằng hình thức chấm chéo.").format(
                year=cluster_year.year
            ),
            code="not_cross",
        )
    if scorer.pk == target.pk:
        raise ValidationError(_("Đơn vị không được chấm chéo cho chính mình."), code="self_scoring")
    if user is not None and (
        user.organization_id != scorer.pk or not user.has_perm("scoring.cross_score", cluster_year)
    ):
        raise PermissionDenied(_("Chỉ cán bộ của đơn vị thành viên được chấm chéo."))
    member_ids = {m.organization_id for m in cluster_year.memberships.all()}
    if target.pk not in member_ids:
        raise ValidationError(
            _("{unit} không phải thành viên của cụm năm {year}.").format(
                unit=target.name, year=cluster_year.year
            ),
            code="not_member",
        )
    check_results_open(cluster_year)
    check_step_open(cluster_year=cluster_year, step=CycleStep.VERIFICATION, organization=scorer)


def cross_sheet_for(
    cluster_year: ClusterYear, scorer: Organization, target: Organization
) -> CrossSheet:
    sheet = CrossSheet.objects.filter(
        cluster_year=cluster_year, scorer=scorer, target=target
    ).first()
    return sheet or CrossSheet(cluster_year=cluster_year, scorer=scorer, target=target, version=0)


@transaction.atomic
def save_cross_sheet(
    *,
    cluster_year: ClusterYear,
    scorer: Organization,
    target: Organization,
    user: Any,
    expected_version: int,
    values: Mapping[int, Decimal | None],
) -> CrossSheet:
    """Save a cross-scoring sheet (blank = abstain on that criterion): all or nothing."""
    _check_cross(cluster_year, scorer, target, user)
    target_sheet = selectors.sheet_for(cluster_year, target)
    if target_sheet.status == SheetStatus.DRAFT:
        raise ValidationError(
            _("{unit} chưa nộp bảng tự chấm điểm, chưa chấm chéo được.").format(unit=target.name),
            code="target_not_submitted",
        )
    cross = cross_sheet_for(cluster_year, scorer, target)
    if cross.status != CrossSheetStatus.DRAFT:
        raise ValidationError(_("Phiếu chấm chéo đã gửi, không sửa được nữa."), code="not_draft")
    criteria_set = selectors.adopted_set(cluster_year)
    assert criteria_set is not None
    table = selectors.criteria_table(criteria_set)
    errors: list[str] = []
    clean: dict[int, Decimal | None] = {}
    for criterion_id, value in values.items():
        criterion = table.by_id.get(criterion_id)
        if criterion is None:
            errors.append(_("Tiêu chí không thuộc bộ tiêu chí đang áp dụng."))
            continue
        try:
            clean[criterion_id] = validate_points(
                value,
                max_points=criterion.max_points,
                method="manual",
                label=_("Tiêu chí {code}").format(code=criterion.code),
            )
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors, code="bad_scores")
    cross = _lock_cross(cross, expected_version)
    existing = {e.criterion_id: e for e in cross.entries.all()}
    new, changed = [], []
    for criterion_id, value in clean.items():
        entry = existing.get(criterion_id)
        if entry is None:
            new.append(CrossEntry(cross_sheet=cross, criterion_id=criterion_id, value=value))
        elif entry.value != value:
            entry.value = value
            changed.append(entry)
    CrossEntry.objects.bulk_create(new)
    CrossEntry.objects.bulk_update(changed, ["value", "updated"])
    record_event(
        action="scoring.cross.save",
        obj=cross,
        after={table.by_id[cid].code: v for cid, v in clean.items()},
    )
    return cross


def _lock_cross(cross: CrossSheet, expected_version: int) -> CrossSheet:
    message = _("Phiếu chấm chéo vừa được người khác lưu. Hãy tải lại trang rồi nhập lại.")
    if cross.pk is None:
        if expected_version != 0:
            raise ValidationError(message, code="conflict")
        try:
            with transaction.atomic():
                cross.version = 1
                cross.save()
        except IntegrityError:
            raise ValidationError(message, code="conflict") from None
        return cross
    updated = CrossSheet.objects.filter(
        pk=cross.pk, version=expected_version, status=CrossSheetStatus.DRAFT
    ).update(version=F("version") + 1, updated=timezone.now())
    if updated != 1:
        raise ValidationError(message, code="conflict")
    cross.refresh_from_db()
    return cross


@transaction.atomic
def submit_cross_sheet(
    *, cluster_year: ClusterYear, scorer: Organization, target: Organization, user: Any
) -> CrossSheet:
    _check_cross(cluster_year, scorer, target, user)
    cross = cross_sheet_for(cluster_year, scorer, target)
    if cross.pk is None:
        raise ValidationError(_("Phiếu chấm chéo chưa có điểm nào."), code="empty")
    check_transition("cross.submit", status=cross.status, user=user, perm_obj=cluster_year)
    cross.status = CrossSheetStatus.SUBMITTED
    cross.submitted_at = timezone.now()
    cross.submitted_by = user
    cross.version += 1
    cross.save()
    record_event(
        action="scoring.cross.submit",
        obj=cross,
        before={"status": CrossSheetStatus.DRAFT},
        after={"status": cross.status},
    )
    return cross


@transaction.atomic
def reopen_cross_sheet(*, cross: CrossSheet, user: Any, reason: str) -> CrossSheet:
    check_transition(
        "cross.reopen", status=cross.status, user=user, perm_obj=cross.cluster_year, reason=reason
    )
    check_results_open(cross.cluster_year)
    cross.status = CrossSheetStatus.DRAFT
    cross.version += 1
    cross.save()
    record_event(
        action="scoring.cross.reopen",
        obj=cross,
        before={"status": CrossSheetStatus.SUBMITTED},
        after={"status": cross.status},
        note=reason.strip(),
    )
    return cross
