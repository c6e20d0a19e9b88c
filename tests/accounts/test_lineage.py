"""The accounts of an authority pass to its successor with its work: Ninh Bình's board officers
manage the people of the Nam Định council and of its units after the merger (docs/authorities.md);
a third authority's officer still sees none of them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import (
    AuthorityFactory,
    AuthoritySuccessionFactory,
    OrganizationFactory,
    UserFactory,
)
from thidua.accounts import services
from thidua.accounts.enums import Role
from thidua.accounts.selectors import users_for_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _nam_dinh_people(world: World) -> tuple:
    nam_dinh = AuthorityFactory(code="ND", name="Hội đồng TĐKT tỉnh Nam Định")
    AuthoritySuccessionFactory(
        predecessor=nam_dinh, successor=world.authority, effective_date=dt.date(2025, 7, 1)
    )
    unit = OrganizationFactory(authority=nam_dinh, name="Sở Tư pháp tỉnh Nam Định")
    officer = UserFactory(role=Role.UNIT_OFFICER, organization=unit, authority=None)
    board = UserFactory(role=Role.BOARD_OFFICER, authority=nam_dinh)
    return unit, officer, board


def test_successor_board_officer_manages_the_predecessors_people(world: World) -> None:
    unit, officer, board = _nam_dinh_people(world)

    assert {officer, board} <= set(users_for_user(world.board))
    assert world.board.has_perm("accounts.deactivate_user", officer)
    services.assign_role(user=world.board, target=officer, role=Role.UNIT_LEADER, organization=unit)
    officer.refresh_from_db()
    assert officer.role == Role.UNIT_LEADER


def test_a_third_authority_sees_none_of_them(world: World) -> None:
    _unit, officer, _board = _nam_dinh_people(world)

    assert officer not in users_for_user(world.other_board)
    assert not world.other_board.has_perm("accounts.deactivate_user", officer)
    client = Client()
    client.force_login(world.other_board)
    assert client.get(f"/accounts/users/{officer.pk}/").status_code == 404
    client.force_login(world.board)
    assert client.get(f"/accounts/users/{officer.pk}/").status_code == 200
