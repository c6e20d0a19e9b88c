"""Browser: every main page, for the personas of the demo, at desktop (1280 px) and phone (390 px)
widths: axe finds nothing serious or critical, no element id is used twice, and on the phone the
page itself never scrolls sideways (wide tables scroll inside their wrapper) while the key column
of the ranking, the score sheet and the registrations stays on screen when the table is scrolled
to its far end."""

from __future__ import annotations

import io
import os
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from tests.conftest import login
from thidua.accounts.models import User
from thidua.awards.catalogue import load_catalogue
from thidua.awards.models import AwardType
from thidua.legal.data.loader import load_definitions, load_instruments, write_version
from thidua.legal.data.national import NATIONAL, SCORING
from thidua.legal.models import RuleSet
from thidua.organizations.models import Authority, Organization
from thidua.planning.models import Movement
from thidua.voting.models import Ballot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = os.environ.get("THIDUA_SCREENSHOTS")  # a folder: phone screenshots of key pages
PASSWORD = "thidua-demo"  # the published demo password

C06, C06_NEXT, C07 = "HN-C06/2023", "HN-C06/2024", "HN-C07/2021"
CONF = f"/voting/{C06}/conference"

# page -> the key cell that must stay visible on a phone when its table is scrolled to the end
KEY_CELLS = {
    f"/scoring/{C06}/ranking/": ".ranking-table tbody tr:first-child th[scope=row]",
    f"/scoring/{C06}/sheets/HN-SNV/": ".score-table tbody tr:not(.group-row) th.code",
    f"/start-of-year/{C07}/registrations/": ".registrations-table tbody tr:first-child .key",
}


def _board_pages() -> list[str]:
    unit = Organization.objects.get(code="HN-SNV").pk
    rule_set = RuleSet.objects.order_by("pk").values_list("code", flat=True).first()
    movement = Movement.objects.order_by("pk").values_list("pk", flat=True).first()
    ballot = Ballot.objects.filter(conference__cluster_year__year=2023).order_by("pk").first()
    user = User.objects.get(username="donvi").pk
    authority = Authority.objects.get(code="HN").pk
    return [
        "/",
        "/clusters/",
        f"/clusters/{C06}/",
        "/organizations/",
        f"/organizations/{unit}/",
        "/authorities/",
        f"/start-of-year/{C07}/deadlines/",
        f"/start-of-year/{C07}/pledge/",
        f"/start-of-year/{C07}/pledge/edit/",
        f"/start-of-year/{C07}/registrations/",
        f"/start-of-year/{C07}/registrations/HN-SLDTBXH/",
        f"/start-of-year/{C07}/follow-up/",
        "/start-of-year/follow-up/",
        "/start-of-year/rollup/",
        f"/planning/{C06}/plans/",
        f"/planning/{C06}/drives/",
        "/planning/movements/",
        *([f"/planning/movements/{movement}/"] if movement else []),
        f"/scoring/{C06}/",
        f"/scoring/{C06}/criteria/",
        f"/scoring/{C06}/sheets/HN-SNV/",
        f"/scoring/{C06}/sheets/HN-SNV/verify/",
        f"/scoring/{C06}/ranking/",
        f"/documents/{C06}/",
        "/legal/",
        "/legal/instruments/",
        *([f"/legal/{rule_set}/"] if rule_set else []),
        "/awards/catalogue/",
        "/awards/registry/",
        f"/people/units/{unit}/",
        "/people/SNV-M01/",
        "/eligibility/",
        "/eligibility/batches/",
        "/restructuring/",
        "/notifications/",
        "/notifications/preferences/",
        "/accounts/me/",
        "/accounts/me/tokens/",
        "/accounts/users/",
        f"/accounts/users/{user}/",
        "/accounts/users/new/",
        "/clusters/new/",
        "/organizations/new/",
        f"/authorities/{authority}/",
        f"/planning/{C06}/plans/work-plan/",
        "/legal/compare/",
        "/restructuring/new/",
        "/eligibility/batches/new/",
    ] + ([f"{CONF}/ballots/{ballot.uuid}/"] if ballot else [])


SECRETARIAT_PAGES = [
    "/",
    f"/start-of-year/{C06_NEXT}/pledge/",
    f"/start-of-year/{C06}/deadlines/",
    f"/start-of-year/{C06_NEXT}/registrations/",
    f"{CONF}/",
    f"{CONF}/passes/",
    f"{CONF}/ballots/",
    f"{CONF}/outcomes/",
    f"{CONF}/record/",
    f"{CONF}/screen/",
]
UNIT_PAGES = [
    "/",
    f"/clusters/{C06_NEXT}/",
    f"/start-of-year/{C06_NEXT}/registrations/HN-SNV/",
    f"/scoring/{C06}/sheets/HN-SNV/",
    "/notifications/",
    "/accounts/me/",
]
HOME_ONLY = ["/"]
# before logging in: the login page, the forgotten password, a delegate's entry to the room
ANONYMOUS_PAGES = ["/accounts/login/", "/accounts/password-reset/", "/voting/p/"]


