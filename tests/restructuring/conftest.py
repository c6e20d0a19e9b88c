"""A cluster of communes over three years (2024 closed by time, 2025 running, 2026 planned)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories import (
    AuthorityFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    ClusterYearFactory,
    OrganizationFactory,
)
from thidua.clusters.models import Cluster, ClusterYear
from thidua.organizations.models import Authority, Organization
from thidua.restructuring.plan import Decision

MID_2025 = dt.date(2025, 7, 1)


def decision(effective: dt.date = MID_2025, number: str = "1656/QĐ-UBND") -> Decision:
    return Decision(
        number=number,
        date=effective - dt.timedelta(days=20),
        effective_date=effective,
        issuing_body="UBND tỉnh",
    )


@dataclass
class Communes:
    authority: Authority
    cluster: Cluster
    years: dict[int, ClusterYear]
    a: Organization
    b: Organization
    c: Organization

    def members(self, year: int) -> dict[str, dict[str, Any]]:
        rows = self.years[year].memberships.select_related("organization")
        return {m.organization.code: {"joined_on": m.joined_on, "left_on": m.left_on} for m in rows}


@pytest.fixture
def communes(db: Any) -> Communes:
    authority = AuthorityFactory(code="NB", name="Hội đồng TĐKT tỉnh Ninh Bình")
    cluster = ClusterFactory(authority=authority, code="NB-C01", name="Cụm thi đua số 1")
    units = [
        OrganizationFactory(
            code=f"XA-{letter}", name=f"Xã {letter}", kind="commune", authority=authority
        )
        for letter in "ABC"
    ]
    years = {}
    for year in (2024, 2025, 2026):
        cy = ClusterYearFactory(cluster=cluster, year=year)
        for unit in units:
            ClusterMembershipFactory(cluster_year=cy, organization=unit)
        cy.head, cy.deputy = units[0], units[1]
        cy.save()
        years[year] = cy
    return Communes(authority, cluster, years, *units)
