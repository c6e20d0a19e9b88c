"""“Thêm thành viên” on the cluster-year page: a code with a search limited to what the cluster
year may take (the cluster's authority and its predecessors, active in the year, not yet in a
cluster of the kind), never a select of the country's units (issue 13: 9,537 options were 96%
of the page)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import World
from tests.factories import (
    AuthorityFactory,
    AuthoritySuccessionFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    ClusterYearFactory,
    OrganizationFactory,
)
from thidua.accounts.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

SEARCH = "/organizations/search/"
PAGE = "/clusters/HN-C06/2023/"
ADD = PAGE + "members/add/"
FOR_CY = {"cluster": "HN-C06", "year": 2023, "field": "id_add-organization"}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _found(client: Client, query: str, **params: object) -> list[str]:
    response = client.get(SEARCH, {**FOR_CY, "q": query, **params})
    assert response.status_code == 200
    return re.findall(r'data-set-code="([^"]+)"', response.content.decode())


def _messages(response: object) -> str:
    return " ".join(str(m) for m in response.context["messages"])  # type: ignore[attr-defined]


# ---------------------------------------------------------------- the page


def test_the_page_offers_no_option_per_unit_and_stays_the_same_size(world: World) -> None:
    client = _client(world.admin)  # the administrator's scope is the whole country

    def page() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(PAGE)
        assert response.status_code == 200
        return len(captured), response.content.decode()

    few_queries, few = page()
    others = OrganizationFactory.create_batch(300, authority=world.other_authority)
    own = OrganizationFactory.create_batch(30, authority=world.authority)
    many_queries, many = page()

    assert many_queries == few_queries
    assert many.count("<option") == few.count("<option") < 30
    assert abs(len(many) - len(few)) < 200  # the CSRF token is the only thing that changes
    assert not any(f">{unit.code}<" in many or f'"{unit.code}"' in many for unit in others + own)


def test_the_picker_is_a_labelled_code_box_whose_search_asks_for_this_cluster_year(
    world: World,
) -> None:
    html = _client(world.board).get(PAGE).content.decode()

    assert '<label for="id_add-organization">' in html
    assert '<label for="id_add-organization-q">' in html
    assert 'name="add-organization" autocomplete="off"' in html
    assert "&quot;cluster&quot;: &quot;HN-C06&quot;, &quot;year&quot;: 2023" in html
    assert "<script>" not in html and " onkeyup=" not in html  # no inline script (CSP)


# ---------------------------------------------------------------- the search


def test_the_search_offers_only_what_the_cluster_year_may_take(world: World) -> None:
    ok = OrganizationFactory(code="HN-SYT", name="Sở Y tế", authority=world.authority)
    OrganizationFactory(code="HP-SYT", name="Sở Y tế", authority=world.other_authority)
    OrganizationFactory(code="HN-SYT2", name="Sở Y tế cũ", authority=world.authority,
                        valid_to=dt.date(2022, 12, 31))  # fmt: skip
    OrganizationFactory(code="HN-SYT3", name="Sở Y tế mới", authority=world.authority,
                        valid_from=dt.date(2024, 1, 1))  # fmt: skip
    other = ClusterYearFactory(
        cluster=ClusterFactory(authority=world.authority, code="HN-C07"), year=2023
    )
    ClusterMembershipFactory(cluster_year=other, organization__code="HN-SYT4",
                             organization__name="Sở Y tế dự phòng")  # fmt: skip

    for user in (world.admin, world.board):
        assert _found(_client(user), "so y te") == [ok.code]
    assert _found(_client(world.admin), world.member.code) == []  # already a member


def test_the_search_finds_units_of_a_predecessor_authority(world: World) -> None:
    old = AuthorityFactory(code="HT", name="Hội đồng Thi đua - Khen thưởng Hà Tây")
    AuthoritySuccessionFactory(predecessor=old, successor=world.authority,
                               effective_date=dt.date(2008, 8, 1))  # fmt: skip
    unit = OrganizationFactory(code="HT-SYT", name="Sở Y tế Hà Tây", authority=old)

    assert _found(_client(world.board), "ha tay") == [unit.code]


def test_the_search_shows_at_most_twenty_of_three_hundred_and_none_of_another_authority(
    world: World,
) -> None:
    OrganizationFactory.create_batch(300, authority=world.other_authority, name="Phòng khác")
    own = {
        u.code
        for u in OrganizationFactory.create_batch(25, authority=world.authority, name="Phòng")
    }
    client = _client(world.admin)

    assert _found(client, "phong khac") == []
    found = _found(client, "phong")
    assert len(found) == 20 and set(found) <= own
    html = client.get(SEARCH, {**FOR_CY, "q": "phong khac"}).content.decode()
    assert "phải thuộc Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội" in html


@pytest.mark.parametrize(
    "params",
    [
        {"cluster": "HP-C01"},  # a cluster year the board officer does not see
        {"cluster": "HN-C99"},
        {"year": 2019},
        {"year": "20x3"},
        {"year": ""},
        {"cluster": "'; DROP TABLE x; --"},
    ],
)
def test_the_search_for_a_cluster_year_outside_the_scope_is_not_found(
    world: World, params: dict[str, object]
) -> None:
    response = _client(world.board).get(SEARCH, {**FOR_CY, "q": "so", **params})

    assert response.status_code == 404


def test_a_nul_character_in_the_search_is_a_bad_request(world: World) -> None:
    """Refused before the view (core.middleware.RejectNulMiddleware), on every database."""
    response = _client(world.board).get(SEARCH, {**FOR_CY, "q": "so", "cluster": "HN-C06\x00"})

    assert response.status_code == 400


def test_the_search_query_count_does_not_grow_with_the_units(world: World) -> None:
    client = _client(world.board)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(SEARCH, {**FOR_CY, "q": "so"})
        return len(captured)

    OrganizationFactory.create_batch(3, authority=world.authority, name="Sở")
    few = count()
    OrganizationFactory.create_batch(40, authority=world.authority, name="Sở")
    assert count() == few


# ---------------------------------------------------------------- adding by code


def test_a_unit_of_the_authority_is_added_by_its_code(world: World) -> None:
    unit = OrganizationFactory(code="HN-SYT", authority=world.authority)

    response = _client(world.board).post(ADD, {"add-organization": " hn-syt "}, follow=True)

    assert "Đã thêm thành viên." in _messages(response)
    assert world.cy.memberships.filter(organization=unit).exists()


def test_a_unit_of_a_predecessor_authority_is_added(world: World) -> None:
    old = AuthorityFactory(code="HT")
    AuthoritySuccessionFactory(predecessor=old, successor=world.authority)
    unit = OrganizationFactory(code="HT-SYT", authority=old)

    _client(world.board).post(ADD, {"add-organization": "HT-SYT"})

    assert world.cy.memberships.filter(organization=unit).exists()


def test_a_unit_of_another_authority_is_refused_with_a_reason(world: World) -> None:
    unit = OrganizationFactory(code="HP-SYT", name="Sở Y tế Hải Phòng",
                               authority=world.other_authority)  # fmt: skip
    before = world.cy.memberships.count()

    response = _client(world.admin).post(ADD, {"add-organization": "HP-SYT"}, follow=True)

    assert (
        "Sở Y tế Hải Phòng (HP-SYT) không thuộc Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội"
        in _messages(response)
    )
    assert world.cy.memberships.count() == before
    assert not unit.cluster_memberships.exists()


def test_a_unit_without_an_authority_is_refused(world: World) -> None:
    OrganizationFactory(code="X-1", authority=None)
    before = world.cy.memberships.count()

    response = _client(world.admin).post(ADD, {"add-organization": "X-1"}, follow=True)

    assert "không thuộc Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội" in _messages(response)
    assert world.cy.memberships.count() == before


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("HN-KHONG-CO", "Không có đơn vị mã “HN-KHONG-CO” trong phạm vi của bạn."),
        ("outsider", "Không có đơn vị mã"),  # the other authority's unit: outside the scope
        ("member", "đã là thành viên của Cụm thi đua số 6 năm 2023"),
        ("<script>", "Không có đơn vị mã"),
        ("", "bắt buộc"),
    ],
)
def test_a_bad_code_is_refused_with_a_message_and_changes_nothing(
    world: World, code: str, message: str
) -> None:
    code = {"outsider": world.outsider_org.code, "member": world.member.code}.get(code, code)
    before = world.cy.memberships.count()

    response = _client(world.board).post(ADD, {"add-organization": code}, follow=True)

    assert response.status_code == 200
    assert message in _messages(response)
    assert world.cy.memberships.count() == before
    assert not world.outsider_org.cluster_memberships.filter(cluster_year=world.cy).exists()
