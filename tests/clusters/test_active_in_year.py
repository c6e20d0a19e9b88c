"""The units a cluster year offers are those active in that year, not those active today."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.conftest import World
from tests.factories import (
    ClusterFactory,
    ClusterMembershipFactory,
    ClusterYearFactory,
    OrganizationFactory,
)
from thidua.clusters import services
from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_units, member_candidates, units_active_in_year
from thidua.organizations.enums import OrganizationKind
from thidua.organizations.models import Organization

pytestmark = [pytest.mark.django_db]

D = dt.date


def _year_2024(world: World) -> ClusterYear:
    return ClusterYearFactory(cluster=world.cy.cluster, year=2024)


def _restructured_units(world: World) -> dict[str, Organization]:
    """A department merged away on 1/7/2025, a commune founded then, one gone before 2024."""
    return {
        "merged_2025": OrganizationFactory(
            code="HN-SGTVT", name="Sở Giao thông vận tải", valid_to=D(2025, 6, 30),
            authority=world.authority,
        ),
        "founded_2025": OrganizationFactory(
            code="HN-XSS", name="Xã Sóc Sơn", kind=OrganizationKind.COMMUNE,
            valid_from=D(2025, 7, 1), authority=world.authority,
        ),
        "gone_2023": OrganizationFactory(
            code="HN-SCU", name="Sở cũ", valid_to=D(2023, 12, 31), authority=world.authority
        ),
        "new_on_31_12_2024": OrganizationFactory(
            code="HN-SMOI", name="Sở mới", valid_from=D(2024, 12, 31), authority=world.authority
        ),
    }  # fmt: skip


def _picker_codes(client: Client, year: int, units: dict[str, Organization]) -> set[str]:
    """The codes the member picker of ``year`` finds: its search asks for the units active in
    that year (``core.forms.UnitCodeField``, ``/organizations/search/?year=``)."""
    page = client.get(f"/clusters/HN-C06/{year}/").content.decode()
    assert f"&quot;year&quot;: {year}" in page
    found: set[str] = set()
    for unit in units.values():
        params = {"q": unit.code, "year": year, "field": "id_add-organization"}
        html = client.get("/organizations/search/", params).content.decode()
        found |= set(re.findall(r'data-set-code="([^"]+)"', html))
    return found


@pytest.mark.integration
def test_the_member_picker_of_2024_offers_the_units_active_in_2024(
    client: Client, world: World
) -> None:
    units = _restructured_units(world)
    cy = _year_2024(world)
    client.force_login(world.board)

    offered = _picker_codes(client, cy.year, units)

    assert units["merged_2025"].code in offered  # active in 2024, dissolved since
    assert units["new_on_31_12_2024"].code in offered
    assert units["founded_2025"].code not in offered
    assert units["gone_2023"].code not in offered


@pytest.mark.integration
def test_the_member_picker_of_2025_offers_both_sides_of_the_restructuring(
    client: Client, world: World
) -> None:
    units = _restructured_units(world)
    ClusterYearFactory(cluster=world.cy.cluster, year=2025)
    client.force_login(world.board)

    offered = _picker_codes(client, 2025, units)

    assert {units["merged_2025"].code, units["founded_2025"].code} <= offered
    assert units["gone_2023"].code not in offered


@pytest.mark.unit
def test_the_picker_leaves_out_members_and_units_of_another_cluster_of_the_kind(
    world: World,
) -> None:
    other = ClusterYearFactory(
        cluster=ClusterFactory(authority=world.authority, code="HN-C07"), year=2023
    )
    taken = ClusterMembershipFactory(cluster_year=other).organization
    bloc = ClusterYearFactory(
        cluster=ClusterFactory(authority=world.authority, code="HN-K01", kind="bloc"), year=2023
    )
    in_a_bloc = ClusterMembershipFactory(cluster_year=bloc).organization

    offered = set(member_candidates(world.cy))

    assert world.member not in offered
    assert taken not in offered
    assert in_a_bloc in offered  # a bloc is another kind: a unit may be in a cluster and a bloc


@pytest.mark.unit
@pytest.mark.parametrize(
    ("valid_from", "valid_to", "active"),
    [
        (None, None, True),
        (D(2024, 12, 31), None, True),
        (D(2025, 1, 1), None, False),
        (None, D(2024, 1, 1), True),
        (None, D(2023, 12, 31), False),
        (D(2020, 1, 1), D(2024, 6, 30), True),
    ],
)
def test_active_in_a_year_is_the_same_rule_in_the_database_and_the_model(
    world: World, valid_from: dt.date | None, valid_to: dt.date | None, active: bool
) -> None:
    unit = OrganizationFactory(valid_from=valid_from, valid_to=valid_to)

    assert unit.is_active_in_year(2024) is active
    assert (unit in set(units_active_in_year(2024))) is active


@pytest.mark.unit
def test_the_service_refuses_a_unit_not_active_in_the_year(world: World) -> None:
    units = _restructured_units(world)
    cy = _year_2024(world)

    with pytest.raises(ValidationError, match="bắt đầu hoạt động năm 2025"):
        services.add_member(cluster_year=cy, organization=units["founded_2025"], user=world.board)
    with pytest.raises(ValidationError, match="đã giải thể ngày 31/12/2023"):
        services.add_member(cluster_year=cy, organization=units["gone_2023"], user=world.board)
    services.add_member(cluster_year=cy, organization=units["merged_2025"], user=world.board)

    assert units["merged_2025"] in set(cluster_year_units(cy))


@pytest.mark.integration
def test_adding_a_unit_not_active_in_the_year_from_the_page_is_refused(
    client: Client, world: World
) -> None:
    units = _restructured_units(world)
    cy = _year_2024(world)
    client.force_login(world.board)

    response = client.post(
        f"/clusters/HN-C06/{cy.year}/members/add/",
        {"add-organization": units["founded_2025"].code},
        follow=True,
    )

    assert "bắt đầu hoạt động năm 2025" in response.content.decode()
    assert not cy.memberships.filter(organization=units["founded_2025"]).exists()
