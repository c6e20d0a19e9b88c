"""Fixtures of the start-of-year tests: the award catalogue and a leader for every member."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World
from tests.factories import OrganizationLeaderFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.awards.services import load_award_catalogue


@pytest.fixture
def catalogue(db: Any) -> None:
    """The catalogue comes from a data migration; transactional tests flush it, so reload."""
    load_award_catalogue()


@pytest.fixture
def leaders(world: World, catalogue: None) -> dict[str, User]:
    """Leader accounts of the head and deputy units (the member's is ``world.leader``), and the
    member's official leader record (the default signer)."""
    OrganizationLeaderFactory(
        organization=world.member, full_name="Nguyễn Thị Liễu", position="Phó Giám đốc"
    )
    return {
        "head": UserFactory(
            username="head_leader",
            role=Role.UNIT_LEADER,
            organization=world.head,
            full_name="Đinh Quốc Hùng",
            position="Chánh Văn phòng",
        ),
        "deputy": UserFactory(
            username="deputy_leader",
            role=Role.UNIT_LEADER,
            organization=world.deputy,
            full_name="Nguyễn Thị Ngọc Anh",
            position="Phó Giám đốc",
        ),
        "member": world.leader,
    }
