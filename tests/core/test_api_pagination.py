"""API pagination has a maximum and reads its numbers strictly: never a 500 (issue 12, item 6)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.mark.parametrize(
    ("query", "limit"),
    [
        ({"limit": "99999999999999999999"}, 50),  # not a number we accept: the default
        ({"limit": "100000"}, 500),  # capped
        ({"limit": "²"}, 50),
        ({"limit": "3"}, 3),
        ({"offset": "99999999999999999999"}, 50),
        ({"offset": "²", "limit": "2"}, 2),
    ],
)
def test_limits_and_offsets(
    client: Client, world: World, query: dict[str, str], limit: int
) -> None:
    client.force_login(world.admin)
    response = client.get("/api/v1/organizations/", query)
    assert response.status_code == 200
    assert len(response.json()["results"]) <= limit


@pytest.mark.parametrize("path", ["/api/v1/cluster-years/?year=²", "/api/v1/cluster-years/?year=٣"])
def test_odd_digits_in_a_year_are_not_a_server_error(
    client: Client, world: World, path: str
) -> None:
    client.force_login(world.board)
    assert client.get(path).status_code in (200, 400)
