"""The conference card on the cluster-year page (one query)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterYear
from thidua.voting.models import Conference


def conference_section(request: HttpRequest, cluster_year: ClusterYear) -> dict[str, str]:
    conference = (
        Conference.objects.filter(cluster_year=cluster_year)
        .annotate(present=Count("attendances", filter=Q(attendances__present=True)))
        .first()
    )
    if conference is None:
        text = _("Chưa lên lịch hội nghị tổng kết.")
    else:
        present = conference.present
        text = _("Ngày {day} · {status} · có mặt {present} đơn vị").format(
            day=date_format(conference.held_on, "d/m/Y"),
            status=conference.get_status_display().lower(),
            present=present,
        )
    return {
        "title": _("Hội nghị tổng kết"),
        "url": reverse("voting:conference", args=[cluster_year.cluster.code, cluster_year.year]),
        "summary": text,
    }
