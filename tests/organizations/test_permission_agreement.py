"""Every action on authorities × every persona: the menu, the page's forms, the view, the API and
the service give the same answer as ``user.has_perm`` (system administrators only)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.conftest import World
from tests.factories import AuthorityFactory
from thidua.clusters.authority_selectors import authorities_for_user
from thidua.organizations.authority_services import (
    create_authority,
    record_authority_succession,
    update_authority,
)
from thidua.organizations.models import AuthoritySuccession

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {"organizations.manage_authority", "organizations.record_authority_succession"}
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


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_managing_authorities_agrees_everywhere(world: World, persona: str) -> None:
    user = world.user(persona)
    allowed = user.has_perm("organizations.manage_authority")
    client = _client(world, persona)
    menu = 'href="/authorities/"' in client.get("/clusters/").content.decode()
    create_page = client.get("/authorities/new/").status_code
    api = client.post(
        "/api/v1/authorities/",
        {"code": f"API-{persona}", "name": "Cơ quan mới", "level": "province"},
        content_type="application/json",
    ).status_code
    try:
        create_authority(code=f"SVC-{persona}", name="Cơ quan mới", level="province", user=user)
        refused = False
    except PermissionDenied:
        refused = True
    assert (menu, create_page, api, refused) == (
        (True, 200, 201, False) if allowed else (False, 403, 403, True)
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_editing_an_authority_agrees_everywhere(world: World, persona: str) -> None:
    user = world.user(persona)
    authority = world.authority
    allowed = user.has_perm("organizations.manage_authority", authority)
    visible = authorities_for_user(user).filter(pk=authority.pk).exists()
    client = _client(world, persona)
    detail = client.get(f"/authorities/{authority.pk}/")
    edit = client.get(f"/authorities/{authority.pk}/edit/").status_code
    api = client.patch(
        f"/api/v1/authorities/{authority.pk}/",
        {"short_name": "HĐ"},
        content_type="application/json",
    ).status_code
    try:
        update_authority(authority=authority, short_name="Sửa", user=user)
        refused = False
    except PermissionDenied:
        refused = True
    if not visible:
        assert (detail.status_code, edit, api, allowed) == (404, 404, 404, False)
    else:
        offered = f'href="/authorities/{authority.pk}/edit/"' in detail.content.decode()
        expected = (True, 200, 200) if allowed else (False, 403, 403)
        assert (offered, edit, api) == expected
    assert refused == (not allowed)


@pytest.mark.parametrize("persona", PERSONAS)
def test_recording_a_successor_agrees_everywhere(world: World, persona: str) -> None:
    user = world.user(persona)
    nam_dinh = AuthorityFactory(code="ND", name="Hội đồng TĐKT tỉnh Nam Định")
    allowed = user.has_perm("organizations.record_authority_succession", nam_dinh)
    client = _client(world, persona)
    visible = authorities_for_user(user).filter(pk=nam_dinh.pk).exists()
    page = client.get(f"/authorities/{nam_dinh.pk}/")
    posted = client.post(
        f"/authorities/{nam_dinh.pk}/successor/",
        {"succession-successor": world.authority.pk, "succession-effective_date": "2025-07-01"},
    ).status_code
    api = client.post(
        f"/api/v1/authorities/{nam_dinh.pk}/successors/",
        {"successor": "HP", "effective_date": "2025-07-01"},
        content_type="application/json",
    ).status_code
    AuthoritySuccession.objects.all().delete()
    try:
        record_authority_succession(
            predecessor=nam_dinh,
            successor=world.other_authority,
            effective_date=dt.date(2025, 7, 1),
            user=user,
        )
        refused = False
    except PermissionDenied:
        refused = True
    if not visible:
        assert (page.status_code, posted, api, allowed) == (404, 404, 404, False)
    else:
        offered = f'action="/authorities/{nam_dinh.pk}/successor/"' in page.content.decode()
        expected = (True, 302, 201) if allowed else (False, 403, 403)
        assert (offered, posted, api) == expected
    assert refused == (not allowed)
