"""Deadlines of the steps of a cluster year, and reopening a step for one unit.

Any app checks ``is_step_open(cluster_year=…, step=…, organization=…)`` before accepting a unit's
write, and calls ``check_step_open`` to raise the standard Vietnamese message. A step that happens
several times a year (the report of each drive) passes the ``key`` of the occurrence; an app that
already holds the ``Deadline`` asks ``is_deadline_open``. Setting a deadline
(``clusters.set_deadline``) and reopening a step for a unit (``clusters.reopen_step``) are the
actions of the people who run the cluster year.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear, Deadline, DeadlineExtension
from thidua.core.permissions import check
from thidua.organizations.models import Organization

if TYPE_CHECKING:
    from thidua.accounts.models import User

#: A deadline a person sets lies between 1 January of the year before the cluster year and
#: 31 December two years after it (a 2023 year: 2022–2025); later steps come no earlier than
#: the steps before them in this chain.
YEARS_BEFORE, YEARS_AFTER = 1, 2
ORDERED_STEPS = [
    CycleStep.SELF_SCORING,
    CycleStep.VERIFICATION,
    CycleStep.CONFERENCE,
    CycleStep.PROPOSAL,
]


def _check_window(cluster_year: ClusterYear, due_at: dt.datetime) -> None:
    year = timezone.localtime(due_at).year if timezone.is_aware(due_at) else due_at.year
    if not cluster_year.year - YEARS_BEFORE <= year <= cluster_year.year + YEARS_AFTER:
        raise ValidationError(
            _("Hạn chót phải trong khoảng năm {first}–{last} (năm thi đua {year}).").format(
                first=cluster_year.year - YEARS_BEFORE,
                last=cluster_year.year + YEARS_AFTER,
                year=cluster_year.year,
            ),
            code="deadline_out_of_window",
        )


def _check_order(cluster_year: ClusterYear, step: str, key: str, due_at: dt.datetime) -> None:
    """Refuse a deadline before an earlier step's or after a later step's (same ``key``)."""
    if step not in ORDERED_STEPS:
        return
    position = ORDERED_STEPS.index(CycleStep(step))
    others = Deadline.objects.filter(
        cluster_year=cluster_year, key=key, step__in=ORDERED_STEPS
    ).exclude(step=step)
    for other in others:
        other_position = ORDERED_STEPS.index(CycleStep(other.step))
        if (other_position < position and due_at < other.due_at) or (
            other_position > position and due_at > other.due_at
        ):
            first, second = sorted([(position, step), (other_position, other.step)])
            raise ValidationError(
                _("Hạn chót “{later}” không được trước hạn chót “{earlier}”.").format(
                    later=CycleStep(second[1]).label, earlier=CycleStep(first[1]).label
                ),
                code="deadline_out_of_order",
            )


@transaction.atomic
def set_deadline(
    *,
    cluster_year: ClusterYear,
    step: str,
    due_at: dt.datetime,
    note: str = "",
    key: str = "",
    user: User | None = None,
    reason: str = "",
) -> Deadline:
    """Set (or move) the deadline of a step. A person (``user``) needs ``clusters.set_deadline``,
    a date within the year's window and in the order of the closing steps, and a ``reason`` to
    move a deadline already set; ``None`` is a trusted caller. Side effects: the deadline row,
    a ``deadline.set`` event (its note is the reason)."""
    if user is not None:
        check(user, "clusters.set_deadline", cluster_year)
    if step not in CycleStep.values:
        raise ValidationError(_("Bước không hợp lệ: {step}.").format(step=step))
    deadline = (
        Deadline.objects.select_for_update()
        .filter(cluster_year=cluster_year, step=step, key=key)
        .first()
    )
    if user is not None:
        _check_window(cluster_year, due_at)
        _check_order(cluster_year, step, key, due_at)
        if deadline is not None and deadline.due_at != due_at and not reason.strip():
            raise ValidationError(
                _("Cần ghi lý do khi sửa hạn chót đã đặt."), code="reason_required"
            )
    before = {"due_at": deadline.due_at.isoformat()} if deadline else None
    if deadline is None:
        deadline = Deadline.objects.create(
            cluster_year=cluster_year, step=step, key=key, due_at=due_at, note=note
        )
    else:
        deadline.due_at, deadline.note = due_at, note
        deadline.save(update_fields=["due_at", "note", "updated"])
    record_event(
        action="deadline.set",
        obj=deadline,
        before=before,
        after={"step": step, "key": key, "due_at": due_at.isoformat()},
        note=reason.strip(),
    )
    return deadline


@transaction.atomic
def reopen_for_unit(
    *,
    deadline: Deadline,
    organization: Organization,
    until: dt.datetime,
    reason: str,
    granted_by: User,
) -> DeadlineExtension:
    """Give ``organization`` until ``until`` for the step; ``granted_by`` needs
    ``clusters.reopen_step``. Side effects: the extension row, a ``deadline.reopen`` event."""
    check(granted_by, "clusters.reopen_step", deadline.cluster_year)
    if not reason.strip():
        raise ValidationError(_("Cần ghi lý do khi mở lại hạn cho đơn vị."), code="reason_required")
    if until <= timezone.now():
        raise ValidationError(_("Thời hạn mở lại phải ở tương lai."), code="until_in_past")
    extension = DeadlineExtension.objects.create(
        deadline=deadline,
        organization=organization,
        until=until,
        reason=reason.strip(),
        granted_by=granted_by,
    )
    record_event(
        action="deadline.reopen",
        obj=deadline,
        note=reason,
        after={"organization_id": organization.pk, "until": until.isoformat()},
        actor=granted_by,
    )
    return extension


def is_step_open(
    *,
    cluster_year: ClusterYear,
    step: str,
    organization: Organization | None = None,
    at: dt.datetime | None = None,
    key: str = "",
) -> bool:
    """Open when there is no deadline, the deadline has not passed, or the unit was given more time."""
    deadline = Deadline.objects.filter(cluster_year=cluster_year, step=step, key=key).first()
    return is_deadline_open(deadline, organization=organization, at=at)


def is_deadline_open(
    deadline: Deadline | None,
    *,
    organization: Organization | None = None,
    at: dt.datetime | None = None,
) -> bool:
    """Open when there is no deadline, it has not passed, or the unit was given more time (reads
    the deadline's ``extensions`` once; prefetch them to ask for several units)."""
    at = at or timezone.now()
    if deadline is None or at <= deadline.due_at:
        return True
    if organization is None:
        return False
    return any(
        extension.organization_id == organization.pk and extension.until >= at
        for extension in deadline.extensions.all()
    )


def check_step_open(
    *,
    cluster_year: ClusterYear,
    step: str,
    organization: Organization | None = None,
    at: dt.datetime | None = None,
    key: str = "",
) -> None:
    if not is_step_open(
        cluster_year=cluster_year, step=step, organization=organization, at=at, key=key
    ):
        deadline = Deadline.objects.get(cluster_year=cluster_year, step=step, key=key)
        raise ValidationError(
            _(
                "Đã quá hạn “{step}” ({due}). Hãy đề nghị đơn vị trưởng mở lại hạn cho đơn vị."
            ).format(
                step=deadline.get_step_display(),
                due=timezone.localtime(deadline.due_at).strftime("%H:%M %d/%m/%Y"),
            ),
            code="deadline_passed",
        )
