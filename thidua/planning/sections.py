"""The planning links on a cluster-year page, with a one-line summary each (constant queries)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.planning.agenda import describe_summary_report, summary_report_url
from thidua.planning.enums import PLAN_STEP_KINDS
from thidua.planning.selectors import drive_board, focus_drive, plan_statuses


def plans_section(request: HttpRequest, cluster_year: Any) -> dict[str, str]:
    """'Kế hoạch: đã thông qua 30/03/2021 · Quy chế: bản 2, chờ thông qua' — one query."""
    statuses = plan_statuses(cluster_year, PLAN_STEP_KINDS)
    return {
        "title": _("Kế hoạch và quy chế"),
        "url": reverse("planning:plans", args=[cluster_year.cluster.code, cluster_year.year]),
        "summary": " · ".join(status.summary for status in statuses),
    }


def summary_report_section(request: HttpRequest, cluster_year: Any) -> dict[str, str]:
    """'Báo cáo tổng kết' — 'Dự thảo bản 2, 4 ý kiến góp ý' or 'Đã thông qua ngày …': one query."""
    return {
        "title": _("Báo cáo tổng kết"),
        "url": summary_report_url(cluster_year),
        "summary": describe_summary_report(cluster_year).text,
    }


def drives_section(request: HttpRequest, cluster_year: Any) -> dict[str, str]:
    """'4 đợt · 3/5 đơn vị đã báo cáo đợt 1' — two queries (members are prefetched)."""
    rows = drive_board(cluster_year)
    focus = focus_drive(rows)
    if focus is None:
        summary = _("Chưa có đợt thi đua")
    else:
        summary = _("{count} đợt · {done}/{total} đơn vị đã báo cáo đợt {number}").format(
            count=len(rows),
            done=focus.report_count,
            total=focus.member_count,
            number=focus.drive.number,
        )
    return {
        "title": _("Đợt thi đua"),
        "url": reverse("planning:drives", args=[cluster_year.cluster.code, cluster_year.year]),
        "summary": summary,
    }
