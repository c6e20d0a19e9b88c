"""Links on the cluster-year page and panels on the home page (constant queries each)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.enums import UNIT_ROLES, Role
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterMembership, ClusterYear, Deadline
from thidua.clusters.selectors import managed_cluster_years
from thidua.start_of_year.enums import CURRENT_PLEDGE_STATUSES, REGISTERED_STATUSES
from thidua.start_of_year.late_count import late_unit_count_in_db
from thidua.start_of_year.models import Pledge, PledgeSignature, Registration
from thidua.start_of_year.rules import VIEW_FOLLOW_UP
from thidua.start_of_year.selectors import YearSummary, year_summary


def _summary(request: HttpRequest, cluster_year: ClusterYear) -> YearSummary:
    cache: dict[int, YearSummary] = request.__dict__.setdefault("_start_of_year_summaries", {})
    if cluster_year.pk not in cache:
        cache[cluster_year.pk] = year_summary(cluster_year)
    return cache[cluster_year.pk]


def pledge_section(request: HttpRequest, cluster_year: ClusterYear) -> dict[str, str] | None:
    summary = _summary(request, cluster_year)
    if summary.pledge_version is None:
        text = _("Chưa mở ký giao ước.")
    else:
        text = _("Phiên bản {v} · đã ký {signed}/{total} · {status}").format(
            v=summary.pledge_version,
            signed=summary.signed_count,
            total=summary.member_count,
            status=summary.pledge_status_label.lower(),
        )
    return {
        "title": _("Giao ước thi đua"),
        "url": reverse("start_of_year:pledge", args=[cluster_year.cluster.code, cluster_year.year]),
        "summary": text,
    }


def registration_section(request: HttpRequest, cluster_year: ClusterYear) -> dict[str, str] | None:
    summary = _summary(request, cluster_year)
    return {
        "title": _("Đăng ký thi đua"),
        "url": reverse(
            "start_of_year:registrations", args=[cluster_year.cluster.code, cluster_year.year]
        ),
        "summary": _("{n}/{total} đơn vị đã gửi đăng ký").format(
            n=summary.registered_count, total=summary.member_count
        ),
    }


def follow_up_section(request: HttpRequest, cluster_year: ClusterYear) -> dict[str, str] | None:
    if not request.user.has_perm(VIEW_FOLLOW_UP.name, cluster_year):
        return None
    return {
        "title": _("Hạn chót, theo dõi và đôn đốc"),
        "url": reverse(
            "start_of_year:follow_up", args=[cluster_year.cluster.code, cluster_year.year]
        ),
        "summary": _("Đặt hạn, mở lại hạn cho đơn vị, danh sách đơn vị chậm."),
    }


def late_panel(request: HttpRequest) -> dict[str, Any] | None:
    """Secretariat, board, admin: how many units are late in the latest year they run. The
    cluster years they run are the selector's (``managed_cluster_years``, the queryset of
    ``clusters.manage_clusteryear``): none, without a query, for anyone else. The count is the
    database's (``late_count``), three queries however many units the country has."""
    user: Any = request.user  # signed in on the home page
    managed = managed_cluster_years(user)
    latest_year = Subquery(managed.order_by("-year").values("year")[:1])
    first_two = list(managed.filter(year=latest_year).select_related("cluster").order_by("pk")[:2])
    if not first_two:
        return None
    latest = first_two[0].year
    count = late_unit_count_in_db(managed.filter(year=latest))
    if not count:
        return None  # nothing to do
    url = (
        reverse("start_of_year:follow_up", args=[first_two[0].cluster.code, latest])
        if len(first_two) == 1
        else reverse("start_of_year:follow_up_all") + f"?year={latest}"
    )
    return {
        "title": _("Đơn vị chậm tiến độ năm {year}").format(year=latest),
        "url": url,
        "summary": _("{n} đơn vị chậm đăng ký, ký giao ước hoặc báo cáo tiến độ.").format(n=count),
    }


def unit_todo_panel(request: HttpRequest) -> dict[str, Any] | None:
    """Unit users: what the unit still has to do this year. Register: once the secretariat has
    set the registration deadline, or while the unit's registration is a draft or returned.
    Sign (leaders only): while the current pledge lacks the unit's signature."""
    user: Any = request.user
    if user.role not in UNIT_ROLES or not user.organization_id:
        return None
    memberships = _latest_memberships_with_steps(user.organization_id)
    if not memberships:
        return None
    latest = memberships[0].year
    tasks: list[str] = []
    url = ""
    for m in memberships:
        cy = m.cluster_year
        code = cy.cluster.code
        status = m.registration_status
        started = m.registration_open or status is not None
        if started and status not in REGISTERED_STATUSES:
            tasks.append(_("{cluster}: gửi đăng ký thi đua").format(cluster=cy.cluster.name))
            url = url or reverse(
                "start_of_year:registration", args=[code, cy.year, user.organization.code]
            )
        if user.role == Role.UNIT_LEADER and m.pledge_open and not m.signed:
            tasks.append(_("{cluster}: ký giao ước thi đua").format(cluster=cy.cluster.name))
            url = url or reverse("start_of_year:pledge", args=[code, cy.year])
    if not tasks:
        return None
    return {
        "title": _("Việc đầu năm {year} của đơn vị").format(year=latest),
        "url": url,
        "summary": "; ".join(tasks) + ".",
    }


def _latest_memberships_with_steps(organization_id: int) -> list[Any]:
    """The unit's memberships of its latest year, each with its registration's status and
    whether registration is open, a pledge is open and the unit has signed it: one query."""
    own = ClusterMembership.objects.filter(organization_id=organization_id)
    return list(
        own.filter(year=Subquery(own.order_by("-year").values("year")[:1]))
        .select_related("cluster_year__cluster")
        .annotate(
            registration_status=Subquery(
                Registration.objects.filter(
                    cluster_year_id=OuterRef("cluster_year_id"),
                    organization_id=organization_id,
                ).values("status")[:1]
            ),
            registration_open=Exists(
                Deadline.objects.filter(
                    cluster_year_id=OuterRef("cluster_year_id"), step=CycleStep.REGISTRATION
                )
            ),
            pledge_open=Exists(
                Pledge.objects.filter(
                    cluster_year_id=OuterRef("cluster_year_id"),
                    status__in=CURRENT_PLEDGE_STATUSES,
                )
            ),
            signed=Exists(
                PledgeSignature.objects.filter(
                    pledge__cluster_year_id=OuterRef("cluster_year_id"),
                    pledge__status__in=CURRENT_PLEDGE_STATUSES,
                    organization_id=organization_id,
                )
            ),
        )
        .order_by("cluster_year__cluster__sort_key")
    )
