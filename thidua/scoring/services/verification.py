"""Verification (thẩm định): the head unit, a verification team or the secretariat adjusts a
unit's scores, each change with a written reason; and cross-scoring (chấm chéo), where every
member unit scores every other one and never itself."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.clusters.models import ClusterYear
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.scoring import notices, selectors
from thidua.scoring.enums import CrossSheetStatus, SheetStatus
from thidua.scoring.models import CrossEntry, CrossSheet, ScoreEntry, ScoreSheet
from thidua.scoring.validators import points_text, validate_points
from thidua.scoring.workflow import check_transition


@dataclass(frozen=True)
class Adjustment:
    criterion_id: int
    value: Decimal | None  # None: remove the adjustment (back to the unit's own score)
    reason: str


Change = tuple[ScoreEntry, Decimal | None, str]  # entry, new adjusted value, reason


@transaction.atomic
def adjust_scores(
    *, sheet: ScoreSheet, user: Any, adjustments: Sequence[Adjustment]
) -> list[ScoreEntry]:
    """Adjust criteria of a submitted sheet. Every change needs a reason; the unit keeps seeing
    its own score next to the adjusted one and the reason. Nothing is written on any error.

    Needs ``scoring.verify_sheet`` (a submitted sheet, not one's own unit, results open). Side
    effects: the entries' adjustments, one audit event per changed criterion, version + 1."""
    check(user, "scoring.verify_sheet", sheet)
    changes = _clean_adjustments(sheet, adjustments)
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


def _clean_adjustments(sheet: ScoreSheet, adjustments: Sequence[Adjustment]) -> list[Change]:
    """The real changes (an adjustment equal to the unit's own score is none, except in
    cross-scoring); one ValidationError listing every bad row."""
    criteria_set = selectors.adopted_set(sheet.cluster_year)
    assert criteria_set is not None  # a submitted sheet has an adopted set
    table = selectors.criteria_table(criteria_set)
    entries = selectors.entries_by_criterion(sheet)
    scoring_round = selectors.round_or_none(sheet.cluster_year)
    cross_mode = bool(scoring_round and scoring_round.is_cross)
    errors: list[str] = []
    changes: list[Change] = []
    for item in adjustments:
        criterion = table.by_id.get(item.criterion_id)
        if criterion is None:
            errors.append(_("Tiêu chí không thuộc bộ tiêu chí đang áp dụng."))
            continue
        entry = entries.get(criterion.pk) or ScoreEntry(sheet=sheet, criterion=criterion)
        value = item.value
        if value is not None and value == entry.self_value and not cross_mode:
            value = None  # the unit's own score: no adjustment
        if value == entry.adjusted_value:
            continue
        try:
            _check_adjustment(entry, value, item.reason)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        changes.append((entry, value, item.reason.strip()))
    if errors:
        raise ValidationError(errors, code="bad_adjustments")
    return changes


def _check_adjustment(entry: ScoreEntry, value: Decimal | None, reason: str) -> None:
    criterion = entry.criterion
    label = _("Tiêu chí {code}").format(code=criterion.code)
    validate_points(value, max_points=criterion.max_points, method="manual", label=label)
    if not reason.strip():
        shown = entry.adjusted_value if entry.adjusted_value is not None else entry.self_value
        raise ValidationError(
            _("{label}: cần ghi lý do điều chỉnh điểm ({old} → {new}).").format(
                label=label, old=points_text(shown), new=points_text(value)
            )
        )


@transaction.atomic
def verify_sheet(*, sheet: ScoreSheet, user: Any, note: str = "") -> ScoreSheet:
    """Xác nhận đã thẩm định (``scoring.verify_sheet``): the sheet becomes verified (version +
    1, who and when), one audit event."""
    check_transition("sheet.verify", obj=sheet, status=sheet.status, user=user)
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
    """Hủy xác nhận thẩm định (``scoring.unverify_sheet``, with a reason): back to submitted,
    version + 1, one audit event."""
    check_transition("sheet.unverify", obj=sheet, status=sheet.status, user=user, reason=reason)
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


def _check_target(cluster_year: ClusterYear, target: Organization) -> None:
    if target.pk not in {m.organization_id for m in cluster_year.memberships.all()}:
        raise ValidationError(
            _("{unit} không phải thành viên của {noun} năm {year}.").format(
                unit=target.name, noun=cluster_year.noun, year=cluster_year.year
            ),
            code="not_member",
        )


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
    """Save a cross-scoring sheet (blank = abstain on that criterion): all or nothing.

    Needs ``scoring.cross_score`` (the scorer's own people, a cross-scoring year, not itself,
    the target submitted, the sheet a draft, in time). Side effects: the sheet is created at
    version 1 or its version goes up; one audit event."""
    cross = selectors.cross_sheet_for(cluster_year, scorer, target)
    check(user, "scoring.cross_score", cross)
    _check_target(cluster_year, target)
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
    """Gửi phiếu chấm chéo (``scoring.cross_score``): its scores count from now on; one audit
    event."""
    cross = selectors.cross_sheet_for(cluster_year, scorer, target)
    check_transition("cross.submit", obj=cross, status=cross.status, user=user)
    _check_target(cluster_year, target)
    if cross.pk is None:
        raise ValidationError(_("Phiếu chấm chéo chưa có điểm nào."), code="empty")
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
    """The secretariat sends a submitted cross sheet back to its scorer
    (``scoring.reopen_cross_sheet``, with a reason); one audit event."""
    check_transition("cross.reopen", obj=cross, status=cross.status, user=user, reason=reason)
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
    notices.cross_sheet_returned(cross, reason=reason.strip())
    return cross
