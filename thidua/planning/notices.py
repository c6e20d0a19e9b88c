"""What planning tells people (``thidua.notifications``): for the deadline reminders, which member
units have not sent the report of a drive (đợt thi đua) whose report deadline is near or passed."""

from __future__ import annotations

from django.urls import reverse

from thidua.clusters.enums import CycleStep
from thidua.clusters.models import Deadline
from thidua.core.numbers import is_digits
from thidua.notifications.registry import PendingStep, register_step
from thidua.notifications.services import OFFICER_ROLES
from thidua.organizations.models import Organization
from thidua.planning.models import Drive, DriveReport


def _drive(deadline: Deadline) -> Drive | None:
    return Drive.objects.filter(report_deadline=deadline).first()


def units_not_reported(deadline: Deadline) -> list[Organization]:
    drive = _drive(deadline)
    if drive is None:
        return []
    reported = DriveReport.objects.filter(drive=drive).values("organization_id")
    return list(
        Organization.objects.filter(cluster_memberships__cluster_year=deadline.cluster_year)
        .exclude(pk__in=reported)
        .order_by("sort_key")
    )


def drive_report_url(deadline: Deadline, organization: Organization) -> str:
    cy = deadline.cluster_year
    number = deadline.key.removeprefix("drive-")
    if not is_digits(number):
        return reverse("planning:drives", args=[cy.cluster.code, cy.year])
    return reverse("planning:drive", args=[cy.cluster.code, cy.year, int(number)])


def register_reminder_steps() -> None:
    register_step(
        PendingStep(CycleStep.DRIVE_REPORT, units_not_reported, drive_report_url, OFFICER_ROLES)
    )
