"""Every award-history action × persona: the service and ``user.has_perm`` give the same answer
(the unit answering is the Hà Nội member unit)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from tests.awards.history.helpers import D, award, award_type, form_type
from tests.conftest import World
from tests.people.helpers import person
from thidua.awards import history_services
from thidua.awards.history import AwardRecord
from thidua.people import services as people_services
from thidua.people.enums import InitiativeScope

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {
    "awards.record_award",
    "awards.revoke_award",
    "awards.record_collective_year",
    "awards.use_initiative",
}
PERSONAS = ["admin", "board", "other_board", "officer", "leader", "viewer", "outsider"]
ALLOWED = {
    "awards.record_award": {"admin", "board", "officer"},  # officer: grassroots only
    "awards.revoke_award": {"admin", "board"},
    "awards.record_collective_year": {"admin", "board", "officer"},
    "awards.use_initiative": {"admin", "board", "officer"},
}


def _use(user: Any, world: World, record: AwardRecord) -> object:
    sk = people_services.record_initiative(
        user=world.admin,
        code="SK-1",
        title="Sáng kiến",
        year=2022,
        authors=[record.person],
        recognition_ref="1/QĐ",
        recognised_on=D(2022, 12, 1),
        recognised_by="Sở Nội vụ",
        scope=InitiativeScope.UNIT,
    )
    return history_services.use_initiative(
        user=user, initiative=sk, award_record=record, used_on=D(2023, 1, 1)
    )


SERVICES: dict[str, Callable[[Any, World, AwardRecord], object]] = {
    "awards.record_award": lambda u, w, r: award(u, award_type(), person=r.person, year=2021),
    "awards.revoke_award": lambda u, w, r: history_services.revoke_award(
        user=u, record=r, revoked_on=D(2024, 6, 1), revocation_ref="9/QĐ"
    ),
    "awards.record_collective_year": lambda u, w, r: history_services.record_collective_year(
        user=u, organization=w.member, year=2023, members=3, completed=3, ldtt=2, cstdcs=1
    ),
    "awards.use_initiative": _use,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(COVERED))
def test_the_service_and_has_perm_agree(world: World, name: str, persona: str) -> None:
    p = person(world.admin, world.member, valid_from=D(2015, 1, 1))
    record = award(world.admin, award_type(), person=p, year=2022)
    user = world.user(persona)
    expected = persona in ALLOWED[name]
    obj = (
        world.member
        if name in {"awards.record_collective_year", "awards.use_initiative"}
        else record
    )
    assert user.has_perm(name, obj) is expected
    if expected:
        SERVICES[name](user, world, record)
    else:
        with pytest.raises(PermissionDenied):
            SERVICES[name](user, world, record)


def test_the_unit_officer_records_no_provincial_form(world: World) -> None:
    p = person(world.admin, world.member)
    with pytest.raises(PermissionDenied):
        award(world.officer, form_type(), person=p)
    assert world.board.has_perm("awards.record_award", award(world.board, form_type(), person=p))
