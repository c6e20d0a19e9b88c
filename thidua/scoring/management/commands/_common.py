"""Shared by the scoring commands: find a cluster year by code and year."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterMembership, ClusterYear


def cluster_year(code: str, year: int) -> ClusterYear:
    members = ClusterMembership.objects.select_related("organization").order_by(
        "organization__sort_key"
    )
    found = (
        ClusterYear.objects.filter(cluster__code=code, year=year)
        .select_related("cluster__authority", "head", "deputy", "scoring_round")
        .prefetch_related(Prefetch("memberships", queryset=members))
        .first()
    )
    if found is None:
        raise CommandError(_("Không có cụm/khối {code} năm {year}.").format(code=code, year=year))
    return found
