"""A member unit's report on a drive (one per unit, with evidence), and the secretariat reopening
the report deadline for one unit (an extension of the drive's step deadline)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.clusters.deadlines import reopen_for_unit
from thidua.clusters.models import Deadline, DeadlineExtension
from thidua.clusters.on_behalf import clean_on_behalf, record_on_behalf
from thidua.core.permissions import check
from thidua.core.uploads import EVIDENCE_TYPES
from thidua.organizations.models import Organization
from thidua.planning.models import Drive, DriveEvidence, DriveReport
from thidua.planning.rules import (
    REOPEN_DRIVE_REPORT,
    REPORT_DRIVE,
    REPORT_DRIVE_ON_BEHALF,
    member_ids,
)
from thidua.planning.services.files import remove_stored, store_uploads
from thidua.planning.validators import validate_files, validate_required_text

if TYPE_CHECKING:
    from thidua.accounts.models import User


def _check_reporter(drive: Drive, organization: Organization, by: User) -> None:
    """``by`` may report this drive now (``planning.report_drive``), and only for its own unit."""
    check(by, REPORT_DRIVE.name, drive)
    if by.organization_id != organization.pk:
        raise PermissionDenied(
            _("Chỉ cán bộ của {unit} mới báo cáo kết quả cho đơn vị này.").format(
                unit=organization.name
            )
        )


def _already_reported(drive: Drive, organization: Organization) -> ValidationError:
    return ValidationError(
        _("{unit} đã báo cáo kết quả “{drive}”; hãy sửa báo cáo đã gửi.").format(
            unit=organization.name, drive=drive.name
        ),
        code="already_reported",
    )


@transaction.atomic
def submit_drive_report(
    *,
    drive: Drive,
    organization: Organization,
    summary: str,
    files: Iterable[UploadedFile] = (),
    by: User,
) -> DriveReport:
    """A member unit reports its result for a drive, once; later changes go through
    ``update_drive_report``. Side effects: stores the evidence files; audit ``drive.report.submit``.
    """
    _check_reporter(drive, organization, by)
    if DriveReport.objects.filter(drive=drive, organization=organization).exists():
        raise _already_reported(drive, organization)
    summary = validate_required_text(summary, _("kết quả thực hiện"))
    checked = validate_files(files, allowed=EVIDENCE_TYPES)
    try:
        with transaction.atomic():
            report = DriveReport.objects.create(
                drive=drive, organization=organization, summary=summary, reported_by=by
            )
    except IntegrityError as exc:  # a second submission at the same moment
        raise _already_reported(drive, organization) from exc
    store_uploads(DriveEvidence, checked, by=by, report=report)
    record_event(
        action="drive.report.submit",
        obj=report,
        after={
            "drive_id": drive.pk,
            "organization_id": organization.pk,
            "summary": summary,
            "files": [f.name for f in checked],
        },
        actor=by,
    )
    return report


@transaction.atomic
def update_drive_report(
    *,
    report: DriveReport,
    summary: str,
    files: Iterable[UploadedFile] = (),
    remove_evidence_ids: Iterable[int] = (),
    by: User,
) -> DriveReport:
    """Correct a report while the unit may still report. Side effects: stores new evidence,
    removes the chosen evidence; audit ``drive.report.update``."""
    _check_reporter(report.drive, report.organization, by)
    summary = validate_required_text(summary, _("kết quả thực hiện"))
    checked = validate_files(files, allowed=EVIDENCE_TYPES)
    before = {"summary": report.summary}
    report.summary, report.reported_by = summary, by
    report.save(update_fields=["summary", "reported_by", "updated"])
    removed = remove_stored(report.evidence.filter(pk__in=list(remove_evidence_ids)))
    store_uploads(DriveEvidence, checked, by=by, report=report)
    record_event(
        action="drive.report.update",
        obj=report,
        before=before,
        after={
            "summary": summary,
            "files_added": [f.name for f in checked],
            "files_removed": removed,
        },
        actor=by,
    )
    return report


@transaction.atomic
def reopen_drive_report(
    *,
    drive: Drive,
    organization: Organization,
    until: dt.datetime,
    reason: str,
    by: User,
) -> DeadlineExtension:
    """Let one member unit report (or correct its report) until a date, after the deadline: an
    extension of the drive's report deadline. Side effects: audit ``deadline.reopen``."""
    check(by, REOPEN_DRIVE_REPORT.name, drive)
    cluster_year = drive.cluster_year
    if organization.pk not in member_ids(cluster_year):
        raise ValidationError(
            _("{unit} không phải thành viên của {cluster} năm {year}.").format(
                unit=organization.name, cluster=cluster_year.cluster.name, year=cluster_year.year
            ),
            code="not_member",
        )
    return reopen_for_unit(
        deadline=cast(Deadline, drive.report_deadline),  # the permission requires one
        organization=organization,
        until=until,
        reason=reason,
        granted_by=by,
    )


@transaction.atomic
def report_drive_on_behalf(
    *,
    drive: Drive,
    organization: Organization,
    summary: str,
    files: Iterable[UploadedFile] = (),
    reason: str,
    paper_ref: str,
    by: User,
) -> DriveReport:
    """The board records a member unit's report sent on paper (``planning.report_drive_on_
    behalf``: a member that has not reported, the drive started, the unit's deadline open).
    Side effects: the report (``reported_by`` the board officer) and its evidence, audit
    ``drive.report.submit`` and ``drive.report.submit.on_behalf`` (the unit, the reason)."""
    existing = DriveReport.objects.filter(drive=drive, organization=organization).first()
    target = existing or DriveReport(drive=drive, organization=organization)
    check(by, REPORT_DRIVE_ON_BEHALF.name, target)
    reason, paper_ref = clean_on_behalf(reason, paper_ref)
    summary = validate_required_text(summary, _("kết quả thực hiện"))
    checked = validate_files(files, allowed=EVIDENCE_TYPES)
    try:
        with transaction.atomic():
            report = DriveReport.objects.create(
                drive=drive, organization=organization, summary=summary, reported_by=by
            )
    except IntegrityError as exc:
        raise _already_reported(drive, organization) from exc
    store_uploads(DriveEvidence, checked, by=by, report=report)
    record_event(
        action="drive.report.submit",
        obj=report,
        after={"drive_id": drive.pk, "organization_id": organization.pk, "summary": summary},
        actor=by,
    )
    record_on_behalf(
        action="drive.report.submit",
        obj=report,
        organization=organization,
        reason=reason,
        paper_ref=paper_ref,
        actor=by,
    )
    return report
