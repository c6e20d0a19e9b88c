"""``restructuring.restructure`` × every persona: the menu, the pages, the wizard, the API and the
service give the same answer as ``user.has_perm`` (without an object: may this person restructure
at all; with the units' authority: may they restructure these units)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.conftest import World
from tests.factories import ClusterMembershipFactory, OrganizationFactory
from thidua.organizations.models import Organization
from thidua.restructuring import services
from thidua.restructuring.plan import Decision, Spec

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {"restructuring.restructure"}
PERSONAS = [
    "admin",
    "board",
    "other_board",
    "secretariat",
    "officer",
    "leader",
    "council",
    "viewer",
    "outsider",
    "deputy_officer",
]
DECISION = {
    "decision_number": "12/QĐ-UBND",
    "decision_date": "2025-06-10",
    "effective_date": "2025-07-01",
}


def _unit(world: World) -> Organization:
    """A unit of the world's authority, member of its cluster year (seen by its members)."""
    unit = OrganizationFactory(code="HN-SXD", name="Sở Xây dựng", authority=world.authority)
    ClusterMembershipFactory(cluster_year=world.cy, organization=unit)
    return unit


@pytest.mark.parametrize("persona", PERSONAS)
def test_menu_list_page_and_import_agree(world: World, persona: str) -> None:
    user = world.user(persona)
    allowed = user.has_perm("restructuring.restructure")
    client = Client()
    client.force_login(user)

    menu = 'href="/restructuring/"' in client.get("/").content.decode()
    statuses = {
        client.get(url).status_code
        for url in ("/restructuring/", "/restructuring/new/", "/restructuring/import/")
    }

    assert (menu, statuses) == ((True, {200}) if allowed else (False, {403}))
    assert allowed == (persona in {"admin", "board", "other_board"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_wizard_api_and_service_agree_on_the_units_authority(world: World, persona: str) -> None:
    user = world.user(persona)
    unit = _unit(world)
    allowed = user.has_perm("restructuring.restructure", world.authority)
    client = Client()
    client.force_login(user)
    spec = Spec(
        "dissolve",
        Decision("12/QĐ-UBND", dt.date(2025, 6, 10), dt.date(2025, 7, 1)),
        (unit,),
    )
    try:
        services.preview(spec, user=user)
        refused = False
    except PermissionDenied:
        refused = True
    api = client.post(
        "/api/v1/restructurings/preview/",
        {"kind": "dissolve", "units": [unit.code], **DECISION},
        content_type="application/json",
    )
    page = client.post("/restructuring/new/dissolve/", {"units": unit.code, **DECISION})

    assert refused == (not allowed)
    if allowed:
        assert (api.status_code, page.status_code) == (200, 200)
        assert "0 cụm, khối bị ảnh hưởng" in page.content.decode()  # 2023 is closed by time
    elif user.has_perm("restructuring.restructure"):  # an officer of another authority
        assert api.status_code == 400  # the unit is outside their scope: unknown code
        assert "Không tìm thấy đơn vị có mã: HN-SXD" in page.content.decode()
    else:
        assert (api.status_code, page.status_code) == (403, 403)
