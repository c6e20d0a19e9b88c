"""Every people action × persona: the service and ``user.has_perm`` give the same answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from tests.conftest import World
from tests.people.helpers import D, person
from thidua.core.permissions import ACTIONS
from thidua.people import services
from thidua.people.enums import InitiativeScope
from thidua.people.models import Person

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {
    "people.create_person",
    "people.record_employment",
    "people.end_employment",
    "people.record_rating",
    "people.record_discipline",
    "people.view_discipline",
    "people.record_initiative",
}
PERSONAS = ["admin", "board", "other_board", "officer", "leader", "viewer", "outsider"]
ALLOWED = {
    "people.create_person": {"admin", "board", "officer"},
    "people.record_employment": {"admin", "board", "officer"},
    "people.end_employment": {"admin", "board", "officer"},
    "people.record_rating": {"admin", "board", "officer"},
    "people.record_discipline": {"admin", "board", "leader"},
    "people.view_discipline": {"admin", "board", "officer", "leader"},
    "people.record_initiative": {"admin", "board", "officer"},
}
SERVICES: dict[str, Callable[[Any, Person, World], object]] = {
    "people.create_person": lambda u, p, w: person(u, w.member, code="P-NEW"),
    "people.record_employment": lambda u, p, w: services.record_employment(
        user=u,
        person=p,
        organization=w.member,
        category="cadre",
        valid_from=D(2010, 1, 1),
        valid_to=D(2010, 12, 31),
    ),
    "people.end_employment": lambda u, p, w: services.end_employment(
        user=u, employment=p.employments.get(), valid_to=D(2024, 12, 31)
    ),
    "people.record_rating": lambda u, p, w: services.record_rating(
        user=u, person=p, year=2023, rating="HTT"
    ),
    "people.record_discipline": lambda u, p, w: services.record_discipline(
        user=u, person=p, kind="pending", effective_from=D(2024, 2, 1)
    ),
    "people.record_initiative": lambda u, p, w: services.record_initiative(
        user=u,
        code="SK-1",
        title="Sáng kiến",
        year=2023,
        authors=[p],
        recognition_ref="1/QĐ",
        recognised_on=D(2023, 12, 1),
        recognised_by="Sở Nội vụ",
        scope=InitiativeScope.UNIT,
    ),
}


def test_every_people_action_is_covered() -> None:
    assert {name for name in ACTIONS if name.startswith("people.")} == COVERED


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(COVERED))
def test_the_service_and_has_perm_agree(world: World, name: str, persona: str) -> None:
    p = person(world.admin, world.member)
    user = world.user(persona)
    expected = persona in ALLOWED[name]
    assert user.has_perm(name, world.member) is expected
    service = SERVICES.get(name)
    if service is None:
        return
    if expected:
        service(user, p, world)
    else:
        with pytest.raises(PermissionDenied):
            service(user, p, world)
