"""Sổ khen thưởng: the recorded awards of the units in scope and of their people, searched
without accents and filtered by award; out of scope is not listed; constant queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.awards.history.helpers import D, award, award_type, collective_type
from tests.conftest import World
from tests.people.helpers import person

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
URL = "/awards/registry/"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_search_without_accents_and_by_award(world: World) -> None:
    p = person(world.board, world.member, name="Nguyễn Thị Hằng", valid_from=D(2015, 1, 1))
    award(world.board, award_type(), person=p, year=2022)
    award(world.board, collective_type(), organization=world.member, year=2022)
    text = client_for(world.board).get(URL, {"q": "nguyen thi hang"}).content.decode()
    assert "Nguyễn Thị Hằng" in text and "2022/QĐ-SNV" in text
    assert world.member.name + "</a>" not in text  # the unit's own record does not match the name
    by_award = client_for(world.board).get(URL, {"award": collective_type().code}).content.decode()
    assert world.member.name in by_award and "Nguyễn Thị Hằng" not in by_award


def test_records_out_of_scope_are_not_listed(world: World) -> None:
    award(world.other_board, collective_type(), organization=world.outsider_org, year=2022)
    assert world.outsider_org.name not in client_for(world.board).get(URL).content.decode()
    assert world.outsider_org.name in client_for(world.other_board).get(URL).content.decode()
    # a unit officer sees their own unit's records only
    award(world.board, collective_type(), organization=world.head, year=2021)
    assert world.head.name not in client_for(world.officer).get(URL).content.decode()


def test_a_person_who_worked_in_a_unit_of_scope_is_listed_and_an_outsiders_person_is_not(
    world: World,
) -> None:
    ours = person(world.board, world.member, code="P-IN", name="Trần Thị Bình")
    award(world.board, award_type(), person=ours, year=2022)
    theirs = person(world.other_board, world.outsider_org, code="P-OUT", name="Lê Văn Cường")
    award(world.other_board, award_type(), person=theirs, year=2022)
    for user in (world.board, world.officer):
        text = client_for(user).get(URL).content.decode()
        assert "Trần Thị Bình" in text and "Lê Văn Cường" not in text
    text = client_for(world.other_board).get(URL).content.decode()
    assert "Lê Văn Cường" in text and "Trần Thị Bình" not in text
    text = client_for(world.admin).get(URL).content.decode()
    assert "Trần Thị Bình" in text and "Lê Văn Cường" in text


@pytest.mark.parametrize("as_list", [True, False])
def test_the_people_of_the_scope_as_a_list_or_a_subquery_give_the_same_records(
    world: World, as_list: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``PEOPLE_AS_LIST`` people (a province's whole staff) the scope's people are a
    subquery, not a list of ids: the same records either way."""
    from thidua.awards import registry

    if not as_list:
        monkeypatch.setattr(registry, "PEOPLE_AS_LIST", 0)
    ours = person(world.board, world.member, code="P-IN", name="Trần Thị Bình")
    award(world.board, award_type(), person=ours, year=2022)
    theirs = person(world.other_board, world.outsider_org, code="P-OUT", name="Lê Văn Cường")
    award(world.other_board, award_type(), person=theirs, year=2022)
    award(world.board, collective_type(), organization=world.member, year=2022)
    listed = [(r.person_id, r.organization_id) for r in registry.registry_for_user(world.board)]
    assert sorted(listed, key=str) == sorted([(ours.pk, None), (None, world.member.pk)], key=str)


@pytest.mark.parametrize("size", [1, 10])
def test_the_registry_reads_a_constant_number_of_queries(
    world: World, size: int, django_assert_max_num_queries: Any
) -> None:
    for year in range(2010, 2010 + size):
        p = person(world.board, world.member, code=f"P{year}", valid_from=D(2005, 1, 1))
        award(world.board, award_type(), person=p, year=year)
        award(world.board, collective_type(), organization=world.member, year=year)
    client = client_for(world.board)  # signing in is not the page's cost
    with django_assert_max_num_queries(24):  # the layout (menu, bell, session) + 4
        assert client.get(URL).status_code == 200
