"""A year no date can have (found by the API fuzz test: ``?year=279272384576``) lists no
movements instead of overflowing the date lookup into a 500, on the API and on the page."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.mark.parametrize("year", ["279272384576", "10000", "999999999999999999"])
def test_an_impossible_year_lists_nothing(world: World, year: str) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(world.officer)
    response = client.get("/api/v1/movements/", {"year": year})
    assert (response.status_code, response.json()["count"]) == (200, 0)
    assert client.get("/planning/movements/", {"year": year}).status_code in (200, 302)
