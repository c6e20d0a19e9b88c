"""What clusters adds to a person's roles by year (``accounts.notes``): a cluster secretariat runs
the cluster years its unit heads, so each year of that role lists them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from thidua.accounts.enums import Role
from thidua.clusters.models import ClusterYear

if TYPE_CHECKING:
    from thidua.accounts.models import RoleAssignment


def headed_years(assignments: Sequence[RoleAssignment]) -> dict[tuple[int, int], str]:
    """For each secretariat assignment and year: the cluster years its unit headed (one query)."""
    secretariat = [
        a for a in assignments if a.role == Role.CLUSTER_SECRETARIAT and a.organization_id
    ]
    if not secretariat:
        return {}
    headed: dict[tuple[int, int], list[str]] = {}
    rows = (
        ClusterYear.objects.filter(head_id__in={a.organization_id for a in secretariat})
        .select_related("cluster")
        .order_by("cluster__sort_key")
    )
    for cy in rows:
        headed.setdefault((cy.head_id or 0, cy.year), []).append(cy.cluster.name)
    notes = {}
    for a in secretariat:
        for (head_id, year), names in headed.items():
            if head_id == a.organization_id and a.covers_year(year):
                notes[(a.pk, year)] = _("đơn vị cụm trưởng: {clusters}").format(
                    clusters=", ".join(names)
                )
    return notes
