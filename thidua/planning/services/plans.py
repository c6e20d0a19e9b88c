"""The documents of a cluster year (work plan, rules, summary report): drafting versions, editing
a draft, adoption (which locks the version; for the work plan and the rules it may complete the
year's plan step), correcting an adoption date recorded wrongly (with a reason)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear
from thidua.core.permissions import check
from thidua.core.uploads import DOCUMENT_TYPES
from thidua.planning.enums import PLAN_STEP_KINDS, PlanKind
from thidua.planning.models import PlanAttachment, PlanDocument, PlanVersion, StepCompletion
from thidua.planning.rules import (
    ADOPT_PLAN_VERSION,
    CORRECT_PLAN_ADOPTION,
    DRAFT_PLAN,
    EDIT_PLAN_VERSION,
)
from thidua.planning.services.files import remove_stored, store_uploads
from thidua.planning.validators import validate_files, validate_required_text

if TYPE_CHECKING:
    from thidua.accounts.models import User

VERSION_FIELDS = ["number", "title", "body", "change_note", "adopted_on"]
#: A plan for year Y is adopted from 1 October of Y − 1 (the year-end conference before it) to
#: the end of Y; not in the future.
PLAN_ADOPTION_FROM_MONTH = 10
ADOPTION_FIELDS = ["adopted_on", "adopted_by", "adopted_at_meeting", "presented_by"]


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
    by: User,
) -> PlanVersion:
    """Start the next version of a document (bản 1, or an amendment after adoption).

    Side effects: creates the document on first use; copies the attachments of the previous
    version (same stored files) when ``carry_attachments``; audit ``plan.version.draft``.
    """
    check(by, DRAFT_PLAN.name, cluster_year)
    if kind not in PlanKind.values:
        raise ValidationError(_("Loại văn bản không hợp lệ: {kind}.").format(kind=kind))
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
        _carry_attachments(previous, version)
    store_uploads(PlanAttachment, checked, by=by, version=version)
    record_event(
        action="plan.version.draft",
        obj=version,
        after={**snapshot(version, VERSION_FIELDS), "kind": kind, "files": len(checked)},
        actor=by,
    )
    return version


def _carry_attachments(previous: PlanVersion, version: PlanVersion) -> None:
    """The new version starts with the files of the previous one: same stored files, new rows."""
    for old in previous.attachments.all():
        PlanAttachment.objects.create(
            version=version,
            file=old.file.name,
            original_name=old.original_name,
            size=old.size,
            content_type=old.content_type,
            sha256=old.sha256,
            uploaded_by=old.uploaded_by,
        )


def _locked_version(version: PlanVersion) -> PlanVersion:
    return (
        PlanVersion.objects.select_for_update()
        .select_related("document__cluster_year__cluster")
        .get(pk=version.pk)
    )


@transaction.atomic
def update_plan_version(
    *,
    version: PlanVersion,
    title: str,
    body: str = "",
    change_note: str = "",
    files: Iterable[UploadedFile] = (),
    remove_attachment_ids: Iterable[int] = (),
    by: User,
) -> PlanVersion:
    """Edit a draft version (adopted versions are locked: ``PermissionDenied``).

    Side effects: stores the new files, removes the chosen attachments (the stored file only
    when no other version uses it); audit ``plan.version.update``.
    """
    version = _locked_version(version)
    check(by, EDIT_PLAN_VERSION.name, version)
    title = validate_required_text(title, _("tiêu đề"))
    checked = validate_files(files, allowed=DOCUMENT_TYPES)
    before = snapshot(version, VERSION_FIELDS)
    version.title, version.body, version.change_note = title, body.strip(), change_note.strip()
    version.save(update_fields=["title", "body", "change_note", "updated"])
    removed = remove_stored(version.attachments.filter(pk__in=list(remove_attachment_ids)))
    store_uploads(PlanAttachment, checked, by=by, version=version)
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


def _check_adoption_date(version: PlanVersion, adopted_on: dt.date) -> None:
    """The plan and the rules are adopted late in the year before or during the year; the summary
    report at the year-end conference, late in the year or early in the next one."""
    year = version.document.cluster_year.year
    if adopted_on > timezone.localdate():
        raise ValidationError(
            _("Ngày thông qua ({day:%d/%m/%Y}) không được ở tương lai.").format(day=adopted_on),
            code="future_date",
        )
    if version.document.kind == PlanKind.SUMMARY_REPORT:
        if not year <= adopted_on.year <= year + 1:
            raise ValidationError(
                _(
                    "Báo cáo tổng kết năm {year} được thông qua tại hội nghị tổng kết: ngày thông "
                    "qua ({day:%d/%m/%Y}) phải trong năm {year} hoặc đầu năm {next}."
                ).format(day=adopted_on, year=year, next=year + 1),
                code="adoption_outside_year",
            )
        return
    if not dt.date(year - 1, PLAN_ADOPTION_FROM_MONTH, 1) <= adopted_on <= dt.date(year, 12, 31):
        raise ValidationError(
            _(
                "Ngày thông qua ({day:%d/%m/%Y}) phải trong năm {year} hoặc cuối năm {previous} "
                "(từ 01/10/{previous})."
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
    by: User,
) -> PlanVersion:
    """Record that the members adopted this version at a meeting (``meeting``: "Hội nghị tổng
    kết năm 2023", on ``adopted_on``): it is locked from now.

    Side effects: audit ``plan.version.adopt``; marks the ``plan`` step done when the work plan
    and every other plan-step document of the year are adopted (audit ``cluster_year.step.done``).
    """
    version = _locked_version(version)
    check(by, ADOPT_PLAN_VERSION.name, version)
    _check_adoption_date(version, adopted_on)
    before = snapshot(version, VERSION_FIELDS)
    version.adopted_on, version.adopted_by = adopted_on, by
    version.adopted_at_meeting, version.presented_by = meeting.strip(), presented_by.strip()
    version.adoption_note = note.strip()
    version.save(update_fields=[*ADOPTION_FIELDS, "adoption_note", "updated"])
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
    if version.document.kind in PLAN_STEP_KINDS:
        _complete_plan_step_if_ready(version.document.cluster_year, by)
    return version


def plan_step_date(
    cluster_year: ClusterYear, *, documents_by: dt.datetime | None = None
) -> dt.date | None:
    """The date of the year's plan step: the day the last of its documents (the work plan, the
    rules; not the summary report) was first adopted; an amendment does not move it. With
    ``documents_by`` (when the step was marked done), only the documents that existed then count:
    one started later did not hold the step up. None while no such document is adopted."""
    versions = PlanVersion.objects.filter(
        document__cluster_year=cluster_year,
        document__kind__in=PLAN_STEP_KINDS,
        adopted_on__isnull=False,
    )
    if documents_by is not None:
        versions = versions.filter(document__created__lte=documents_by)
    firsts = (
        versions.values("document_id")
        .annotate(first=Min("adopted_on"))
        .values_list("first", flat=True)
    )
    return max(firsts, default=None)


def _complete_plan_step_if_ready(cluster_year: ClusterYear, by: User) -> None:
    """The plan step is done once the work plan is adopted and no plan-step document of the year
    waits for its first adoption (the summary report is not one), on ``plan_step_date``. It stays
    done: amendments later in the year do not reopen it."""
    if StepCompletion.objects.filter(cluster_year=cluster_year, step=CycleStep.PLAN).exists():
        return
    adopted_kinds = set(
        PlanVersion.objects.filter(
            document__cluster_year=cluster_year,
            document__kind__in=PLAN_STEP_KINDS,
            adopted_on__isnull=False,
        ).values_list("document__kind", flat=True)
    )
    started_kinds = set(
        PlanDocument.objects.filter(
            cluster_year=cluster_year, kind__in=PLAN_STEP_KINDS
        ).values_list("kind", flat=True)
    )
    if PlanKind.WORK_PLAN not in adopted_kinds or started_kinds - adopted_kinds:
        return
    done_on = plan_step_date(cluster_year)
    assert done_on is not None  # the work plan is adopted
    completion = StepCompletion.objects.create(
        cluster_year=cluster_year, step=CycleStep.PLAN, done_on=done_on, done_by=by
    )
    record_event(
        action="cluster_year.step.done",
        obj=cluster_year,
        after={"step": CycleStep.PLAN.value, "done_on": done_on, "completion_id": completion.pk},
        actor=by,
    )


def _check_adoption_order(version: PlanVersion, adopted_on: dt.date) -> None:
    """An amendment is adopted on or after the version it amends, and before the next one."""
    others = PlanVersion.objects.filter(document_id=version.document_id, adopted_on__isnull=False)
    previous = others.filter(number__lt=version.number).order_by("-number").first()
    if previous is not None and adopted_on < previous.adopted_on:  # type: ignore[operator]
        raise ValidationError(
            _(
                "Ngày thông qua ({day:%d/%m/%Y}) không được trước ngày thông qua bản {number} "
                "({previous:%d/%m/%Y}) mà bản này sửa đổi."
            ).format(day=adopted_on, number=previous.number, previous=previous.adopted_on),
            code="adoption_before_previous",
        )
    following = others.filter(number__gt=version.number).order_by("number").first()
    if following is not None and adopted_on > following.adopted_on:  # type: ignore[operator]
        raise ValidationError(
            _(
                "Ngày thông qua ({day:%d/%m/%Y}) không được sau ngày thông qua bản sửa đổi "
                "{number} ({following:%d/%m/%Y})."
            ).format(day=adopted_on, number=following.number, following=following.adopted_on),
            code="adoption_after_next",
        )


@transaction.atomic
def correct_plan_adoption(
    *, user: User, plan: PlanVersion, adopted_on: dt.date, reason: str
) -> PlanVersion:
    """Correct the adoption date of an adopted version that was recorded wrongly (a 2025 plan
    "adopted" on 01/01/2024): the same checks as adoption, in the order of the versions, and a
    reason. The rest of the version stays locked.

    Side effects: audit ``plan.version.correct_adoption`` (old and new date, the reason as its
    note); the plan step's completion date follows the corrected dates (audit
    ``cluster_year.step.correct``).
    """
    version = _locked_version(plan)
    check(user, CORRECT_PLAN_ADOPTION.name, version)
    if not (reason or "").strip():
        raise ValidationError(
            {"reason": _("Cần ghi lý do sửa ngày thông qua.")}, code="reason_required"
        )
    if adopted_on == version.adopted_on:
        raise ValidationError(
            {
                "adopted_on": _(
                    "Ngày thông qua mới trùng với ngày đã ghi ({day:%d/%m/%Y}); không có gì để sửa."
                ).format(day=adopted_on)
            },
            code="unchanged",
        )
    _check_adoption_date(version, adopted_on)
    _check_adoption_order(version, adopted_on)
    before = {"adopted_on": version.adopted_on}
    version.adopted_on = adopted_on
    version.save(update_fields=["adopted_on", "updated"])
    record_event(
        action="plan.version.correct_adoption",
        obj=version,
        before=before,
        after={"adopted_on": adopted_on, "kind": version.document.kind},
        note=reason.strip(),
        actor=user,
    )
    if version.document.kind in PLAN_STEP_KINDS:
        _correct_plan_step_date(version.document.cluster_year, reason.strip(), user)
    return version


def _correct_plan_step_date(cluster_year: ClusterYear, reason: str, by: User) -> None:
    """The step's date follows the corrected adoption dates (``plan_step_date`` over the
    documents that existed when the step was marked done)."""
    completion = (
        StepCompletion.objects.select_for_update()
        .filter(cluster_year=cluster_year, step=CycleStep.PLAN)
        .first()
    )
    if completion is None:
        return
    done_on = plan_step_date(cluster_year, documents_by=completion.created)
    if done_on is None or done_on == completion.done_on:
        return
    before = {"step": CycleStep.PLAN.value, "done_on": completion.done_on}
    completion.done_on = done_on
    completion.save(update_fields=["done_on", "updated"])
    record_event(
        action="cluster_year.step.correct",
        obj=cluster_year,
        before=before,
        after={"step": CycleStep.PLAN.value, "done_on": done_on, "completion_id": completion.pk},
        note=reason,
        actor=by,
    )
