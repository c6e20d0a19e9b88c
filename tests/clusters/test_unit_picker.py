"""The unit picker: a parent unit or a role's unit is typed by code or found by a search, never
chosen in a select of every unit (a system administrator sees the whole country's units)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import World
from tests.factories import OrganizationFactory
from thidua.accounts.models import User
from thidua.organizations.models import Organization

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

SEARCH = "/organizations/search/"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _codes(html: str) -> list[str]:
    return re.findall(r'data-set-code="([^"]+)"', html)


# ---------------------------------------------------------------- the search


def test_the_search_finds_units_without_accents_each_with_a_choose_button(world: World) -> None:
    unit = OrganizationFactory(
        code="HN-SXD", name="Sở Xây dựng", province="Hà Nội", authority=world.authority
    )

    html = (
        _client(world.board)
        .get(SEARCH, {"q": "so xay dung", "field": "id_parent"})
        .content.decode()
    )

    assert _codes(html) == ["HN-SXD"]
    assert 'data-set-to="id_parent"' in html
    assert unit.label in html and "Chọn" in html


def test_the_search_lists_no_unit_outside_the_persons_scope(world: World) -> None:
    OrganizationFactory(code="HP-SXD", name="Sở Xây dựng", authority=world.other_authority)
    OrganizationFactory(code="HN-SXD", name="Sở Xây dựng", authority=world.authority)

    html = _client(world.board).get(SEARCH, {"q": "xay dung", "field": "x"}).content.decode()

    assert _codes(html) == ["HN-SXD"]


def test_the_search_lists_no_dissolved_unit(world: World) -> None:
    OrganizationFactory(code="HN-CU", name="Sở Cũ", authority=world.authority)
    Organization.objects.filter(code="HN-CU").update(valid_to="2025-06-30")

    html = _client(world.admin).get(SEARCH, {"q": "so cu", "field": "x"}).content.decode()

    assert _codes(html) == []
    assert "Không tìm thấy" in html


def test_the_search_shows_at_most_twenty_units(world: World) -> None:
    for number in range(25):
        OrganizationFactory(
            code=f"HN-P{number:02}", name=f"Phòng {number}", authority=world.authority
        )

    html = _client(world.admin).get(SEARCH, {"q": "phong", "field": "x"}).content.decode()

    assert len(_codes(html)) == 20
    assert "gõ thêm" in html


def test_the_search_of_a_past_year_finds_the_units_active_that_year(world: World) -> None:
    OrganizationFactory(
        code="HN-CU", name="Sở Cũ", authority=world.authority, valid_to="2025-06-30"
    )
    client = _client(world.board)

    def found(**params: object) -> list[str]:
        return _codes(client.get(SEARCH, {"q": "so cu", "field": "x", **params}).content.decode())

    assert found(year=2024) == ["HN-CU"]
    assert found(year=2026) == []
    assert found() == []


def test_a_member_is_added_to_a_cluster_year_by_code(world: World) -> None:
    new = OrganizationFactory(authority=world.authority, code="HN-SYT", name="Sở Y tế")
    client = _client(world.board)

    client.post("/clusters/HN-C06/2023/members/add/", {"add-organization": "HN-SYT"})

    assert world.cy.memberships.filter(organization=new).exists()


def test_the_search_needs_a_login_and_ignores_a_strange_field_id(world: World) -> None:
    assert Client().get(SEARCH, {"q": "so"}).status_code == 302
    html = (
        _client(world.admin)
        .get(SEARCH, {"q": world.member.code, "field": '"><script>'})
        .content.decode()
    )
    assert "<script>" not in html and _codes(html) == []  # no target, no button
    assert world.member.code in html


# ---------------------------------------------------------------- the unit pages


def test_a_unit_is_created_with_its_parent_given_by_code(world: World) -> None:
    response = _client(world.board).post(
        "/organizations/new/",
        {
            "code": "HN-SXD-P1",
            "name": "Phòng Quản lý xây dựng",
            "kind": "department",
            "parent": world.member.code,
            "authority": world.authority.pk,
        },
    )

    assert response.status_code == 302
    assert Organization.objects.get(code="HN-SXD-P1").parent == world.member


def test_a_parent_outside_the_scope_is_refused_by_name(world: World) -> None:
    response = _client(world.board).post(
        "/organizations/new/",
        {
            "code": "HN-X",
            "name": "Phòng X",
            "kind": "department",
            "parent": world.outsider_org.code,
            "authority": world.authority.pk,
        },
    )

    assert response.status_code == 400
    assert f"Không có đơn vị mã “{world.outsider_org.code}”" in response.content.decode()
    assert not Organization.objects.filter(code="HN-X").exists()


def test_the_edit_page_shows_the_parent_code_and_saves_a_new_parent(world: World) -> None:
    child = OrganizationFactory(authority=world.authority, parent=world.head, kind="department")
    client = _client(world.board)
    url = f"/organizations/{child.pk}/edit/"

    form = client.get(url).content.decode()
    assert re.search(rf'name="parent"[^>]*value="{world.head.code}"', form) or re.search(
        rf'value="{world.head.code}"[^>]*name="parent"', form
    )
    response = client.post(
        url,
        {
            "name": child.name,
            "kind": "department",
            "parent": world.member.code,
            "authority": world.authority.pk,
        },
    )

    assert response.status_code == 302
    child.refresh_from_db()
    assert child.parent == world.member


def test_the_picker_has_a_labelled_search_box_that_announces_its_results(world: World) -> None:
    html = _client(world.admin).get("/organizations/new/").content.decode()

    assert '<label for="id_parent-q">' in html
    assert f'hx-get="{SEARCH}"' in html
    assert 'hx-trigger="keyup changed delay:300ms' in html
    assert 'id="id_parent-results" aria-live="polite"' in html


@pytest.mark.parametrize(
    "url",
    ["/organizations/new/", "member-edit", "/accounts/users/new/", "assign", "cluster-year"],
)
def test_the_pages_with_a_unit_picker_do_not_grow_with_the_units(world: World, url: str) -> None:
    """5 or 60 more units in the administrator's scope: the same queries, and no option per unit."""
    client = _client(world.admin)
    page = {
        "member-edit": f"/organizations/{world.member.pk}/edit/",
        "assign": f"/accounts/users/{world.officer.pk}/",
        "cluster-year": "/clusters/HN-C06/2023/",  # “Thêm thành viên”
    }.get(url, url)

    def render_with(extra: int) -> tuple[int, str]:
        for _ in range(extra):
            OrganizationFactory(authority=world.authority)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    few_queries, _few_html = render_with(5)
    many_queries, many_html = render_with(55)

    assert few_queries == many_queries
    assert Organization.objects.count() > 60
    assert many_html.count("<option") < 30
