"""What the start of the year tells people (``thidua.notifications``): a registration returned to
its unit, a pledge waiting for the leaders' signatures, and — for the deadline reminders — which
member units have not registered or signed yet. The services call these in one line."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear, Deadline
from thidua.notifications.enums import NotificationKind
from thidua.notifications.registry import PendingStep, register_step
from thidua.notifications.services import OFFICER_ROLES, SIGNER_ROLES, notify, notify_unit
from thidua.organizations.models import Organization
from thidua.start_of_year.enums import REGISTERED_STATUSES, PledgeStatus
from thidua.start_of_year.models import Pledge, PledgeSignature, Registration


def registration_url(cluster_year: ClusterYear, organization: Organization) -> str:
    return reverse(
        "start_of_year:registration",
        args=[cluster_year.cluster.code, cluster_year.year, organization.code],
    )


def pledge_url(cluster_year: ClusterYear) -> str:
    return reverse("start_of_year:pledge", args=[cluster_year.cluster.code, cluster_year.year])


def registration_returned(registration: Registration, *, reason: str) -> None:
    """The unit's officers: their registration came back, with the reason."""
    cy = registration.cluster_year
    with translation.override(settings.LANGUAGE_CODE):
        notify_unit(
            organization=registration.organization,
            roles=OFFICER_ROLES,
            kind=NotificationKind.RETURNED,
            title=_("Đăng ký thi đua bị trả lại — {cluster} năm {year}").format(
                cluster=cy.cluster.name, year=cy.year
            ),
            body=_("Lý do: {reason}\nHãy sửa và gửi lại đăng ký.").format(reason=reason),
            link=registration_url(cy, registration.organization),
            obj=registration,
        )


def pledge_awaiting_signature(pledge: Pledge) -> None:
    """The leaders of the member units that have not signed this version: it waits for them."""
    cy = pledge.cluster_year
    signed = PledgeSignature.objects.filter(pledge=pledge).values("organization_id")
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Giao ước thi đua chờ ký — {cluster} năm {year}").format(
            cluster=cy.cluster.name, year=cy.year
        )
        body = _("“{title}” (phiên bản {version}) đã mở để ký. Đơn vị của bạn chưa ký.").format(
            title=pledge.title, version=pledge.version
        )
        notify(
            recipients=User.objects.filter(
                organization__cluster_memberships__cluster_year=cy,
                role__in=SIGNER_ROLES,
                is_active=True,
            ).exclude(organization_id__in=signed),
            kind=NotificationKind.AWAITING_SIGNATURE,
            title=title,
            body=body,
            link=pledge_url(cy),
            obj=pledge,
            dedup_key=f"pledge:{pledge.pk}:awaiting_signature",
        )


def units_not_registered(deadline: Deadline) -> list[Organization]:
    registered = Registration.objects.filter(
        cluster_year=deadline.cluster_year, status__in=REGISTERED_STATUSES
    ).values("organization_id")
    return list(
        Organization.objects.filter(cluster_memberships__cluster_year=deadline.cluster_year)
        .exclude(pk__in=registered)
        .order_by("sort_key")
    )


def units_not_signed(deadline: Deadline) -> list[Organization]:
    """Only while a version is open for signing (a draft cannot be signed yet)."""
    pledge = Pledge.objects.filter(
        cluster_year=deadline.cluster_year, status=PledgeStatus.OPEN
    ).first()
    if pledge is None:
        return []
    signed = PledgeSignature.objects.filter(pledge=pledge).values("organization_id")
    return list(
        Organization.objects.filter(cluster_memberships__cluster_year=deadline.cluster_year)
        .exclude(pk__in=signed)
        .order_by("sort_key")
    )


def register_reminder_steps() -> None:
    register_step(
        PendingStep(
            CycleStep.REGISTRATION,
            units_not_registered,
            lambda deadline, organization: registration_url(deadline.cluster_year, organization),
            OFFICER_ROLES,
        )
    )
    register_step(
        PendingStep(
            CycleStep.PLEDGE,
            units_not_signed,
            lambda deadline, organization: pledge_url(deadline.cluster_year),
            SIGNER_ROLES + OFFICER_ROLES,
        )
    )
