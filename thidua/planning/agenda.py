"""The summary report (báo cáo tổng kết) on the agenda of the year-end conference: where it
stands and where it is drafted, commented on and adopted (``clusters.agenda``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.clusters.agenda import AgendaLink, AgendaStatus
from thidua.clusters.models import ClusterYear
from thidua.planning.enums import PlanKind
from thidua.planning.selectors import latest_version

SUMMARY_REPORT_LINK_SLUG = "planning.summary-report"


def describe_summary_report(cluster_year: ClusterYear) -> AgendaStatus:
    """'Dự thảo bản 3, 5 ý kiến góp ý' · 'Đã thông qua ngày 20/12/2023 tại …': one query."""
    latest = latest_version(cluster_year, PlanKind.SUMMARY_REPORT)
    if latest is None:
        return AgendaStatus(_("Chưa có dự thảo báo cáo tổng kết."), done=False)
    if latest.adopted_on is None:
        text = _("Dự thảo bản {number}, {count} ý kiến góp ý").format(
            number=latest.number, count=latest.comment_count
        )
        return AgendaStatus(text, done=False)
    text = _("Đã thông qua ngày {day:%d/%m/%Y}").format(day=latest.adopted_on)
    if latest.adopted_at_meeting:
        text = _("{adopted} tại {meeting}").format(adopted=text, meeting=latest.adopted_at_meeting)
    return AgendaStatus(text, done=True)


def summary_report_url(cluster_year: ClusterYear) -> str:
    """The latest version's page (the year's documents while there is none): no query."""
    return reverse(
        "planning:plan_document",
        args=[cluster_year.cluster.code, cluster_year.year, PlanKind.SUMMARY_REPORT.value],
    )


SUMMARY_REPORT_LINK = AgendaLink(
    slug=SUMMARY_REPORT_LINK_SLUG,
    order=10,
    label=gettext_lazy("Báo cáo tổng kết"),
    describe=describe_summary_report,
    url=summary_report_url,
)
