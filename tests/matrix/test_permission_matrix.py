"""The permission matrix: every URL of the project × every persona, by GET, against the table in
``expected.py`` — so a new view that forgets its permission check, or a new URL nobody thought
about, fails here.

- Every URL pattern (web and /api/v1/, see ``urls.py`` for the few left out) must be in the table
  and must have its arguments filled by ``fillers.py``: a new URL fails until it is added to both.
- No request may raise or answer 500.
- Anonymous visitors get 200 only on the public pages listed in ``PUBLIC``.
- The table itself may never let an outsider in: on a URL about a cluster year (or a user's own
  thing) every outsider column is 404, on Hà Nội's data the other authority's board officer is;
  403 or 405 only where the same role inside gets the same answer (a refusal that does not depend
  on the object).

Codes: 2 = 200, L = redirect to the login page, 3 = another redirect, U = 401, 4 = 403, N = 404,
M = 405, B = 400. To rewrite the table after a deliberate change, run this module with
THIDUA_MATRIX_RECORD=1 and review the printed diff line by line before pasting it.
"""

from __future__ import annotations

import os
from typing import Any, cast

import pytest
from django.test import Client

from tests.matrix.expected import EXPECTED, PUBLIC
from tests.matrix.fillers import Filled, fill
from tests.matrix.urls import Route, project_routes
from tests.matrix.world import OUTSIDERS, PERSONAS, MatrixWorld, build_world

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# the role inside that an outsider mirrors
MIRROR = {"other_board": "board", "other_secretariat": "secretariat", "other_officer": "officer"}
MUST_REFUSE = {"cluster": OUTSIDERS, "own": OUTSIDERS, "authority": ("other_board",)}


def code_of(response: Any) -> str:
    status = response.status_code
    if status in (301, 302):
        location = response.get("Location", "")
        return "L" if location.startswith("/accounts/login/") else "3"
    return {200: "2", 400: "B", 401: "U", 403: "4", 404: "N", 405: "M"}.get(status, str(status))


def observe(world: MatrixWorld, filled: Filled, clients: dict[Any, Client]) -> str:
    """One code per persona, in the order of ``PERSONAS``."""
    codes = []
    for persona in PERSONAS:
        user = world.persona(persona, filled.home)
        key = user.pk if user else None
        if key not in clients:
            clients[key] = Client(raise_request_exception=False)
            if user is not None:
                clients[key].force_login(user)
        response = clients[key].get(filled.url)
        codes.append(code_of(response) if response.status_code < 500 else "E")
        if response.streaming:
            # read to the end: the test client then closes the file without letting
            # request_finished close the test's database connection (PostgreSQL, CONN_MAX_AGE)
            b"".join(response.streaming_content)
    return "".join(codes)


def test_every_url_answers_every_persona_as_the_matrix_says() -> None:
    world = build_world()
    clients: dict[Any, Client] = {}
    observed: dict[str, str] = {}
    problems: list[str] = []
    for route in project_routes():
        filled = fill(route, world)
        if isinstance(filled, str):
            problems.append(f"{route.key}: add a filler for {filled} (tests/matrix/fillers.py)")
            continue
        observed[route.key] = observe(world, filled, clients)
        problems += check(route.key, filled, observed[route.key])
    if os.environ.get("THIDUA_MATRIX_RECORD"):
        print("\nEXPECTED = {")
        for key, codes in observed.items():
            print(f'    "{key}": "{codes[0]} {codes[1:9]} {codes[9:]}",')
        print("}")
    assert problems == [], "\n".join(problems)


def check(key: str, filled: Filled, got: str) -> list[str]:
    problems = []
    if "E" in got:
        problems.append(f"{key} ({filled.url}): a 500 or an exception: {got}")
    if got[0] == "2" and key not in PUBLIC:
        problems.append(f"{key} ({filled.url}): anonymous gets 200 but is not in PUBLIC")
    want = EXPECTED.get(key, "").replace(" ", "")
    if not want:
        problems.append(f"{key} ({filled.url}): new URL not in the permission matrix: {got}")
        return problems
    if len(want) != len(PERSONAS):
        return [*problems, f"{key}: the table has {len(want)} codes, not {len(PERSONAS)}"]
    problems += refusals(key, filled, want)
    if got != want:
        diff = ", ".join(
            f"{p} {w}→{g}" for p, w, g in zip(PERSONAS, want, got, strict=True) if w != g
        )
        problems.append(f"{key} ({filled.url}): {diff}")
    return problems


def refusals(key: str, filled: Filled, want: str) -> list[str]:
    """The table may not let an outsider see what is outside their scope."""
    problems = []
    for outsider in MUST_REFUSE.get(filled.scope or "", ()):
        code = want[PERSONAS.index(outsider)]
        inside = want[PERSONAS.index(MIRROR[outsider])]
        if code != "N" and not (code in "4M" and code == inside):
            problems.append(f"{key}: the table lets {outsider} in ({code}) on {filled.scope} data")
    return problems


def test_the_table_lists_only_urls_that_exist() -> None:
    keys = {route.key for route in project_routes()}
    assert sorted(set(EXPECTED) - keys) == []
    assert sorted(PUBLIC - keys) == []
    assert all(len(codes.replace(" ", "")) == len(PERSONAS) for codes in EXPECTED.values())


def test_a_new_url_without_a_filler_or_a_row_fails() -> None:
    new = Route("reports:unit", "reports/<int:report_id>/", ("report_id",), is_api=False)
    assert fill(new, cast(MatrixWorld, None)) == "report_id"
    problems = check("reports:unit", Filled("/reports/1/", "C06", "cluster"), "2" * len(PERSONAS))
    assert [p.split(": ", 1)[1].split(":")[0] for p in problems] == [
        "anonymous gets 200 but is not in PUBLIC",
        "new URL not in the permission matrix",
    ]


def test_the_table_may_not_let_an_outsider_in() -> None:
    row = "L" + "2" * (len(PERSONAS) - 1)
    assert refusals("clusters:year", Filled("/clusters/HN-C06/2023/", "C06", "cluster"), row) == [
        f"clusters:year: the table lets {o} in (2) on cluster data" for o in OUTSIDERS
    ]
    assert refusals("authorities:detail", Filled("/authorities/1/", None, "authority"), row) == [
        "authorities:detail: the table lets other_board in (2) on authority data"
    ]


# API lists that are the same for everyone (the national catalogue and rule sets), or that show
# the user themselves (their account, their authority)
SHARED_LISTS = {"award-type-list", "rule-set-list"}
OWN_LISTS = {"user-list": "username", "authority-list": "code"}


def test_no_api_list_shows_another_authority_anything_of_ha_noi() -> None:
    world = build_world()
    client = Client()
    client.force_login(world.users["other_board"])
    own = {"username": "other_board", "code": "HP"}
    leaks, checked = [], 0
    for route in project_routes():
        if not route.is_api or route.kwargs or not route.key.endswith("-list"):
            continue
        if route.key in SHARED_LISTS:
            continue
        response = client.get(route.build({}))
        if response.status_code == 405:
            continue  # a POST-only action routed as a list
        assert response.status_code == 200, route.key
        checked += 1
        data = response.json()
        rows = data["results"] if isinstance(data, dict) else data
        field = OWN_LISTS.get(route.key)
        if any(field is None or row[field] != own[field] for row in rows):
            leaks.append(f"{route.key}: {len(rows)} rows")
    assert leaks == []
    assert checked > len(SHARED_LISTS), "no API list was checked"
