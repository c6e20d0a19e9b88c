"""The read API of the law: versions with parameters in words, in scope."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World
from tests.legal.helpers import ND98, ND152, local_set

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_version_with_its_parameters_in_words(world: World) -> None:
    data = client_for(world.viewer).get(f"/api/v1/legal/rule-sets/{ND152}/").json()
    assert (data["status"], data["achievement_year_from"], data["authority"]) == (
        "published",
        2024,
        None,
    )
    assert "NĐ 152/2025" in data["instruments"]
    ratio = next(p for p in data["parameters"] if p["code"] == "ttldxs_min_ratio_ldtt")
    assert (ratio["value_text"], ratio["citation"], ratio["mark"]) == (
        "≥ 70 %",
        "Điều 27 Luật TĐKT 2022",
        "S",
    )


def test_local_versions_stay_in_scope(world: World) -> None:
    local = local_set(world.authority)
    codes = [
        s["code"] for s in client_for(world.other_board).get("/api/v1/legal/rule-sets/").json()
    ]
    assert ND152 in codes and local.code not in codes
    assert (
        client_for(world.other_board).get(f"/api/v1/legal/rule-sets/{local.code}/").status_code
        == 404
    )


def test_compare_in_words(world: World) -> None:
    rows = (
        client_for(world.viewer).get(f"/api/v1/legal/rule-sets/compare/?a={ND98}&b={ND152}").json()
    )
    added = {r["name"] for r in rows if r["kind"] == "added"}
    assert "Không khen thưởng đơn vị đã giải thể" in added
    assert (
        client_for(world.viewer).get("/api/v1/legal/rule-sets/compare/?a=x&b=y").status_code == 404
    )
    missing = client_for(world.viewer).get("/api/v1/legal/rule-sets/compare/?a=x")
    assert missing.status_code == 400 and "?a=MÃ&b=MÃ" in missing.json()["detail"]
    assert client_for(world.viewer).get("/api/v1/legal/rule-sets/compare/").status_code == 400


def test_the_api_needs_a_login() -> None:
    assert Client().get("/api/v1/legal/rule-sets/").status_code in {401, 403}
