"""``eligibility.check`` walked over the personas: the page, the API and the selector the page
and API use (``may_check``) agree with ``has_perm`` for the page itself and for a member unit's
person. A check writes nothing, so there is no service to walk."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.eligibility.data import people
from thidua.eligibility.selectors import may_check

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {"eligibility.check"}
PERSONAS = [
    "admin",
    "board",
    "other_board",
    "secretariat",
    "officer",
    "leader",
    "council",
    "viewer",
    "outsider",
    "deputy_officer",
]


def _query(code: str) -> dict[str, str]:
    return {"subject_code": code, "award_code": "LDTT", "achievement_year": "2023"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_page_api_and_selector_agree_with_the_permission(world: World, persona: str) -> None:
    user = world.user(persona)
    (person,) = people(world.member, 1)
    client = Client()
    client.force_login(user)
    page_allowed = user.has_perm("eligibility.check")
    response = client.get("/eligibility/", _query(person.code))
    assert response.status_code == (200 if page_allowed else 403)
    on_member = user.has_perm("eligibility.check", world.member)
    assert may_check(user, person.code, "LDTT") == on_member
    if page_allowed:
        shown = "không tìm thấy" not in response.content.decode().lower()
        assert shown == on_member, persona
    api: Any = client.post(
        "/api/v1/eligibility/checks/", _query(person.code), content_type="application/json"
    )
    expected = 200 if on_member else (404 if page_allowed else 403)
    assert api.status_code == expected, persona
