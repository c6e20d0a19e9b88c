"""Drives (đợt thi đua) of a cluster year: adding and changing them, with their report deadline
(a ``drive_report`` step deadline of the cluster year, one per drive)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.clusters.deadlines import set_deadline
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear
from thidua.core.permissions import check
from thidua.planning.models import Drive, Movement
from thidua.planning.rules import CHANGE_DRIVE, CREATE_DRIVE
from thidua.planning.validators import validate_period_in_year, validate_required_text

if TYPE_CHECKING:
    from thidua.accounts.models import User

DRIVE_FIELDS = [
    "number",
    "name",
    "starts_on",
    "ends_on",
    "occasion",
    "movement_id",
    "report_due_at",
]


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


def _set_report_deadline(drive: Drive, due_at: dt.datetime | None) -> None:
    """Set, move or remove the drive's report deadline. Removing it removes its reopenings too:
    without a deadline every member unit may report."""
    current = drive.report_deadline
    if due_at is None:
        if current is not None:
            drive.report_deadline = None
            drive.save(update_fields=["report_deadline", "updated"])
            current.delete()
        return
    if current is not None and current.due_at == due_at:
        return
    deadline = set_deadline(
        cluster_year=drive.cluster_year,
        step=CycleStep.DRIVE_REPORT,
        key=drive.deadline_key,
        due_at=due_at,
    )
    if drive.report_deadline_id != deadline.pk:
        drive.report_deadline = deadline
        drive.save(update_fields=["report_deadline", "updated"])


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
    by: User,
) -> Drive:
    """Add the next drive (đợt) of the cluster year; numbers follow 1, 2, 3…

    Side effects: the report deadline when given; audit ``drive.create`` (and ``deadline.set``).
    """
    check(by, CREATE_DRIVE.name, cluster_year)
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
    )
    _set_report_deadline(drive, report_due_at)
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
    by: User,
) -> Drive:
    """Change a drive. Side effects: sets, moves or removes its report deadline; audit
    ``drive.update`` (and ``deadline.set``)."""
    check(by, CHANGE_DRIVE.name, drive)
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
    drive.description = description.strip()
    drive.save()
    _set_report_deadline(drive, report_due_at)
    record_event(
        action="drive.update",
        obj=drive,
        before=before,
        after=snapshot(drive, DRIVE_FIELDS),
        actor=by,
    )
    return drive
