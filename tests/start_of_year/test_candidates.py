"""The registrations propose the candidates of an award ballot: the units registered for it."""

from __future__ import annotations

import pytest

from tests.conftest import World
from tests.factories_start_of_year import award, make_registration
from thidua.clusters.candidates import CANDIDATE_SOURCES
from thidua.start_of_year.candidates import registered_units

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_the_registrations_source_is_registered_after_the_ranking() -> None:
    source = CANDIDATE_SOURCES.get("start_of_year.registrations")
    assert source is not None
    assert (source.order, source.lists_registrations) == (20, True)
    assert source.propose is registered_units


def test_units_registered_for_the_award_are_proposed(world: World, leaders: dict) -> None:
    make_registration(world.cy, world.member, world.officer, award_code="CTD_CP", submit=True)
    make_registration(
        world.cy, world.deputy, world.deputy_officer, award_code="CTD_CP", accept_by=world.admin
    )
    make_registration(world.cy, world.head, world.secretariat, award_code="TTLDXS", submit=True)
    proposed = registered_units(world.cy, award("CTD_CP"))
    assert [(c.organization.name, c.rank, c.registered) for c in proposed] == [
        ("Sở Ngoại vụ", None, True),
        ("Sở Nội vụ", None, True),
    ]


def test_a_draft_registration_is_not_a_registration(world: World, leaders: dict) -> None:
    make_registration(world.cy, world.member, world.officer, award_code="CTD_CP")
    assert registered_units(world.cy, award("CTD_CP")) == []


def test_an_election_has_no_registrations(world: World, leaders: dict) -> None:
    make_registration(world.cy, world.member, world.officer, award_code="CTD_CP", submit=True)
    assert registered_units(world.cy, None) == []