# the elements that stick out of a parent that fits the screen: what makes a page too wide
STICKING_OUT = """w => {
  const scrolls = e => { for (let a = e.parentElement; a; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false; };
  return [...document.querySelectorAll('body *')].filter(e => {
    const p = e.parentElement;
    return e.getBoundingClientRect().right > w + 1 && p.getBoundingClientRect().right <= w + 1
      && !scrolls(e);
  }).slice(0, 4).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
}"""


def _problems(page: Any, path: str, width: int) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    where = f"{path} @{width}px"
    found = [
        f"{where}: axe {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in Axe().run(page).response["violations"]
        if v.get("impact") in {"serious", "critical"}
    ]
    duplicates = page.evaluate(
        """() => { const seen = {}; for (const e of document.querySelectorAll('[id]'))
             seen[e.id] = (seen[e.id] || 0) + 1;
           return Object.keys(seen).filter(k => seen[k] > 1); }"""
    )
    found += [f"{where}: id {d!r} used more than once" for d in duplicates]
    if width == PHONE["width"]:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width + 1:
            found.append(
                f"{where}: the page scrolls sideways ({scroll_width}px wide): "
                + ", ".join(page.evaluate(STICKING_OUT, width))
            )
        if path in KEY_CELLS:
            found += _key_cell_problems(page, where, KEY_CELLS[path], width)
    return found


def _key_cell_problems(page: Any, where: str, selector: str, width: int) -> list[str]:
    cell = page.locator(selector).first
    if cell.count() == 0:
        return [f"{where}: no key cell {selector}"]
    # scroll its table to the far end: the key cell must still be on screen
    cell.evaluate(
        "c => { const w = c.closest('.table-wrap'); if (w) w.scrollLeft = w.scrollWidth; }"
    )
    box = cell.bounding_box()
    if box is None or box["x"] < -1 or box["x"] + box["width"] > width + 1:
        return [f"{where}: key cell {selector} leaves the screen ({box})"]
    return []


def _visit_all(page: Any, username: str | None, paths: list[str]) -> list[str]:
    if username is not None:
        login(page, username, PASSWORD)
    problems: list[str] = []
    for path in paths:
        page.set_viewport_size(DESKTOP)
        response = page.goto(path)
        if response is None or response.status != 200:
            problems.append(f"{path}: status {response.status if response else None}")
            continue
        page.wait_for_load_state("networkidle")
        problems += _problems(page, path, DESKTOP["width"])
        page.set_viewport_size(PHONE)
        problems += _problems(page, path, PHONE["width"])
        if SCREENSHOTS and (path in KEY_CELLS or path == "/"):
            if path in KEY_CELLS:  # the table, scrolled to its far end
                page.locator(KEY_CELLS[path]).first.scroll_into_view_if_needed()
            name = path.strip("/").replace("/", "_") or "home"
            page.screenshot(path=f"{SCREENSHOTS}/{username}-{name}.png")
    return problems


@pytest.fixture
def demo(live_server: Any) -> None:
    # a transactional test may start from a flushed database: the rule sets and the award
    # catalogue that the data migrations load come back first, as on a fresh installation
    if not RuleSet.objects.exists():
        load_definitions(apps)
        instruments = load_instruments(apps)
        for version in (*NATIONAL, SCORING):
            write_version(apps, version, instruments)
    if not AwardType.objects.exists():
        load_catalogue(AwardType)
    call_command("demo", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("username", "pages"),
    [
        ("bantdkt", None),
        ("thuky", SECRETARIAT_PAGES),
        ("donvi", UNIT_PAGES),
        ("lanhdao", HOME_ONLY),
        ("hoidong", HOME_ONLY),
        ("xem", HOME_ONLY),
        ("admin", HOME_ONLY),
        (None, ANONYMOUS_PAGES),
    ],
)
def test_main_pages_are_accessible_on_desktop_and_phone(
    page: Any, demo: None, username: str | None, pages: list[str] | None
) -> None:
    paths = pages if pages is not None else _board_pages()
    problems = _visit_all(page, username, paths)
    assert problems == [], f"{len(paths)} pages × 2 widths:\n" + "\n".join(problems)
