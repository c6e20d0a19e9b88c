"""Writes for plans and rules, movements and drives. Each service validates everything first
(nothing is written on error, files included), then writes and records an audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear
from thidua.core.uploads import DOCUMENT_TYPES, EVIDENCE_TYPES
from thidua.organizations.models import Authority, Organization
from thidua.planning.enums import MovementKind, PlanKind
from thidua.planning.models import (
    Drive,
    DriveEvidence,
    DriveReopening,
    DriveReport,
    Movement,
    PlanAttachment,
    PlanComment,
    PlanDocument,
    PlanVersion,
    StepCompletion,
)
from thidua.planning.rules import member_ids
from thidua.planning.validators import (
    validate_files,
    validate_period,
    validate_period_in_year,
    validate_required_text,
)

if TYPE_CHECKING:
    from thidua.accounts.models import User

VERSION_FIELDS = ["number", "title", "body", "change_note", "adopted_on"]
MOVEMENT_FIELDS = [
    "authority_id",
    "kind",
    "title",
    "slogan",
    "starts_on",
    "ends_on",
    "document_number",
    "document_date",
    "document_file_name",
]
DRIVE_FIELDS = [
    "number",
    "name",
    "starts_on",
    "ends_on",
    "occasion",
    "movement_id",
    "report_due_at",
]
MAX_COMMENT_LENGTH = 5000


def _delete_file_later(storage_name: str, still_used: bool) -> None:
    """Remove a stored file once the transaction commits, unless another row still uses it."""
    if not storage_name or still_used:
        return
    from django.core.files.storage import default_storage

    transaction.on_commit(lambda: default_storage.delete(storage_name))


# ---------------------------------------------------------------- plans and rules


def _check_kind(kind: str) -> None:
    if kind not in PlanKind.values:
        raise ValidationError(_("Loại văn bản không hợp lệ: {kind}.").format(kind=kind))


def _check_not_adopted(version: PlanVersion) -> None:
    if version.adopted_on is not None:
        raise ValidationError(
            _(
                "Bản {number} đã được thông qua ngày {day:%d/%m/%Y} nên không thể sửa. "
                "Muốn thay đổi, hãy tạo bản mới và thông qua lại."
            ).format(number=version.number, day=version.adopted_on),
            code="locked",
        )


def _add_attachments(version: PlanVersion, files: Sequence[UploadedFile], by: User | None) -> None:
    for upload in files:
        PlanAttachment.objects.create(
            version=version,
            file=upload,
            original_name=(upload.name or "")[-255:],
            size=upload.size or 0,
            uploaded_by=by,
        )


@transaction.atomic
def draft_plan_version(
    *,
    cluster_year: ClusterYear,
    kind: str,
    title: str,
    body: str = "",
    change_note: str = "",
    files: Iterable[UploadedFile] = (),
    carry_attachments: bool = True,
    by: User | None,
) -> PlanVersion:
    """Start the next version of the plan or the rules (bản 1, or an amendment after adoption).

    Side effects: creates the document on first use; copies the attachments of the previous
    version (same stored files) when ``carry_attachments``; audit ``plan.version.draft``.
    """
    _check_kind(kind)
    title = validate_required_text(title, _("tiêu đề"))
    checked = validate_files(files, allowed=DOCUMENT_TYPES)
    document, _created = PlanDocument.objects.select_for_update().get_or_create(
        cluster_year=cluster_year, kind=kind
    )
    previous = document.versions.order_by("-number").first()
    if previous is not None and previous.adopted_on is None:
        raise ValidationError(
            _(
                "Bản {number} đang là dự thảo chưa thông qua; hãy sửa bản đó thay vì tạo bản mới."
            ).format(number=previous.number),
            code="draft_exists",
        )
    version = PlanVersion.objects.create(
        document=document,
        number=(previous.number + 1) if previous else 1,
        title=title,
        body=body.strip(),
        change_note=change_note.strip(),
        created_by=by,
    )
    if previous is not None and carry_attachments:
        for old in previous.attachments.all():
            PlanAttachment.objects.create(
                version=version,
                file=old.file.name,
                original_name=old.original_name,
                size=old.size,
                uploaded_by=old.uploaded_by,
            )
    _add_attachments(version, checked, by)
    record_event(
        action="plan.version.draft",
        obj=version,
        after={**snapshot(version, VERSION_FIELDS), "kind": kind, "files": len(checked)},
        actor=by,
    )
    return version


@transaction.atomic
def update_plan_version(
    *,
    version: PlanVersion,
    title: str,
    body: str = "",
    change_note: str = "",
    files: Iterable[UploadedFile] = (),
    remove_attachment_ids: Iterable[int] = (),
    by: User | None,
) -> PlanVersion:
    """Edit a draft version. Adopted versions are locked (ValidationError)."""
    version = PlanVersion.objects.select_for_update().get(pk=version.pk)
    _check_not_adopted(version)
    title = validate_required_text(title, _("tiêu đề"))
    checked = validate_files(files, allowed=DOCUMENT_TYPES)
    before = snapshot(version, VERSION_FIELDS)
    version.title, version.body, version.change_note = title, body.strip(), change_note.strip()
    version.save(update_fields=["title", "body", "change_note", "updated"])
    removed = []
    for attachment in version.attachments.filter(pk__in=list(remove_attachment_ids)):
        removed.append(attachment.original_name)
        _remove_attachment(attachment)
    _add_attachments(version, checked, by)
    record_event(
        action="plan.version.update",
        obj=version,
        before=before,
        after={
            **snapshot(version, VERSION_FIELDS),
            "files_added": len(checked),
            "files_removed": removed,
        },
        actor=by,
    )
    return version


def _remove_attachment(attachment: PlanAttachment) -> None:
    name = attachment.file.name or ""
    attachment.delete()
    _delete_file_later(name, PlanAttachment.objects.filter(file=name).exists())


def _check_adoption_date(version: PlanVersion, adopted_on: dt.date) -> None:
    year = version.document.cluster_year.year
    if adopted_on > timezone.localdate():
        raise ValidationError(
            _("Ngày thông qua ({day:%d/%m/%Y}) không được ở tương lai.").format(day=adopted_on),
            code="future_date",
        )
    if not year - 1 <= adopted_on.year <= year:
        raise ValidationError(
            _(
                "Ngày thông qua ({day:%d/%m/%Y}) phải trong năm {year} hoặc cuối năm {previous}."
            ).format(day=adopted_on, year=year, previous=year - 1),
            code="adoption_outside_year",
        )


@transaction.atomic
def adopt_plan_version(
    *,
    version: PlanVersion,
    adopted_on: dt.date,
    meeting: str = "",
    presented_by: str = "",
    note: str = "",
    by: User | None,
) -> PlanVersion:
    """Record that the members adopted this version (at the conference): it is locked from now.

    Side effects: audit ``plan.version.adopt``; marks the ``plan`` step done when the work plan
    and every other document of the year are adopted (audit ``cluster_year.step.done``).
    """
    version = (
        PlanVersion.objects.select_for_update()
        .select_related("document__cluster_year__cluster")
        .get(pk=version.pk)
    )
    if version.adopted_on is not None:
        raise ValidationError(
            _("Bản {number} đã được thông qua ngày {day:%d/%m/%Y}.").format(
                number=version.number, day=version.adopted_on
            ),
            code="already_adopted",
        )
    _check_adoption_date(version, adopted_on)
    before = snapshot(version, VERSION_FIELDS)
    version.adopted_on = adopted_on
    version.adopted_by = by
    version.adopted_at_meeting = meeting.strip()
    version.presented_by = presented_by.strip()
    version.adoption_note = note.strip()
    version.save(
        update_fields=[
            "adopted_on",
            "adopted_by",
            "adopted_at_meeting",
            "presented_by",
            "adoption_note",
            "updated",
        ]
    )
    record_event(
        action="plan.version.adopt",
        obj=version,
        before=before,
        after={
            **snapshot(version, VERSION_FIELDS),
            "kind": version.document.kind,
            "meeting": version.adopted_at_meeting,
            "presented_by": version.presented_by,
        },
        note=version.adoption_note,
        actor=by,
    )
    _complete_plan_step_if_ready(version.document.cluster_year, adopted_on, by)
    return version


def _complete_plan_step_if_ready(
    cluster_year: ClusterYear, done_on: dt.date, by: User | None
) -> None:
    """The plan step is done once the work plan is adopted and no document of the year waits for
    its first adoption. It stays done: amendments later in the year do not reopen it."""
    if StepCompletion.objects.filter(cluster_year=cluster_year, step=CycleStep.PLAN).exists():
        return
    adopted_kinds = set(
        PlanVersion.objects.filter(
            document__cluster_year=cluster_year, adopted_on__isnull=False
        ).values_list("document__kind", flat=True)
    )
    started_kinds = set(
        PlanDocument.objects.filter(cluster_year=cluster_year).values_list("kind", flat=True)
    )
    if PlanKind.WORK_PLAN not in adopted_kinds or started_kinds - adopted_kinds:
        return
    completion = StepCompletion.objects.create(
        cluster_year=cluster_year, step=CycleStep.PLAN, done_on=done_on, done_by=by
    )
    record_event(
        action="cluster_year.step.done",
        obj=cluster_year,
        after={"step": CycleStep.PLAN.value, "done_on": done_on, "completion_id": completion.pk},
        actor=by,
    )


def _author_label(user: User) -> str:
    place = user.organization or user.authority
    return f"{user.display_name} — {place}" if place else user.display_name


@transaction.atomic
def add_plan_comment(
    *, version: PlanVersion, author: User, body: str, parent_id: int | None = None
) -> PlanComment:
    """A comment on a draft version, or a reply in a thread (replies attach to the thread's root).

    Adopted versions take no more comments: their discussion is closed with the adoption.
    """
    body = validate_required_text(body, _("nội dung ý kiến"))
    if len(body) > MAX_COMMENT_LENGTH:
        raise ValidationError(
            _("Ý kiến dài quá {max} ký tự.").format(max=MAX_COMMENT_LENGTH), code="too_long"
        )
    if version.adopted_on is not None:
        raise ValidationError(
            _(
                "Bản {number} đã được thông qua nên không nhận thêm ý kiến; "
                "hãy góp ý vào bản sửa đổi tiếp theo."
            ).format(number=version.number),
            code="locked",
        )
    parent = None
    if parent_id is not None:
        parent = PlanComment.objects.filter(pk=parent_id, version=version).first()
        if parent is None:
            raise ValidationError(
                _("Ý kiến được trả lời không thuộc bản này."), code="parent_mismatch"
            )
        if parent.parent_id is not None:  # a reply to a reply joins the same thread
            parent = parent.parent
    comment = PlanComment.objects.create(
        version=version,
        parent=parent,
        author=author,
        author_label=_author_label(author)[:300],
        organization=author.organization,
        body=body,
    )
    record_event(
        action="plan.comment.add",
        obj=comment,
        after={"version_id": version.pk, "parent_id": comment.parent_id, "body": body},
        actor=author,
    )
    return comment


# ---------------------------------------------------------------- movements


def _check_movement(
    *,
    authority: Authority,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    cluster_years: Sequence[ClusterYear],
) -> str:
    if kind not in MovementKind.values:
        raise ValidationError(_("Loại phong trào không hợp lệ: {kind}.").format(kind=kind))
    title = validate_required_text(title, _("tên phong trào"))
    validate_period(starts_on, ends_on)
    if not cluster_years:
        raise ValidationError(
            _("Cần chọn ít nhất một cụm, khối tham gia phong trào."), code="no_cluster"
        )
    last_year = ends_on.year if ends_on else None
    for cy in cluster_years:
        if cy.cluster.authority_id != authority.pk:
            raise ValidationError(
                _("{cluster} không thuộc {authority}.").format(
                    cluster=cy.cluster.name, authority=authority.name
                ),
                code="other_authority",
            )
        if cy.year < starts_on.year or (last_year is not None and cy.year > last_year):
            raise ValidationError(
                _(
                    "{cluster} năm {year} nằm ngoài thời gian của phong trào ({start:%d/%m/%Y} – {end})."
                ).format(
                    cluster=cy.cluster.name,
                    year=cy.year,
                    start=starts_on,
                    end=ends_on.strftime("%d/%m/%Y") if ends_on else "…",
                ),
                code="outside_period",
            )
    return title


def _check_document_file(document_file: UploadedFile | None) -> list[UploadedFile]:
    return validate_files([document_file] if document_file else [], allowed=DOCUMENT_TYPES)


@transaction.atomic
def launch_movement(
    *,
    authority: Authority,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    cluster_years: Iterable[ClusterYear],
    slogan: str = "",
    description: str = "",
    document_number: str = "",
    document_date: dt.date | None = None,
    document_file: UploadedFile | None = None,
    note: str = "",
    by: User | None,
) -> Movement:
    """An authority launches (phát động) a movement for some of its cluster years."""
    cluster_years = list(cluster_years)
    title = _check_movement(
        authority=authority,
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        cluster_years=cluster_years,
    )
    checked = _check_document_file(document_file)
    movement = Movement(
        authority=authority,
        kind=kind,
        title=title,
        slogan=slogan.strip(),
        description=description.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        document_number=document_number.strip(),
        document_date=document_date,
        note=note.strip(),
        launched_by=by,
    )
    if checked:
        movement.document_file = checked[0]
        movement.document_file_name = (checked[0].name or "")[-255:]
    movement.save()
    movement.cluster_years.set(cluster_years)
    record_event(
        action="movement.launch",
        obj=movement,
        after={
            **snapshot(movement, MOVEMENT_FIELDS),
            "cluster_years": sorted(cy.pk for cy in cluster_years),
        },
        actor=by,
    )
    return movement


@transaction.atomic
def update_movement(
    *,
    movement: Movement,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    cluster_years: Iterable[ClusterYear],
    slogan: str = "",
    description: str = "",
    document_number: str = "",
    document_date: dt.date | None = None,
    document_file: UploadedFile | None = None,
    remove_document_file: bool = False,
    note: str = "",
    by: User | None,
) -> Movement:
    cluster_years = list(cluster_years)
    title = _check_movement(
        authority=movement.authority,
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        cluster_years=cluster_years,
    )
    checked = _check_document_file(document_file)
    drive = (
        Drive.objects.filter(movement=movement)
        .exclude(cluster_year__in=cluster_years)
        .select_related("cluster_year__cluster")
        .first()
    )
    if drive is not None:
        raise ValidationError(
            _(
                "Không thể bỏ {cluster} năm {year}: đợt “{drive}” của cụm đang gắn với phong trào này."
            ).format(
                cluster=drive.cluster_year.cluster.name, year=drive.cluster_year.year, drive=drive
            ),
            code="in_use",
        )
    before = {
        **snapshot(movement, MOVEMENT_FIELDS),
        "cluster_years": sorted(movement.cluster_years.values_list("pk", flat=True)),
    }
    old_file = movement.document_file.name if movement.document_file else ""
    movement.kind, movement.title, movement.slogan = kind, title, slogan.strip()
    movement.description, movement.note = description.strip(), note.strip()
    movement.starts_on, movement.ends_on = starts_on, ends_on
    movement.document_number, movement.document_date = document_number.strip(), document_date
    if checked:
        movement.document_file = checked[0]
        movement.document_file_name = (checked[0].name or "")[-255:]
    elif remove_document_file:
        movement.document_file = ""
        movement.document_file_name = ""
    movement.save()
    if old_file and (checked or remove_document_file):
        _delete_file_later(old_file, still_used=False)
    movement.cluster_years.set(cluster_years)
    record_event(
        action="movement.update",
        obj=movement,
        before=before,
        after={
            **snapshot(movement, MOVEMENT_FIELDS),
            "cluster_years": sorted(cy.pk for cy in cluster_years),
        },
        actor=by,
    )
    return movement


# ---------------------------------------------------------------- drives


def _check_drive(
    *,
    cluster_year: ClusterYear,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    movement: Movement | None,
    report_due_at: dt.datetime | None,
) -> str:
    name = validate_required_text(name, _("tên đợt thi đua"))
    validate_period_in_year(starts_on, ends_on, cluster_year.year)
    if movement is not None and not movement.cluster_years.filter(pk=cluster_year.pk).exists():
        raise ValidationError(
            _("{cluster} năm {year} không tham gia phong trào “{movement}”.").format(
                cluster=cluster_year.cluster.name, year=cluster_year.year, movement=movement
            ),
            code="movement_not_joined",
        )
    if report_due_at is not None and timezone.localdate(report_due_at) < starts_on:
        raise ValidationError(
            _("Hạn báo cáo kết quả phải sau ngày bắt đầu đợt ({start:%d/%m/%Y}).").format(
                start=starts_on
            ),
            code="due_before_start",
        )
    return name


@transaction.atomic
def create_drive(
    *,
    cluster_year: ClusterYear,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    occasion: str = "",
    movement: Movement | None = None,
    description: str = "",
    report_due_at: dt.datetime | None = None,
    by: User | None,
) -> Drive:
    """Add the next drive (đợt) of the cluster year; numbers follow 1, 2, 3…"""
    name = _check_drive(
        cluster_year=cluster_year,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        movement=movement,
        report_due_at=report_due_at,
    )
    # Lock the cluster year row so that two secretaries adding drives get different numbers.
    ClusterYear.objects.select_for_update().filter(pk=cluster_year.pk).first()
    last = Drive.objects.filter(cluster_year=cluster_year).aggregate(n=Max("number"))["n"] or 0
    drive = Drive.objects.create(
        cluster_year=cluster_year,
        number=last + 1,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        occasion=occasion.strip(),
        movement=movement,
        description=description.strip(),
        report_due_at=report_due_at,
    )
    record_event(action="drive.create", obj=drive, after=snapshot(drive, DRIVE_FIELDS), actor=by)
    return drive


@transaction.atomic
def update_drive(
    *,
    drive: Drive,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    occasion: str = "",
    movement: Movement | None = None,
    description: str = "",
    report_due_at: dt.datetime | None = None,
    by: User | None,
) -> Drive:
    name = _check_drive(
        cluster_year=drive.cluster_year,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        movement=movement,
        report_due_at=report_due_at,
    )
    before = snapshot(drive, DRIVE_FIELDS)
    drive.name, drive.starts_on, drive.ends_on = name, starts_on, ends_on
    drive.occasion, drive.movement = occasion.strip(), movement
    drive.description, drive.report_due_at = description.strip(), report_due_at
    drive.save()
    record_event(
        action="drive.update",
        obj=drive,
        before=before,
        after=snapshot(drive, DRIVE_FIELDS),
        actor=by,
    )
    return drive


def is_drive_report_open(
    *, drive: Drive, organization: Organization | None = None, at: dt.datetime | None = None
) -> bool:
    """Open when the drive has no report deadline, it has not passed, or the unit was given more
    time by the secretariat (``DriveReopening``)."""
    at = at or timezone.now()
    if drive.report_due_at is None or at <= drive.report_due_at:
        return True
    if organization is None:
        return False
    return drive.reopenings.filter(organization=organization, until__gte=at).exists()


def check_drive_report_open(
    *, drive: Drive, organization: Organization, at: dt.datetime | None = None
) -> None:
    if not is_drive_report_open(drive=drive, organization=organization, at=at):
        due = drive.report_due_at or timezone.now()  # only a deadline can close a drive
        raise ValidationError(
            _(
                "Đã quá hạn báo cáo kết quả “{drive}” ({due}). "
                "Hãy đề nghị đơn vị cụm trưởng mở lại hạn cho đơn vị."
            ).format(
                drive=drive.name,
                due=timezone.localtime(due).strftime("%H:%M %d/%m/%Y"),
            ),
            code="deadline_passed",
        )


def _check_reporter(drive: Drive, organization: Organization, by: User | None) -> None:
    if by is None or by.organization_id != organization.pk:
        raise ValidationError(
            _("Chỉ cán bộ của {unit} mới báo cáo kết quả cho đơn vị này.").format(
                unit=organization.name
            ),
            code="other_unit",
        )
    _check_member(drive.cluster_year, organization)


def _check_member(cluster_year: ClusterYear, organization: Organization) -> None:
    if organization.pk not in member_ids(cluster_year):
        raise ValidationError(
            _("{unit} không phải thành viên của {cluster} năm {year}.").format(
                unit=organization.name, cluster=cluster_year.cluster.name, year=cluster_year.year
            ),
            code="not_member",
        )


@transaction.atomic
def submit_drive_report(
    *,
    drive: Drive,
    organization: Organization,
    summary: str,
    files: Iterable[UploadedFile] = (),
    by: User | None,
) -> DriveReport:
    """A member unit reports its result for a drive, once; later changes go through
    ``update_drive_report``. Side effects: stores the evidence files; audit ``drive.report.submit``.
    """
    _check_reporter(drive, organization, by)
    if DriveReport.objects.filter(drive=drive, organization=organization).exists():
        raise _already_reported(drive, organization)
    check_drive_report_open(drive=drive, organization=organization)
    if drive.starts_on > timezone.localdate():
        raise ValidationError(
            _("Đợt “{drive}” chưa bắt đầu (từ {start:%d/%m/%Y}).").format(
                drive=drive.name, start=drive.starts_on
            ),
            code="not_started",
        )
    summary = validate_required_text(summary, _("kết quả thực hiện"))
    checked = validate_files(files, allowed=EVIDENCE_TYPES)
    try:
        with transaction.atomic():
            report = DriveReport.objects.create(
                drive=drive, organization=organization, summary=summary, reported_by=by
            )
    except IntegrityError as exc:  # a second submission at the same moment
        raise _already_reported(drive, organization) from exc
    _add_evidence(report, checked, by)
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


def _already_reported(drive: Drive, organization: Organization) -> ValidationError:
    return ValidationError(
        _("{unit} đã báo cáo kết quả “{drive}”; hãy sửa báo cáo đã gửi.").format(
            unit=organization.name, drive=drive.name
        ),
        code="already_reported",
    )


def _add_evidence(report: DriveReport, files: Sequence[UploadedFile], by: User | None) -> None:
    for upload in files:
        DriveEvidence.objects.create(
            report=report,
            file=upload,
            original_name=(upload.name or "")[-255:],
            size=upload.size or 0,
            uploaded_by=by,
        )


@transaction.atomic
def update_drive_report(
    *,
    report: DriveReport,
    summary: str,
    files: Iterable[UploadedFile] = (),
    remove_evidence_ids: Iterable[int] = (),
    by: User | None,
) -> DriveReport:
    drive = report.drive
    _check_reporter(drive, report.organization, by)
    check_drive_report_open(drive=drive, organization=report.organization)
    summary = validate_required_text(summary, _("kết quả thực hiện"))
    checked = validate_files(files, allowed=EVIDENCE_TYPES)
    before = {"summary": report.summary}
    report.summary, report.reported_by = summary, by
    report.save(update_fields=["summary", "reported_by", "updated"])
    removed = []
    for evidence in report.evidence.filter(pk__in=list(remove_evidence_ids)):
        removed.append(evidence.original_name)
        name = evidence.file.name or ""
        evidence.delete()
        _delete_file_later(name, DriveEvidence.objects.filter(file=name).exists())
    _add_evidence(report, checked, by)
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
) -> DriveReopening:
    """After the deadline, the secretariat lets one unit report (or fix its report) until a date."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Cần ghi lý do khi mở lại hạn cho đơn vị."), code="reason_required")
    if until <= timezone.now():
        raise ValidationError(_("Thời hạn mở lại phải ở tương lai."), code="until_in_past")
    _check_member(drive.cluster_year, organization)
    reopening = DriveReopening.objects.create(
        drive=drive, organization=organization, until=until, reason=reason, granted_by=by
    )
    record_event(
        action="drive.report.reopen",
        obj=drive,
        after={"organization_id": organization.pk, "until": until},
        note=reason,
        actor=by,
    )
    return reopening
