"""Every legal action × persona × version (national or local, published or draft): the
service, ``user.has_perm`` and the buttons of the version's page give the same answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.conftest import World
from tests.legal.helpers import local_set, national
from thidua.core.permissions import ACTIONS
from thidua.legal import services
from thidua.legal.instrument_services import create_instrument, end_instrument
from thidua.legal.models import LegalInstrument, RuleSet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = dt.date

COVERED = {
    "legal.view_rule_sets",
    "legal.create_local_set",
    "legal.clone_rule_set",
    "legal.edit_draft",
    "legal.delete_draft",
    "legal.publish_rule_set",
    "legal.close_rule_set",
    "legal.manage_instruments",
}
PERSONAS = ["admin", "board", "other_board", "officer", "viewer", "outsider"]
VERSIONS = ["national", "national_draft", "local", "local_draft"]
BUTTONS = {
    "legal.clone_rule_set": "/clone/",
    "legal.edit_draft": "/edit/",
    "legal.publish_rule_set": "/publish/",
    "legal.close_rule_set": "/close/",
    "legal.delete_draft": "/delete/",
}

SERVICES: dict[str, Callable[[Any, RuleSet], object]] = {
    "legal.clone_rule_set": lambda u, rs: services.clone_rule_set(user=u, rule_set=rs),
    "legal.edit_draft": lambda u, rs: services.set_parameter(
        user=u, rule_set=rs, code="ldtt_min_rating", value="HT", operator="gte"
    ),
    "legal.delete_draft": lambda u, rs: services.delete_draft(user=u, rule_set=rs),
    "legal.publish_rule_set": lambda u, rs: services.publish_rule_set(
        user=u, rule_set=rs, legal_basis="thử", instruments=[], effective_from=D(2040, 1, 1)
    ),
    "legal.close_rule_set": lambda u, rs: services.close_rule_set(
        user=u, rule_set=rs, effective_to=D(2039, 12, 31)
    ),
}


def version(world: World, kind: str) -> RuleSet:
    source = national() if kind.startswith("national") else local_set(world.authority)
    if kind.endswith("draft"):
        return services.clone_rule_set(user=world.admin, rule_set=source)
    return source


def test_every_legal_action_is_covered() -> None:
    assert {name for name in ACTIONS if name.startswith("legal.")} == COVERED


@pytest.mark.parametrize("kind", VERSIONS)
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(SERVICES))
def test_service_and_permission_agree(world: World, name: str, persona: str, kind: str) -> None:
    user = world.user(persona)
    rule_set = version(world, kind)
    allowed = user.has_perm(name, rule_set)
    if allowed:
        SERVICES[name](user, rule_set)
    else:
        with pytest.raises(PermissionDenied):
            SERVICES[name](user, rule_set)
    expected = {
        "admin": True,
        "board": kind.startswith("local"),
    }.get(persona, False)
    draft_only = name in {"legal.edit_draft", "legal.delete_draft", "legal.publish_rule_set"}
    published_only = name in {"legal.clone_rule_set", "legal.close_rule_set"}
    in_state = (kind.endswith("draft") and draft_only) or (
        not kind.endswith("draft") and published_only
    )
    assert allowed == (expected and in_state)


@pytest.mark.parametrize("kind", VERSIONS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_page_shows_exactly_the_allowed_buttons(world: World, persona: str, kind: str) -> None:
    user = world.user(persona)
    rule_set = version(world, kind)
    client = Client()
    client.force_login(user)
    response = client.get(f"/legal/{rule_set.code}/")
    own = user.authority_id == world.authority.pk
    visible = persona == "admin" or kind.startswith("national") or own
    if not visible:
        assert response.status_code == 404
        return
    body = response.content.decode()
    for name, tail in BUTTONS.items():
        assert (f'/legal/{rule_set.code}{tail}"' in body) == user.has_perm(name, rule_set), name


@pytest.mark.parametrize("persona", PERSONAS)
def test_creating_a_local_version_agrees(world: World, persona: str) -> None:
    user = world.user(persona)
    allowed = user.has_perm("legal.create_local_set", world.authority)
    assert allowed == (persona in {"admin", "board"})
    client = Client()
    client.force_login(user)
    body = client.get("/legal/").content.decode()
    assert ('action="/legal/new/"' in body) == (persona in {"admin", "board", "other_board"})
    response = client.post(
        "/legal/new/",
        {"authority": world.authority.pk, "family": "tdkt", "code": "ha-noi-2026", "name": "HN"},
    )
    created = RuleSet.objects.filter(code="ha-noi-2026").first()
    assert (created is not None) == allowed
    if allowed:
        assert response.url == "/legal/ha-noi-2026/edit/"
        assert (created.authority, created.status, created.version) == (world.authority, "draft", 1)
    elif persona == "other_board":
        assert response.status_code == 302  # the form offers only their own authority
    else:
        assert response.status_code == 403


INSTRUMENTS = ["national", "local", "other_local"]


def _manages(persona: str, kind: str) -> bool:
    """The system administrator any; a board officer the local ones of their authority."""
    return persona == "admin" or (persona, kind) in {
        ("board", "local"),
        ("other_board", "other_local"),
    }


def instrument(world: World, kind: str) -> LegalInstrument:
    if kind == "national":
        return LegalInstrument.objects.get(code="LUAT-2022")
    authority = world.authority if kind == "local" else world.other_authority
    return LegalInstrument.objects.create(
        code=f"QD-{kind}",
        kind="decision",
        number="1/2026/QĐ-UBND",
        short_name=f"QĐ {kind}",
        title="Quy định thi đua",
        issuer="UBND",
        authority=authority,
        effective_from=D(2026, 1, 1),
    )


@pytest.mark.parametrize("kind", INSTRUMENTS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_ending_an_instrument_agrees(world: World, persona: str, kind: str) -> None:
    """Service, has_perm, the list's button and the end page give one answer; outside the
    authority the page is a 404."""
    user = world.user(persona)
    subject = instrument(world, kind)
    allowed = user.has_perm("legal.manage_instruments", subject)
    assert allowed == _manages(persona, kind)
    client = Client()
    client.force_login(user)
    url = f"/legal/instruments/{subject.code}/end/"
    visible = persona == "admin" or kind == "national" or user.authority_id == subject.authority_id
    listed = client.get("/legal/instruments/").content.decode()
    assert (f'href="{url}"' in listed) == allowed
    page = client.get(url).status_code
    assert page == (200 if allowed else 403 if visible else 404)
    if allowed:
        end_instrument(user=user, instrument=subject, effective_to=D(2039, 12, 31))
    else:
        with pytest.raises(PermissionDenied):
            end_instrument(user=user, instrument=subject, effective_to=D(2039, 12, 31))


@pytest.mark.parametrize("kind", INSTRUMENTS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_adding_an_instrument_agrees(world: World, persona: str, kind: str) -> None:
    user = world.user(persona)
    authority = {"national": None, "local": world.authority, "other_local": world.other_authority}
    unsaved = LegalInstrument(authority=authority[kind])
    allowed = user.has_perm("legal.manage_instruments", unsaved)
    assert allowed == _manages(persona, kind)
    values = {
        "code": f"NEW-{kind}",
        "kind": "decision",
        "number": "2/2026",
        "short_name": "QĐ 2/2026",
        "title": "Quy định",
        "issuer": "UBND",
        "authority": authority[kind],
    }
    if allowed:
        assert create_instrument(user=user, **values).authority == authority[kind]
    else:
        with pytest.raises(PermissionDenied):
            create_instrument(user=user, **values)
    client = Client()
    client.force_login(user)
    may_ever = user.has_perm("legal.manage_instruments")
    assert client.get("/legal/instruments/new/").status_code == (200 if may_ever else 403)
