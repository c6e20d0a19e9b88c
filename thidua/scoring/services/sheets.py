"""Self-scoring (tự chấm điểm): saving a unit's sheet with optimistic locking, evidence files,
submitting by the deadline, and the secretariat reopening a sheet for one unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.clusters.deadlines import is_step_open, reopen_for_unit
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear, Deadline
from thidua.core.permissions import check
from thidua.core.uploads import EVIDENCE_TYPES, validate_upload
from thidua.organizations.models import Organization
from thidua.scoring import notices, selectors
from thidua.scoring.enums import COMPUTED_METHODS, SheetStatus
from thidua.scoring.models import Criterion, Evidence, ScoreEntry, ScoreSheet
from thidua.scoring.ranking import compute_points
from thidua.scoring.services.common import ConflictItem, SheetConflict
from thidua.scoring.validators import validate_measure, validate_points
from thidua.scoring.workflow import check_transition

REOPEN_DAYS = 7


@dataclass(frozen=True)
class EntryInput:
    """One criterion as typed by the unit. For a computed criterion (proportional, tiers) the
    unit gives the measure and the points follow; otherwise it gives the points."""

    criterion_id: int
    value: Decimal | None = None
    measure: Decimal | None = None
    note: str = ""
    original: Decimal | None = None  # the value shown when the user opened the sheet
    has_original: bool = False


@dataclass(frozen=True)
class CleanEntry:
    criterion: Criterion
    value: Decimal | None
    measure: Decimal | None
    note: str


def clean_entries(
    table: selectors.CriteriaTable, entries: Iterable[EntryInput]
) -> list[CleanEntry]:
    """Validate every row; raise one ValidationError listing every bad row (nothing written)."""
    errors: list[str] = []
    clean: list[CleanEntry] = []
    for item in entries:
        criterion = table.by_id.get(item.criterion_id)
        if criterion is None:
            errors.append(_("Tiêu chí không thuộc bộ tiêu chí đang áp dụng."))
            continue
        label = _("Tiêu chí {code}").format(code=criterion.code)
        try:
            if criterion.method in COMPUTED_METHODS:
                measure = validate_measure(item.measure, label=label)
                value = compute_points(
                    method=criterion.method,
                    max_points=criterion.max_points,
                    measure=measure,
                    target=criterion.target,
                    tiers=criterion.tiers,
                )
            else:
                measure = None
                value = validate_points(
                    item.value,
                    max_points=criterion.max_points,
                    method=criterion.method,
                    label=label,
                )
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        clean.append(CleanEntry(criterion, value, measure, (item.note or "").strip()))
    if errors:
        raise ValidationError(errors, code="bad_scores")
    return clean


def _lock(sheet: ScoreSheet, *, expected_version: int, user: Any) -> ScoreSheet:
    """The optimistic lock: a conditional UPDATE on the version, or the creation of version 1."""
    if sheet.pk is None:
        if expected_version != 0:
            raise _conflict(sheet, [], user)
        try:
            with transaction.atomic():
                sheet.version = 1
                sheet.last_saved_by = user
                sheet.save()
        except IntegrityError:
            raise _conflict(sheet, [], user) from None
        return sheet
    updated = ScoreSheet.objects.filter(
        pk=sheet.pk, version=expected_version, status=SheetStatus.DRAFT
    ).update(
        version=F("version") + 1,
        last_saved_by=user if user is not None else None,
        updated=timezone.now(),
    )
    if updated != 1:
        raise _conflict(sheet, [], user)
    sheet.refresh_from_db(fields=["version", "status", "last_saved_by", "updated"])
    return sheet


def _conflict(sheet: ScoreSheet, items: list[ConflictItem], user: Any) -> SheetConflict:
    current = (
        ScoreSheet.objects.filter(cluster_year=sheet.cluster_year, organization=sheet.organization)
        .select_related("last_saved_by")
        .first()
    )
    if current is None:
        return SheetConflict(
            message=_("Phiên bản bảng điểm không khớp. Hãy tải lại trang rồi nhập lại."),
            current_version=0,
            items=items,
        )
    who = current.last_saved_by or _("người khác")
    when = timezone.localtime(current.updated).strftime("%H:%M:%S %d/%m/%Y")
    return SheetConflict(
        message=_(
            "Bảng điểm vừa được {who} lưu lúc {when}, sau khi bạn mở trang. Dữ liệu của bạn "
            "chưa được ghi. Hãy xem các tiêu chí khác nhau bên dưới rồi lưu lại."
        ).format(who=who, when=when),
        current_version=current.version,
        items=items,
    )


def conflict_items(
    sheet: ScoreSheet,
    table: selectors.CriteriaTable,
    submitted: Sequence[CleanEntry],
    originals: Mapping[int, Decimal | None],
) -> list[ConflictItem]:
    """Criteria where the saved value differs from yours: theirs vs yours."""
    current = {
        e.criterion_id: e.self_value
        for e in ScoreEntry.objects.filter(
            sheet__cluster_year=sheet.cluster_year, sheet__organization=sheet.organization
        )
    }
    items = []
    for entry in submitted:
        theirs = current.get(entry.criterion.pk)
        if theirs != entry.value:
            original = originals.get(entry.criterion.pk, theirs)
            items.append(
                ConflictItem(
                    code=entry.criterion.code,
                    name=entry.criterion.name,
                    theirs=theirs,
                    yours=entry.value,
                    changed_by_other=original != theirs,
                )
            )
    return items


@transaction.atomic
def save_sheet(
    *,
    cluster_year: ClusterYear,
    organization: Organization,
    user: Any,
    expected_version: int,
    entries: Sequence[EntryInput],
    self_report: str | None = None,
    evidence: Mapping[int, Sequence[UploadedFile]] | None = None,
    action: str = "scoring.sheet.save",
) -> ScoreSheet:
    """Save a unit's draft sheet (all given rows, the report, new evidence) — all or nothing.

    Needs ``scoring.edit_sheet``. Raises ``SheetConflict`` when someone saved the sheet since
    ``expected_version`` (the conflict lists each criterion whose saved value differs from
    yours); nothing is written. Side effects: the sheet's version goes up by one (it is created
    at version 1 the first time), new evidence files are stored, one audit event ``action``.
    """
    sheet = selectors.sheet_for(cluster_year, organization)
    check(user, "scoring.edit_sheet", sheet)
    return write_sheet(
        sheet,
        user=user,
        expected_version=expected_version,
        entries=entries,
        self_report=self_report,
        evidence=evidence,
        action=action,
    )


def write_sheet(
    sheet: ScoreSheet,
    *,
    user: Any,
    expected_version: int,
    entries: Sequence[EntryInput],
    self_report: str | None,
    evidence: Mapping[int, Sequence[UploadedFile]] | None,
    action: str,
) -> ScoreSheet:
    """The writes of :func:`save_sheet`, for a caller that has checked its own permission (the
    unit's ``edit_sheet``, or the board's ``submit_sheet_on_behalf``)."""
    cluster_year = sheet.cluster_year
    criteria_set = selectors.adopted_set(cluster_year)
    if criteria_set is None:
        raise ValidationError(_("Bộ tiêu chí năm nay chưa được thông qua."), code="no_criteria")
    table = selectors.criteria_table(criteria_set)
    clean = clean_entries(table, entries)
    files = _clean_files(table, evidence or {})
    originals = {e.criterion_id: e.original for e in entries if e.has_original}
    try:
        sheet = _lock(sheet, expected_version=expected_version, user=user)
    except SheetConflict as exc:
        exc.items = conflict_items(sheet, table, clean, originals)
        raise
    existing = selectors.entries_by_criterion(sheet)
    before, after = _write_entries(sheet, clean, existing)
    report_changed = self_report is not None and self_report.strip() != sheet.self_report
    if report_changed:
        assert self_report is not None
        before["self_report"], after["self_report"] = sheet.self_report, self_report.strip()
        sheet.self_report = self_report.strip()
        sheet.save(update_fields=["self_report", "updated"])
    added = _store_files(sheet, files, existing, user)
    if added:
        after["evidence_added"] = added
    record_event(action=action, obj=sheet, before=before, after=after)
    return sheet


def _write_entries(
    sheet: ScoreSheet, clean: Sequence[CleanEntry], existing: dict[int, ScoreEntry]
) -> tuple[dict[str, Any], dict[str, Any]]:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    to_create: list[ScoreEntry] = []
    to_update: list[ScoreEntry] = []
    for item in clean:
        entry = existing.get(item.criterion.pk)
        if entry is None:
            if item.value is None and item.measure is None and not item.note:
                continue
            entry = ScoreEntry(sheet=sheet, criterion=item.criterion)
            to_create.append(entry)
            existing[item.criterion.pk] = entry
        elif (entry.self_value, entry.measure, entry.note) == (item.value, item.measure, item.note):
            continue
        else:
            to_update.append(entry)
            before[item.criterion.code] = entry.self_value
        entry.self_value, entry.measure, entry.note = item.value, item.measure, item.note
        after[item.criterion.code] = item.value
    ScoreEntry.objects.bulk_create(to_create)
    ScoreEntry.objects.bulk_update(to_update, ["self_value", "measure", "note", "updated"])
    return before, after


def _clean_files(
    table: selectors.CriteriaTable, evidence: Mapping[int, Sequence[UploadedFile]]
) -> list[tuple[Criterion, UploadedFile]]:
    errors: list[str] = []
    result = []
    for criterion_id, uploads in evidence.items():
        criterion = table.by_id.get(criterion_id)
        if criterion is None:
            continue
        for upload in uploads:
            try:
                validate_upload(
                    upload, allowed=EVIDENCE_TYPES, max_mb=settings.THIDUA_MAX_UPLOAD_MB
                )
            except ValidationError as exc:
                errors.extend(
                    _("Tiêu chí {code}: {message}").format(code=criterion.code, message=m)
                    for m in exc.messages
                )
                continue
            result.append((criterion, upload))
    if errors:
        raise ValidationError(errors, code="bad_evidence")
    return result


def _store_files(
    sheet: ScoreSheet,
    files: list[tuple[Criterion, UploadedFile]],
    existing: dict[int, ScoreEntry],
    user: Any,
) -> list[str]:
    added = []
    for criterion, upload in files:
        entry = existing.get(criterion.pk)
        if entry is None:
            entry = ScoreEntry.objects.create(sheet=sheet, criterion=criterion)
            existing[criterion.pk] = entry
        evidence = Evidence(entry=entry)
        evidence.set_upload(upload, by=user)
        evidence.save()
        added.append(f"{criterion.code}: {evidence.original_name}")
    return added


@transaction.atomic
def delete_evidence(*, evidence: Evidence, user: Any) -> None:
    """Remove one evidence file of a draft sheet (``scoring.edit_sheet``): the file, its row,
    the sheet's version goes up, one audit event."""
    sheet = evidence.entry.sheet
    check(user, "scoring.edit_sheet", sheet)
    before = {"criterion": evidence.entry.criterion.code, "file": evidence.original_name}
    evidence.file.delete(save=False)
    evidence.delete()
    ScoreSheet.objects.filter(pk=sheet.pk).update(version=F("version") + 1)
    record_event(action="scoring.evidence.delete", obj=sheet, before=before)


