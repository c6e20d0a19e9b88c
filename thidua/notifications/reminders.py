"""Deadline reminders (``thidua send-reminders``, run once a day).

For every deadline of a step (``clusters.Deadline``) that comes within ``NOTIFICATIONS_REMINDER_DAYS``
days (setting, default 3) or has passed in the last ``PASSED_WINDOW``, the app that owns the step
(``registry.STEPS``) says which member units have not done it; their officers (the step's
``roles``) are notified once per deadline and threshold (the ``dedup_key``). A unit given more time
(``clusters.DeadlineExtension``) is reminded against its own date. Moving a deadline makes a new
date, so the reminder of the new date is sent again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.clusters.models import Deadline
from thidua.notifications.enums import NotificationKind
from thidua.notifications.registry import STEPS, PendingStep
from thidua.notifications.services import notify_unit
from thidua.organizations.models import Organization

# A passed deadline is reminded when the daily run sees it within this window (a missed run is
# caught up the next day; a deadline long past is the secretariat's follow-up, not a reminder).
PASSED_WINDOW = dt.timedelta(days=7)


@dataclass(frozen=True)
class ReminderReport:
    deadlines: int  # deadlines looked at
    notifications: int  # notifications sent
    steps_without_owner: tuple[str, ...]  # steps with a deadline that no app answers for


def reminder_days() -> int:
    return int(getattr(settings, "NOTIFICATIONS_REMINDER_DAYS", 3))


def due_for(deadline: Deadline, organization: Organization) -> dt.datetime:
    """The unit's own deadline: the latest of the deadline and the unit's extensions."""
    extended = [e.until for e in deadline.extensions.all() if e.organization_id == organization.pk]
    return max([deadline.due_at, *extended])


def threshold(due: dt.datetime, now: dt.datetime, days: int) -> str | None:
    if due < now:
        return NotificationKind.DEADLINE_PASSED if now - due <= PASSED_WINDOW else None
    return NotificationKind.DEADLINE_SOON if due - now <= dt.timedelta(days=days) else None


def candidate_deadlines(now: dt.datetime, days: int) -> list[Deadline]:
    since, until = now - PASSED_WINDOW, now + dt.timedelta(days=days)
    return list(
        Deadline.objects.filter(
            Q(due_at__gte=since, due_at__lte=until) | Q(extensions__until__gte=since)
        )
        .distinct()
        .select_related("cluster_year__cluster")
        .prefetch_related("extensions")
        .order_by("due_at", "pk")
    )


def send_reminders(*, now: dt.datetime | None = None, days: int | None = None) -> ReminderReport:
    """Remind every unit that has not done a step whose deadline is near or just passed."""
    now = now or timezone.now()
    days = reminder_days() if days is None else days
    deadlines = candidate_deadlines(now, days)
    sent, missing = 0, set()
    with translation.override(settings.LANGUAGE_CODE):
        for deadline in deadlines:
            step = STEPS.get(deadline.step)
            if step is None:
                missing.add(deadline.step)
                continue
            for organization in step.pending(deadline):
                sent += _remind(deadline, organization, step, now, days)
    return ReminderReport(
        deadlines=len(deadlines), notifications=sent, steps_without_owner=tuple(sorted(missing))
    )


def _remind(
    deadline: Deadline, organization: Organization, step: PendingStep, now: dt.datetime, days: int
) -> int:
    due = due_for(deadline, organization)
    kind = threshold(due, now, days)
    if kind is None:
        return 0
    cluster_year = deadline.cluster_year
    context = {
        "step": deadline.get_step_display(),
        "cluster": cluster_year.cluster.name,
        "year": cluster_year.year,
        "unit": organization.name,
        "due": timezone.localtime(due).strftime("%H:%M %d/%m/%Y"),
    }
    if kind == NotificationKind.DEADLINE_SOON:
        title = _("Sắp đến hạn “{step}” — {cluster} năm {year}").format(**context)
        body = _("Hạn chót: {due}. {unit} chưa hoàn thành bước này.").format(**context)
    else:
        title = _("Đã quá hạn “{step}” — {cluster} năm {year}").format(**context)
        body = _(
            "Hạn chót {due} đã qua mà {unit} chưa hoàn thành bước này. Nếu cần thêm thời gian, "
            "hãy đề nghị đơn vị cụm trưởng (khối trưởng) mở lại hạn cho đơn vị."
        ).format(**context)
    created = notify_unit(
        organization=organization,
        roles=step.roles,
        kind=kind,
        title=title,
        body=body,
        link=step.link(deadline, organization),
        obj=deadline,
        dedup_key=f"deadline:{deadline.pk}:{organization.pk}:{kind}:{due:%Y%m%d%H%M}",
    )
    return len(created)
