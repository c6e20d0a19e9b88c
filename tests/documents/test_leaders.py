"""Who signs for a unit on a day: one rule for one unit and for many (PostgreSQL sorts NULLs
last in ascending order and SQLite first, so the rule must not depend on either)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import OrganizationFactory, OrganizationLeaderFactory
from thidua.documents.selectors import leader_on, leaders_on

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 3, 1)


def test_the_latest_dated_appointment_wins_over_an_undated_one() -> None:
    unit = OrganizationFactory()
    OrganizationLeaderFactory(organization=unit, full_name="Không ghi ngày")
    OrganizationLeaderFactory(organization=unit, full_name="Cũ", valid_from=dt.date(2020, 1, 1))
    OrganizationLeaderFactory(organization=unit, full_name="Mới", valid_from=dt.date(2023, 6, 1))
    OrganizationLeaderFactory(
        organization=unit, full_name="Sắp tới", valid_from=dt.date(2024, 6, 1)
    )
    single = leader_on(unit, DAY)
    assert single is not None and single.full_name == "Mới"
    assert leaders_on([unit.pk], DAY)[unit.pk].full_name == "Mới"


def test_many_units_in_one_query_agree_with_one_by_one() -> None:
    units = [OrganizationFactory() for _ in range(3)]
    OrganizationLeaderFactory(organization=units[0], full_name="A")
    OrganizationLeaderFactory(
        organization=units[1], full_name="B", valid_to=dt.date(2023, 12, 31)
    )  # ended before the day: nobody signs
    OrganizationLeaderFactory(organization=units[2], full_name="C", valid_from=dt.date(2022, 1, 1))
    many = leaders_on([u.pk for u in units], DAY)
    assert {pk: leader.full_name for pk, leader in many.items()} == {
        units[0].pk: "A",
        units[2].pk: "C",
    }
    for unit in units:
        one = leader_on(unit, DAY)
        assert (one.full_name if one else None) == (
            many[unit.pk].full_name if unit.pk in many else None
        )
