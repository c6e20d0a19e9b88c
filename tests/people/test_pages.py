"""The people pages through the client: allowed, denied, 404 out of scope, query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.people.helpers import D, person
from thidua.people import services
from thidua.people.models import Person, YearRecord

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_person_page_shows_periods_and_ratings_to_those_in_scope(world: World) -> None:
    p = person(world.board, world.member)
    services.record_rating(user=world.board, person=p, year=2023, rating="HTXS")
    for persona in ("admin", "board", "officer", "leader", "viewer"):
        page = client_for(world.user(persona)).get(f"/people/{p.code}/")
        assert page.status_code == 200, persona
        text = page.content.decode()
        assert "Nguyễn Văn An" in text and "Hoàn thành xuất sắc nhiệm vụ" in text
        assert "Sở Nội vụ" in text


def test_the_person_page_is_404_outside_the_scope(world: World) -> None:
    p = person(world.board, world.member)
    for persona in ("other_board", "outsider", "secretariat", "deputy_officer"):
        assert client_for(world.user(persona)).get(f"/people/{p.code}/").status_code == 404
    assert client_for(world.board).get("/people/NO-SUCH/").status_code == 404


def test_discipline_shows_only_to_those_allowed(world: World) -> None:
    p = person(world.board, world.member)
    services.record_discipline(
        user=world.board, person=p, kind="discipline", level=1, effective_from=D(2023, 1, 5)
    )
    assert "Khiển trách" in client_for(world.leader).get(f"/people/{p.code}/").content.decode()
    assert "Khiển trách" not in client_for(world.viewer).get(f"/people/{p.code}/").content.decode()


def test_the_unit_list_searches_without_accents_and_pages(world: World) -> None:
    person(world.board, world.member, code="P-1", name="Nguyễn Văn An")
    person(world.board, world.member, code="P-2", name="Trần Thị Bích")
    page = client_for(world.officer).get(f"/people/units/{world.member.pk}/", {"q": "tran thi"})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Trần Thị Bích" in text and "Nguyễn Văn An" not in text
    assert client_for(world.outsider).get(f"/people/units/{world.member.pk}/").status_code == 404
    # a peer of the cluster sees the unit but not its people
    assert (
        client_for(world.deputy_officer).get(f"/people/units/{world.member.pk}/").status_code == 404
    )


def test_adding_a_person_from_the_unit_page(world: World) -> None:
    url = f"/people/units/{world.member.pk}/"
    data = {
        "code": "P-9",
        "full_name": "Lê Văn Cường",
        "category": "public_employee",
        "valid_from": "2024-01-01",
    }
    assert client_for(world.officer).post(url, data).status_code == 302
    assert Person.objects.get(code="P-9").employments.get().organization == world.member
    refused = client_for(world.officer).post(url, data)
    assert refused.status_code == 400 and "Mã cá nhân P-9 đã có" in refused.content.decode()
    assert client_for(world.viewer).post(url, {**data, "code": "P-10"}).status_code == 403
    assert Person.objects.count() == 1


def test_recording_a_rating_from_the_person_page(world: World) -> None:
    p = person(world.board, world.member)
    url = f"/people/{p.code}/rating/"
    response = client_for(world.officer).post(url, {"year": 2024, "rating": 3}, follow=True)
    assert "Đã ghi nhận xếp loại năm 2024" in response.content.decode()
    response = client_for(world.officer).post(url, {"year": 2999, "rating": 3}, follow=True)
    assert "Năm 2999 chưa đến" in response.content.decode()
    assert client_for(world.viewer).post(url, {"year": 2023, "rating": 3}).status_code == 403
    assert list(YearRecord.objects.values_list("year", flat=True)) == [2024]
    assert client_for(world.outsider).post(url, {"year": 2023, "rating": 3}).status_code == 404


@pytest.mark.parametrize("size", [2, 20])
def test_pages_read_a_constant_number_of_queries(
    world: World, size: int, django_assert_max_num_queries: Any
) -> None:
    people = [person(world.board, world.member, code=f"P-{i}") for i in range(size)]
    first = people[0]
    for year in range(2018, 2018 + min(size, 8)):
        services.record_rating(user=world.board, person=first, year=year, rating="HTT")
    client = client_for(world.board)
    with django_assert_max_num_queries(14):
        assert client.get(f"/people/units/{world.member.pk}/").status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(f"/people/{first.code}/").status_code == 200


def test_the_unit_page_links_to_its_people_for_those_who_see_them(world: World) -> None:
    link = f'href="/people/units/{world.member.pk}/"'
    assert (
        link in client_for(world.officer).get(f"/organizations/{world.member.pk}/").content.decode()
    )
    assert (
        link in client_for(world.board).get(f"/organizations/{world.member.pk}/").content.decode()
    )
    peer = client_for(world.deputy_officer).get(f"/organizations/{world.member.pk}/")
    assert peer.status_code == 200 and link not in peer.content.decode()
