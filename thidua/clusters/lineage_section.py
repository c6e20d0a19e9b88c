"""A card on the cluster-year page of a predecessor authority's cluster: whose cluster it was,
since when the user's authority succeeded it, and whether this year is run by the user's
authority or closed history (read-only). No query for a cluster of the user's own authority."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from thidua.accounts.enums import AUTHORITY_ROLES, Role
from thidua.core.cards import Card
from thidua.organizations.selectors import lineage_of_user


def predecessor_section(request: HttpRequest, cluster_year: Any) -> Card | None:
    user: Any = request.user
    authority = cluster_year.cluster.authority
    if user.role not in AUTHORITY_ROLES or user.authority_id in (None, authority.pk):
        return None
    lineage = lineage_of_user(user)
    passed_on = lineage.passed_on.get(authority.pk) if lineage else None
    if passed_on is None:
        return None
    day = date_format(passed_on, "d/m/Y")
    if (
        user.role == Role.BOARD_OFFICER
        and lineage
        and lineage.manages_year(authority.pk, cluster_year.year)
    ):
        summary = _(
            "Cơ quan của bạn kế thừa {authority} từ ngày {day}: năm {year} do cơ quan của bạn "
            "điều hành."
        )
    elif passed_on.year > cluster_year.year:
        summary = _(
            "Cơ quan của bạn kế thừa {authority} từ ngày {day}: năm {year} đã khép lại trước "
            "đó, chỉ để xem."
        )
    else:
        summary = _("Cơ quan của bạn kế thừa {authority} từ ngày {day}.")
    return Card(
        title=_("Cụm, khối của cơ quan tiền thân"),
        url=reverse("authorities:detail", args=[authority.pk]),
        summary=summary.format(authority=authority.name, day=day, year=cluster_year.year),
    )
