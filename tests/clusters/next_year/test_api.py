"""/api/v1/cluster-years/<id>/next-year/, open-next-year/ and past-heads/."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import ClusterYearFactory, OrganizationFactory, SuccessionFactory
from thidua.clusters.models import ClusterYear

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _url(world: World, tail: str) -> str:
    return f"/api/v1/cluster-years/{world.cy.pk}/{tail}/"


def test_preview_lists_dissolved_units_and_their_successors(client: Client, world: World) -> None:
    world.member.valid_to = dt.date(2023, 12, 31)
    world.member.save()
    heir = OrganizationFactory(authority=world.authority, name="Sở Nội vụ và Lao động")
    SuccessionFactory(predecessor=world.member, successor=heir, effective_date=dt.date(2024, 1, 1))
    client.force_login(world.board)

    data = client.get(_url(world, "next-year")).json()

    assert data["year"] == 2024 and data["existing"] is None
    assert [(u["name"], u["origin"], u["checked"]) for u in data["units"]][-1] == (
        "Sở Nội vụ và Lao động",
        "successor",
        True,
    )
    assert [u["name"] for u in data["left_out"]] == ["Sở Nội vụ"]
    assert {c["slug"] for c in data["carryovers"]} == {
        "scoring.criteria_set",
        "start_of_year.pledge",
        "voting.rules",
    }


def test_open_next_year_creates_it(client: Client, world: World) -> None:
    client.force_login(world.board)
    response = client.post(
        _url(world, "open-next-year"),
        {"members": [world.head.pk, world.member.pk], "head": world.member.pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["year"], body["head"], body["heads_status"]) == (2024, world.member.code, "chosen")


def test_open_next_year_twice_is_403_with_the_reason(client: Client, world: World) -> None:
    ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    client.force_login(world.board)
    response = client.post(
        _url(world, "open-next-year"), {"members": [world.head.pk]}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "đã có năm 2024" in response.json()["detail"]


def test_open_next_year_with_a_dissolved_unit_is_400(client: Client, world: World) -> None:
    world.member.valid_to = dt.date(2022, 12, 31)
    world.member.save()
    client.force_login(world.board)
    response = client.post(
        _url(world, "open-next-year"),
        {"members": [world.member.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "dissolved"
    assert not ClusterYear.objects.filter(year=2024).exists()


def test_open_next_year_with_a_unit_outside_the_scope_is_400(client: Client, world: World) -> None:
    client.force_login(world.board)
    response = client.post(
        _url(world, "open-next-year"),
        {"members": [world.outsider_org.pk]},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "unknown_unit"


@pytest.mark.parametrize("persona", ["secretariat", "officer"])
def test_others_are_403(client: Client, world: World, persona: str) -> None:
    client.force_login(world.user(persona))
    assert client.get(_url(world, "next-year")).status_code == 403
    response = client.post(
        _url(world, "open-next-year"), {"members": [world.head.pk]}, content_type="application/json"
    )
    assert response.status_code == 403


def test_outside_scope_is_404(client: Client, world: World) -> None:
    client.force_login(world.other_board)
    assert client.get(_url(world, "next-year")).status_code == 404


def test_past_heads_unknown(client: Client, world: World) -> None:
    world.cy.head = world.cy.deputy = None
    world.cy.save()
    client.force_login(world.board)
    response = client.post(
        _url(world, "past-heads"), {"status": "unknown"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["heads_status"], response.json()["head"]) == ("unknown", None)


def test_past_heads_chosen_needs_a_source(client: Client, world: World) -> None:
    client.force_login(world.board)
    response = client.post(
        _url(world, "past-heads"),
        {"status": "chosen", "head": world.head.pk},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "no_source"
