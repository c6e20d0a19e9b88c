"""The authority pages (/authorities/) and their API (/api/v1/authorities/)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import (
    AuthorityFactory,
    AuthoritySuccessionFactory,
    ClusterFactory,
    ClusterYearFactory,
)
from thidua.audit.models import AuditEvent
from thidua.organizations.enums import AuthorityLevel
from thidua.organizations.models import Authority, AuthoritySuccession

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _names(response: Any) -> list[str]:
    return [a.name for a in response.context["page"].object_list]


def test_the_administrator_lists_every_authority_with_its_successor(world: World) -> None:
    nam_dinh = AuthorityFactory(name="Hội đồng TĐKT tỉnh Nam Định")
    AuthoritySuccessionFactory(predecessor=nam_dinh, successor=world.authority)
    response = _client(world.admin).get("/authorities/")
    body = response.content.decode()
    assert _names(response) == [  # Vietnamese order: Đ before h
        "Hội đồng TĐKT tỉnh Nam Định",
        "Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội",
        "Hội đồng Thi đua - Khen thưởng Thành phố Hải Phòng",
    ]
    assert "Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội (01/07/2025)" in body
    assert 'href="/authorities/new/"' in body


def test_search_and_level_filter(world: World) -> None:
    AuthorityFactory(name="Hội đồng TĐKT xã Đông Anh", level=AuthorityLevel.COMMUNE)
    client = _client(world.admin)
    assert _names(client.get("/authorities/", {"q": "xa dong anh"})) == [
        "Hội đồng TĐKT xã Đông Anh"
    ]
    assert _names(client.get("/authorities/", {"level": "commune"})) == [
        "Hội đồng TĐKT xã Đông Anh"
    ]


def test_people_see_the_authorities_of_their_scope_only(world: World) -> None:
    nam_dinh = AuthorityFactory(name="Hội đồng TĐKT tỉnh Nam Định")
    AuthoritySuccessionFactory(predecessor=nam_dinh, successor=world.authority)
    board = _client(world.board)
    assert _names(board.get("/authorities/")) == [
        "Hội đồng TĐKT tỉnh Nam Định",
        "Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội",
    ]
    assert _names(_client(world.officer).get("/authorities/")) == [
        "Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội"
    ]
    assert _client(world.other_board).get(f"/authorities/{nam_dinh.pk}/").status_code == 404
    assert 'href="/authorities/new/"' not in board.get("/authorities/").content.decode()


def test_the_menu_links_the_authorities_for_administrators_only(world: World) -> None:
    assert 'href="/authorities/"' in _client(world.admin).get("/clusters/").content.decode()
    assert 'href="/authorities/"' not in _client(world.board).get("/clusters/").content.decode()


def test_the_authority_page_shows_predecessors_successors_and_clusters(world: World) -> None:
    nam_dinh = AuthorityFactory(name="Hội đồng TĐKT tỉnh Nam Định")
    AuthoritySuccessionFactory(
        predecessor=nam_dinh,
        successor=world.authority,
        effective_date=dt.date(2025, 7, 1),
        decision_number="202/2025/QH15",
    )
    ClusterYearFactory(cluster=ClusterFactory(authority=nam_dinh, name="Khối các sở Nam Định"))
    client = _client(world.board)
    mine = client.get(f"/authorities/{world.authority.pk}/").content.decode()
    theirs = client.get(f"/authorities/{nam_dinh.pk}/").content.decode()
    assert ("Hội đồng TĐKT tỉnh Nam Định" in mine, "202/2025/QH15" in mine) == (True, True)
    assert "Cụm thi đua số 6" in mine
    assert ("Khối các sở Nam Định" in theirs, "Thành phố Hà Nội" in theirs) == (True, True)
    assert 'action="/authorities/' not in mine  # no forms for a board officer


def test_the_administrator_creates_and_edits_an_authority_from_the_pages(world: World) -> None:
    central = AuthorityFactory(code="TW", name="Hội đồng TĐKT Trung ương", level="central")
    client = _client(world.admin)
    assert client.get("/authorities/new/").status_code == 200
    response = client.post(
        "/authorities/new/",
        {
            "code": "NB",
            "name": "Hội đồng TĐKT tỉnh Ninh Bình",
            "level": "province",
            "province": "Ninh Bình",
            "parent": central.pk,
            "valid_from": "2025-07-01",
        },
    )
    ninh_binh = Authority.objects.get(code="NB")
    assert (response.status_code, response.url) == (302, f"/authorities/{ninh_binh.pk}/")
    assert (ninh_binh.parent, ninh_binh.valid_from) == (central, dt.date(2025, 7, 1))
    response = client.post(
        f"/authorities/{ninh_binh.pk}/edit/",
        {"name": "Hội đồng TĐKT tỉnh Ninh Bình (mới)", "level": "province", "parent": central.pk},
    )
    ninh_binh.refresh_from_db()
    assert (response.status_code, ninh_binh.name, ninh_binh.valid_from) == (
        302,
        "Hội đồng TĐKT tỉnh Ninh Bình (mới)",
        None,
    )
    assert AuditEvent.objects.filter(action__startswith="authority.").count() == 2


def test_a_wrong_parent_level_is_shown_on_the_form(world: World) -> None:
    central = AuthorityFactory(code="TW", level="central")
    response = _client(world.admin).post(
        "/authorities/new/", {"code": "XA", "name": "Xã", "level": "commune", "parent": central.pk}
    )
    assert (response.status_code, list(response.context["form"].errors)) == (200, ["parent"])
    assert not Authority.objects.filter(code="XA").exists()


def test_the_administrator_records_a_successor_from_the_page(world: World) -> None:
    nam_dinh = AuthorityFactory(code="ND", name="Hội đồng TĐKT tỉnh Nam Định")
    client = _client(world.admin)
    page = client.get(f"/authorities/{nam_dinh.pk}/").content.decode()
    assert f'action="/authorities/{nam_dinh.pk}/successor/"' in page
    response = client.post(
        f"/authorities/{nam_dinh.pk}/successor/",
        {
            "succession-successor": world.authority.pk,
            "succession-effective_date": "2025-07-01",
            "succession-decision_number": "202/2025/QH15",
            "succession-close_predecessor": "on",
        },
    )
    assert response.status_code == 302
    link = AuthoritySuccession.objects.get()
    assert (link.predecessor, link.successor, link.effective_date) == (
        nam_dinh,
        world.authority,
        dt.date(2025, 7, 1),
    )


@pytest.mark.parametrize("persona", ["board", "council", "secretariat", "officer"])
def test_people_other_than_administrators_are_refused_the_forms(world: World, persona: str) -> None:
    client = _client(world.user(persona))
    pk = world.authority.pk
    assert client.get("/authorities/new/").status_code == 403
    assert client.get(f"/authorities/{pk}/edit/").status_code == 403
    response = client.post(
        f"/authorities/{pk}/successor/",
        {
            "succession-successor": world.other_authority.pk,
            "succession-effective_date": "2025-07-01",
        },
    )
    assert response.status_code == 403
    assert not AuthoritySuccession.objects.exists()


@pytest.mark.parametrize("extra", [1, 10])
def test_the_authority_list_query_count_is_constant(
    world: World, django_assert_num_queries: Any, extra: int
) -> None:
    for _ in range(extra):
        AuthoritySuccessionFactory(successor=world.authority)
    client = _client(world.admin)
    with django_assert_num_queries(5):
        response = client.get("/authorities/")
    assert len(response.context["page"].object_list) == 2 + extra


# ---------------------------------------------------------------- the API


def test_everyone_reads_the_authorities_of_their_scope_through_the_api(world: World) -> None:
    nam_dinh = AuthorityFactory(code="ND")
    AuthoritySuccessionFactory(predecessor=nam_dinh, successor=world.authority)
    rows = _client(world.board).get("/api/v1/authorities/").json()["results"]
    assert sorted(r["code"] for r in rows) == ["HN", "ND"]
    hn = next(r for r in rows if r["code"] == "HN")
    assert [p["predecessor"] for p in hn["predecessors"]] == ["ND"]
    assert _client(world.other_board).get(f"/api/v1/authorities/{nam_dinh.pk}/").status_code == 404


def test_the_administrator_creates_updates_and_links_authorities_through_the_api(
    world: World,
) -> None:
    client = _client(world.admin)
    created = client.post(
        "/api/v1/authorities/",
        {"code": "ND", "name": "Hội đồng TĐKT tỉnh Nam Định", "level": "province"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    changed = client.patch(
        f"/api/v1/authorities/{pk}/", {"short_name": "HĐ Nam Định"}, content_type="application/json"
    )
    assert (changed.status_code, changed.json()["short_name"]) == (200, "HĐ Nam Định")
    linked = client.post(
        f"/api/v1/authorities/{pk}/successors/",
        {"successor": "HN", "effective_date": "2025-07-01", "decision_number": "202/2025/QH15"},
        content_type="application/json",
    )
    assert linked.status_code == 201, linked.json()
    assert linked.json()["successors"][0]["successor"] == "HN"
    assert linked.json()["valid_to"] == "2025-06-30"


def test_the_api_refuses_writes_with_the_reason_and_bad_input_with_400(world: World) -> None:
    board = _client(world.board)
    refused = board.post(
        "/api/v1/authorities/",
        {"code": "ND", "name": "Nam Định", "level": "province"},
        content_type="application/json",
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    bad = _client(world.admin).post(
        "/api/v1/authorities/",
        {"code": "XA", "name": "Xã", "level": "commune", "parent": "TW-NONE"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    duplicate = _client(world.admin).post(
        "/api/v1/authorities/",
        {"code": "HN", "name": "Trùng", "level": "province"},
        content_type="application/json",
    )
    assert duplicate.status_code == 400


def test_the_openapi_schema_documents_the_authority_endpoints(world: World) -> None:
    schema = _client(world.board).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert {
        "/api/v1/authorities/",
        "/api/v1/authorities/{id}/",
        "/api/v1/authorities/{id}/successors/",
    } <= set(schema["paths"])


def test_the_api_filters_by_level_and_words_without_accents(world: World) -> None:
    AuthorityFactory(code="XDA", name="Hội đồng TĐKT xã Đông Anh", level=AuthorityLevel.COMMUNE)
    client = _client(world.admin)
    by_level = client.get("/api/v1/authorities/", {"level": "commune"}).json()["results"]
    by_words = client.get("/api/v1/authorities/", {"q": "hai phong"}).json()["results"]
    assert ([r["code"] for r in by_level], [r["code"] for r in by_words]) == (["XDA"], ["HP"])
