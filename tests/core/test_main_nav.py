"""The main menu is rendered once per language and set of rights (``core.templatetags.thidua``):
each person still sees exactly the entries their rights allow, in their language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from thidua.core.templatetags.thidua import MAIN_NAV_RIGHTS

pytestmark = pytest.mark.django_db

# menu entry → the URL it links to
ENTRIES = {
    "rollup": "start_of_year:rollup",
    "check": "eligibility:check",
    "run_batch": "eligibility:batches",
    "authorities": "authorities:list",
    "import_units": "clusters:import",
    "restructure": "restructuring:list",
    "users": "accounts:users",
}


def _menu(html: str) -> str:
    match = re.search(r'<nav class="main-nav".*?</nav>', html, re.S)
    assert match, "no main menu"
    return match[0]


@pytest.mark.parametrize(
    "persona", ["admin", "board", "secretariat", "officer", "leader", "council", "viewer"]
)
def test_each_person_sees_the_entries_of_their_rights(
    client: Any, world: Any, persona: str
) -> None:
    user = world.user(persona)
    client.force_login(user)
    menu = _menu(client.get(reverse("home")).content.decode())
    for key, perm in MAIN_NAV_RIGHTS.items():
        link = f'href="{reverse(ENTRIES[key])}"'
        assert (link in menu) == user.has_perm(perm), (persona, perm)
    assert (f'href="{reverse("admin:index")}"' in menu) == user.is_staff
    assert f'href="{reverse("clusters:list")}"' in menu


def test_people_with_other_rights_do_not_share_a_menu(client: Any, world: Any) -> None:
    """The board officer's menu (roll-up) is not served to a unit officer after it, nor the
    reverse: the kept HTML is per set of rights."""
    rollup = f'href="{reverse("start_of_year:rollup")}"'
    client.force_login(world.board)
    assert rollup in _menu(client.get("/").content.decode())
    client.force_login(world.officer)
    assert rollup not in _menu(client.get("/").content.decode())
    client.force_login(world.board)
    assert rollup in _menu(client.get("/").content.decode())


def test_the_menu_follows_the_language(client: Any, world: Any) -> None:
    client.force_login(world.officer)
    assert "Trang chủ" in _menu(client.get("/").content.decode())
    client.cookies["django_language"] = "en"
    english = _menu(client.get("/").content.decode())
    assert "Trang chủ" not in english
    assert "Home" in english
    client.cookies["django_language"] = "vi"
    assert "Trang chủ" in _menu(client.get("/").content.decode())