@transaction.atomic
def submit_sheet(*, sheet: ScoreSheet, user: Any) -> ScoreSheet:
    """Nộp (``scoring.submit_sheet``: a draft, in time): every criterion scored, evidence where
    required, the report written. The sheet becomes submitted (version + 1); one audit event."""
    check_transition("sheet.submit", obj=sheet, status=sheet.status, user=user)
    return hand_in(sheet, user=user)


def hand_in(sheet: ScoreSheet, *, user: Any, action: str = "scoring.sheet.submit") -> ScoreSheet:
    """The writes of :func:`submit_sheet` (completeness, status, audit event ``action``), for a
    caller that has checked its own permission."""
    criteria_set = selectors.adopted_set(sheet.cluster_year)
    if criteria_set is None or sheet.pk is None:
        raise ValidationError(_("Bảng điểm chưa có dữ liệu để nộp."), code="nothing_to_submit")
    table = selectors.criteria_table(criteria_set)
    progress = selectors.sheet_progress(sheet, table, selectors.entries_by_criterion(sheet))
    if progress.missing:
        raise ValidationError(
            [_("Chưa nộp được bảng tự chấm điểm. Còn thiếu:"), *progress.missing],
            code="incomplete",
        )
    updated = ScoreSheet.objects.filter(pk=sheet.pk, status=SheetStatus.DRAFT).update(
        status=SheetStatus.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=user,
        version=F("version") + 1,
        updated=timezone.now(),
    )
    if updated != 1:
        raise ValidationError(_("Bảng điểm vừa được nộp bởi người khác."), code="conflict")
    sheet.refresh_from_db()
    record_event(
        action=action,
        obj=sheet,
        before={"status": SheetStatus.DRAFT},
        after={"status": sheet.status, "version": sheet.version},
    )
    return sheet


