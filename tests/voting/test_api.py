"""The ballots API: scope, the embargo before close, and opening/closing through the services."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIClient

from tests.conftest import World
from tests.voting.ballots import cards, in_session, open_ballot, uuid_of
from thidua.voting import seal
from thidua.voting.models import Ballot
from thidua.voting.services import casting
from thidua.voting.services.passes import find_pass

BASE = "/api/v1/voting/ballots/"


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_results_and_board_are_hidden_until_close_even_from_the_administrator(
    world: World,
) -> None:
    in_session(world)
    ballot = open_ballot(world, [world.member])
    code = cards(world)[world.head.pk].code
    voter_pass = find_pass(code)
    assert voter_pass is not None
    casting.cast(
        voter_pass=voter_pass,
        ballot=ballot,
        marks={uuid_of(ballot, world.member): "Y"},
        receipt=seal.new_receipt(),
        user=AnonymousUser(),
    )
    for user in (world.admin, world.board, world.secretariat):
        listed = api(user).get(BASE, {"cluster": "HN-C06"}).json()
        assert [row["results"] for row in listed["results"]] == [None]
        assert api(user).get(f"{BASE}{ballot.uuid}/board/").status_code == 403

    closed = api(world.secretariat).post(f"{BASE}{ballot.uuid}/close/")
    assert closed.status_code == 200
    results = closed.json()["results"]
    assert results["received"] == 1 and results["candidates"][0]["yes_weight"] == 1
    board = api(world.viewer).get(f"{BASE}{ballot.uuid}/board/").json()
    assert board["digest"] == Ballot.objects.get(pk=ballot.pk).board_digest
    assert len(board["ballots"]) == 1


def test_out_of_scope_is_404_and_refusals_are_403(world: World) -> None:
    in_session(world)
    opened = open_ballot(world, [world.member])
    assert api(world.outsider).get(f"{BASE}{opened.uuid}/").status_code == 404
    assert api(world.other_board).post(f"{BASE}{opened.uuid}/close/").status_code == 404
    assert api(world.officer).post(f"{BASE}{opened.uuid}/close/").status_code == 403
    assert api(world.secretariat).post(f"{BASE}{opened.uuid}/open/").status_code == 403
    assert APIClient().get(BASE).status_code in (401, 403)
    assert api(world.admin).get(f"{BASE}not-a-uuid/").status_code == 404
