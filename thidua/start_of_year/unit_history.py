"""The start of the year on a unit's page: its registrations (đăng ký thi đua), and its
predecessors', year by year (``clusters.unit_sections``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.clusters.unit_sections import HistoryRow, Lineage, UnitHistory
from thidua.start_of_year.models import Registration
from thidua.start_of_year.selectors import draft_visibility

if TYPE_CHECKING:
    from thidua.organizations.models import Organization


def registrations_section(
    request: HttpRequest, organization: Organization, lineage: Lineage
) -> UnitHistory | None:
    """The registrations of the lineage in the years the person sees, but another unit's draft
    (one query); hidden when there are none."""
    registrations = (
        Registration.objects.filter(
            organization_id__in=lineage.ids, cluster_year_id__in=lineage.visible_years
        )
        .filter(draft_visibility(request.user))  # type: ignore[arg-type]
        .select_related("cluster_year__cluster", "award", "organization")
        .order_by("-cluster_year__year", "cluster_year__cluster__sort_key", "organization_id")
    )
    rows = [_row(r) for r in registrations]
    if not rows:
        return None
    return UnitHistory(title=_("Đăng ký thi đua qua các năm"), rows=rows)


def _row(registration: Registration) -> HistoryRow:
    cy = registration.cluster_year
    award = registration.award.name if registration.award else _("chưa chọn danh hiệu")
    return HistoryRow(
        year=cy.year,
        cluster=cy.cluster.name,
        cluster_url=reverse("clusters:year", args=[cy.cluster.code, cy.year]),
        text=_("Đăng ký “{award}” — {status}").format(
            award=award, status=registration.get_status_display()
        ),
        url=reverse(
            "start_of_year:registration",
            args=[cy.cluster.code, cy.year, registration.organization.code],
        ),
        organization_id=registration.organization_id,
    )
