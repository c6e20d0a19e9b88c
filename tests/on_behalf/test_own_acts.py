"""A unit's own acts (self-scoring, signing the pledge, registering, reporting a drive, cross
scoring) are taken by the unit's own people only: a superuser — even one whose account carries a
unit role — a system administrator and a board officer are refused on each; they record such an
act only through the explicit on-behalf actions (``test_permission_agreement``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.conftest import World
from tests.factories import UserFactory
from tests.factories_scoring import build_criteria_set, fill_sheet, fresh, use_cross_scoring
from tests.factories_start_of_year import make_pledge, make_registration
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.planning.models import Drive
from thidua.scoring import selectors as scoring_selectors
from thidua.scoring.models import CrossSheet
from thidua.scoring.services.sheets import submit_sheet
from thidua.start_of_year.enums import RegistrationAction
from thidua.start_of_year.models import Registration
from thidua.start_of_year.services.registrations import transition_registration
from thidua.start_of_year.services.signatures import sign_pledge

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def superuser_with_unit_role(world: World) -> User:
    """The worst case: a superuser account that also says it leads the member unit."""
    return UserFactory(
        username="root_unit",
        is_superuser=True,
        is_staff=True,
        role=Role.UNIT_LEADER,
        organization=world.member,
    )


REFUSED = {
    "superuser with a unit role": superuser_with_unit_role,
    "system administrator": lambda world: world.admin,
    "board officer": lambda world: world.board,
}


def _sheet(world: World) -> Any:
    build_criteria_set(world.cy, world.secretariat)
    return scoring_selectors.sheet_for(fresh(world.cy), world.member)


def _cross(world: World) -> Any:
    build_criteria_set(world.cy, world.secretariat)
    use_cross_scoring(world.cy, world.secretariat)
    fill_sheet(fresh(world.cy), world.deputy, world.deputy_officer)
    return CrossSheet(cluster_year=fresh(world.cy), scorer=world.member, target=world.deputy)


def _registration(world: World) -> Any:
    return make_registration(world.cy, world.member, world.officer)


def _drive(world: World) -> Any:
    return Drive(
        cluster_year=world.cy,
        number=1,
        name="Đợt 1",
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2023, 12, 31),
    )


# Each own act: the permission and the object it is asked about (the member unit's).
OWN_ACTS: dict[str, Callable[[World], Any]] = {
    "scoring.edit_sheet": _sheet,
    "scoring.submit_sheet": _sheet,
    "scoring.cross_score": _cross,
    "start_of_year.sign_pledge": lambda world: make_pledge(world.cy, world.secretariat),
    "start_of_year.edit_registration": lambda world: Registration(
        cluster_year=world.cy, organization=world.member
    ),
    "start_of_year.submit_registration": _registration,
    "start_of_year.report_progress": lambda world: make_registration(
        world.cy, world.member, world.officer, accept_by=world.secretariat
    ),
    "planning.report_drive": _drive,
}


@pytest.mark.parametrize("who", sorted(REFUSED))
@pytest.mark.parametrize("perm", sorted(OWN_ACTS))
def test_nobody_but_the_unit_takes_the_units_own_act(world: World, perm: str, who: str) -> None:
    obj = OWN_ACTS[perm](world)
    leader_or_officer = world.leader if perm == "start_of_year.sign_pledge" else world.officer
    assert leader_or_officer.has_perm(perm, obj)  # the unit itself may
    assert not REFUSED[who](world).has_perm(perm, obj)


@pytest.mark.parametrize("who", sorted(REFUSED))
def test_superuser_cannot_submit_the_units_self_scoring(world: World, who: str) -> None:
    build_criteria_set(world.cy, world.secretariat)
    sheet = fill_sheet(fresh(world.cy), world.member, world.officer, submit=False)
    with pytest.raises(PermissionDenied):
        submit_sheet(sheet=sheet, user=REFUSED[who](world))


@pytest.mark.parametrize("who", sorted(REFUSED))
def test_superuser_cannot_sign_the_pledge_for_the_unit(world: World, who: str) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    with pytest.raises(PermissionDenied):
        sign_pledge(pledge=pledge, by=REFUSED[who](world), organization=world.member)


@pytest.mark.parametrize("who", sorted(REFUSED))
def test_superuser_cannot_submit_the_units_registration(world: World, who: str) -> None:
    registration = make_registration(world.cy, world.member, world.officer)
    with pytest.raises(PermissionDenied):
        transition_registration(
            registration=registration, action=RegistrationAction.SUBMIT, by=REFUSED[who](world)
        )


def test_the_schema_documents_the_on_behalf_endpoints(world: World) -> None:
    client = Client()
    client.force_login(world.board)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert {
        "/api/v1/scoring/sheets-on-behalf/",
        "/api/v1/pledge-signatures-on-behalf/",
        "/api/v1/registrations-on-behalf/",
    } <= set(schema["paths"])


@pytest.mark.parametrize(
    "model", ["pledgesignature", "registration", "pledge", "emulationmodel", "topic"]
)
def test_the_django_admin_is_no_back_door_to_a_units_act(world: World, model: str) -> None:
    """A superuser cannot add or change a signature or a registration from the Django admin."""
    client = Client()
    client.force_login(world.admin)
    assert client.get(f"/admin/start_of_year/{model}/add/").status_code == 403
    assert client.get(f"/admin/start_of_year/{model}/").status_code == 200


@pytest.mark.parametrize("app_model", ["scoring/scoresheet", "scoring/crosssheet"])
def test_the_admin_of_scoring_is_read_only(world: World, app_model: str) -> None:
    client = Client()
    client.force_login(world.admin)
    assert client.get(f"/admin/{app_model}/add/").status_code == 403
