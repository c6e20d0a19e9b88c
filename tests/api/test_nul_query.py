"""A NUL byte in a search (found by the API fuzz test on PostgreSQL) is not a server error: the
request is refused with 400 before the view (``core.middleware.RejectNulMiddleware``)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_a_nul_byte_in_the_authority_search_is_refused(world: World) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(world.officer)
    response = client.get("/api/v1/authorities/", {"q": "k\x00x", "level": "\x00"})
    assert (response.status_code, response.json()["code"]) == (400, "nul_character")
