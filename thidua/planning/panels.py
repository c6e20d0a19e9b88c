"""Home-page panels: drives the user's unit still has to report; movements under way for the
board, council and viewers. One query each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.enums import UNIT_ROLES
from thidua.planning.models import Drive, Movement


def drive_report_panel(request: HttpRequest) -> dict[str, Any] | None:
    user: Any = request.user
    if not user.is_authenticated or user.role not in UNIT_ROLES or not user.organization_id:
        return None
    now = timezone.now()
    today = timezone.localdate()
    pending = list(
        Drive.objects.filter(
            cluster_year__memberships__organization_id=user.organization_id,
            starts_on__lte=today,
        )
        # Without a deadline, a drive stays on the list for a month after it ends.
        .filter(
            Q(report_deadline__isnull=True, ends_on__gte=today - dt.timedelta(days=30))
            | Q(report_deadline__due_at__gte=now)
        )
        .exclude(reports__organization_id=user.organization_id)
        .select_related("cluster_year__cluster")
        .order_by("report_deadline__due_at", "starts_on")[:20]
    )
    if not pending:
        return None
    first = pending[0]
    return {
        "title": _("Báo cáo kết quả đợt thi đua"),
        "url": reverse(
            "planning:drive",
            args=[first.cluster_year.cluster.code, first.cluster_year.year, first.number],
        ),
        "summary": _("{count} đợt chưa báo cáo; gần nhất: {drive} ({cluster} {year})").format(
            count=len(pending),
            drive=first.name,
            cluster=first.cluster_year.cluster.name,
            year=first.cluster_year.year,
        ),
    }


def movements_panel(request: HttpRequest) -> dict[str, Any] | None:
    """For authority users: how many movements of their authority are under way today."""
    user: Any = request.user
    if not user.is_authenticated or not (user.has_authority_scope or user.is_system_admin):
        return None
    today = timezone.localdate()
    running = Movement.objects.filter(starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    if not user.is_system_admin:
        running = running.filter(authority_id=user.authority_id)
    count = running.count()
    return {
        "title": _("Phong trào thi đua"),
        "url": reverse("planning:movements"),
        "summary": _("{count} phong trào đang diễn ra").format(count=count)
        if count
        else _("Không có phong trào nào đang diễn ra; xem các phong trào đã phát động"),
    }