@transaction.atomic
def reopen_sheet(
    *, sheet: ScoreSheet, user: Any, reason: str, until: dt.datetime | None = None
) -> ScoreSheet:
    """The secretariat reopens one unit (``scoring.reopen_sheet``, with a reason): a submitted
    sheet goes back to draft, and when the self-scoring deadline has passed the unit gets more
    time (``until``, default 7 days: a deadline extension). One audit event."""
    cluster_year = sheet.cluster_year
    check(user, "scoring.reopen_sheet", sheet)
    if not (reason or "").strip():
        raise ValidationError(
            _("Cần ghi lý do khi mở lại bảng tự chấm điểm."), code="reason_required"
        )
    deadline_passed = not is_step_open(
        cluster_year=cluster_year, step=CycleStep.SELF_SCORING, organization=sheet.organization
    )
    before = {"status": sheet.status}
    if sheet.status != SheetStatus.DRAFT:
        check_transition("sheet.reopen", obj=sheet, status=sheet.status, user=user, reason=reason)
        if sheet.pk is not None:
            ScoreSheet.objects.filter(pk=sheet.pk).update(
                status=SheetStatus.DRAFT,
                verified_at=None,
                verified_by=None,
                version=F("version") + 1,
                updated=timezone.now(),
            )
            sheet.refresh_from_db()
    if deadline_passed:
        deadline = Deadline.objects.get(cluster_year=cluster_year, step=CycleStep.SELF_SCORING)
        reopen_for_unit(
            deadline=deadline,
            organization=sheet.organization,
            until=until or timezone.now() + dt.timedelta(days=REOPEN_DAYS),
            reason=reason,
            granted_by=user,
        )
    if sheet.pk is not None:
        record_event(
            action="scoring.sheet.reopen",
            obj=sheet,
            before=before,
            after={"status": sheet.status, "deadline_extended": deadline_passed},
            note=reason.strip(),
        )
    notices.sheet_returned(sheet, reason=reason.strip())
    return sheet
