"""What scoring tells people (``thidua.notifications``): a self-scoring sheet or a cross sheet
sent back to its unit, and — for the deadline reminders — which member units have not submitted
their self-scoring sheet yet. The services call these in one line."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear, Deadline
from thidua.notifications.enums import NotificationKind
from thidua.notifications.registry import PendingStep, register_step
from thidua.notifications.services import OFFICER_ROLES, notify_unit
from thidua.organizations.models import Organization
from thidua.scoring.enums import SheetStatus
from thidua.scoring.models import CrossSheet, ScoreSheet


def sheet_url(cluster_year: ClusterYear, organization: Organization) -> str:
    return reverse(
        "scoring:sheet", args=[cluster_year.cluster.code, cluster_year.year, organization.code]
    )


def sheet_returned(sheet: ScoreSheet, *, reason: str) -> None:
    """The unit's officers: their self-scoring sheet is open again, with the reason."""
    cy = sheet.cluster_year
    with translation.override(settings.LANGUAGE_CODE):
        notify_unit(
            organization=sheet.organization,
            roles=OFFICER_ROLES,
            kind=NotificationKind.RETURNED,
            title=_("Bảng tự chấm điểm được mở lại — {cluster} năm {year}").format(
                cluster=cy.cluster.name, year=cy.year
            ),
            body=_("Lý do: {reason}\nHãy sửa và nộp lại bảng điểm.").format(reason=reason),
            link=sheet_url(cy, sheet.organization),
            obj=sheet if sheet.pk else None,
        )


def cross_sheet_returned(cross: CrossSheet, *, reason: str) -> None:
    """The scoring unit's officers: their cross sheet came back, with the reason."""
    cy = cross.cluster_year
    with translation.override(settings.LANGUAGE_CODE):
        notify_unit(
            organization=cross.scorer,
            roles=OFFICER_ROLES,
            kind=NotificationKind.RETURNED,
            title=_("Phiếu chấm chéo {target} bị trả lại — {cluster} năm {year}").format(
                target=cross.target.name, cluster=cy.cluster.name, year=cy.year
            ),
            body=_("Lý do: {reason}\nHãy sửa và gửi lại phiếu chấm chéo.").format(reason=reason),
            link=reverse("scoring:cross", args=[cy.cluster.code, cy.year]),
            obj=cross,
        )


def units_not_self_scored(deadline: Deadline) -> list[Organization]:
    done = ScoreSheet.objects.filter(
        cluster_year=deadline.cluster_year,
        status__in=[SheetStatus.SUBMITTED, SheetStatus.VERIFIED],
    ).values("organization_id")
    return list(
        Organization.objects.filter(cluster_memberships__cluster_year=deadline.cluster_year)
        .exclude(pk__in=done)
        .order_by("sort_key")
    )


def register_reminder_steps() -> None:
    register_step(
        PendingStep(
            CycleStep.SELF_SCORING,
            units_not_self_scored,
            lambda deadline, organization: sheet_url(deadline.cluster_year, organization),
            OFFICER_ROLES,
        )
    )
