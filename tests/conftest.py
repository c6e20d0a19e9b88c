"""Shared fixtures: persona users around one cluster year, and the browser harness."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient

from tests.factories import (
    AuthorityFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    ClusterYearFactory,
    OrganizationFactory,
    UserFactory,
)
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.awards.catalogue import load_catalogue
from thidua.awards.models import AwardType
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Authority, Organization

# Hypothesis profiles. `ci` (for `make test`, `.ci/run`, or whenever CI or THIDUA_CI is set)
# makes property tests independent of machine speed and of chance: no deadline, no health check
# that times data generation, the same examples on every run (derandomised, so no example
# database is written), and a reproduction blob printed on failure. `dev` (a bare `pytest`)
# keeps Hypothesis' defaults so local runs still explore new examples and warn about slow
# strategies. `--hypothesis-profile=dev|ci` overrides either choice.
settings.register_profile(
    "ci",
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
    derandomize=True,
    print_blob=True,
)
settings.register_profile("dev")


def _on(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in {"", "0", "false", "no"}


settings.load_profile("ci" if _on("CI") or _on("THIDUA_CI") else "dev")


def pytest_report_header() -> str:
    return f"hypothesis profile: {settings.get_current_profile_name()}"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--require-postgres", action="store_true", help="fail unless the database is PostgreSQL"
    )


@pytest.fixture(autouse=True, scope="session")
def _check_database(
    request: pytest.FixtureRequest, django_db_setup: Any, django_db_blocker: Any
) -> None:
    if request.config.getoption("--require-postgres"):
        with django_db_blocker.unblock():
            vendor = connection.vendor
        if vendor != "postgresql":
            pytest.exit(f"--require-postgres given but the database is {vendor}", returncode=1)


@dataclass
class World:
    """One authority with a cluster year (head, deputy, member), and an outsider elsewhere."""

    authority: Authority
    other_authority: Authority
    cy: ClusterYear
    other_cy: ClusterYear
    head: Organization
    deputy: Organization
    member: Organization
    outsider_org: Organization
    admin: User
    board: User
    other_board: User
    secretariat: User
    officer: User
    leader: User
    council: User
    viewer: User
    outsider: User
    deputy_officer: User

    def user(self, persona: str) -> User:
        return getattr(self, persona)


@pytest.fixture
def world(db: Any) -> World:
    authority = AuthorityFactory(code="HN", name="Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội")
    other_authority = AuthorityFactory(
        code="HP", name="Hội đồng Thi đua - Khen thưởng Thành phố Hải Phòng"
    )
    load_catalogue(AwardType)  # Hà Nội's local award variants belong to ``authority``
    cy = ClusterYearFactory(
        cluster=ClusterFactory(authority=authority, code="HN-C06", name="Cụm thi đua số 6"),
        year=2023,
    )
    head = ClusterMembershipFactory(
        cluster_year=cy, organization__name="Văn phòng UBND Thành phố"
    ).organization
    deputy = ClusterMembershipFactory(
        cluster_year=cy, organization__name="Sở Ngoại vụ"
    ).organization
    member = ClusterMembershipFactory(cluster_year=cy, organization__name="Sở Nội vụ").organization
    cy.head, cy.deputy = head, deputy
    cy.save()
    other_cy = ClusterYearFactory(
        cluster=ClusterFactory(authority=other_authority, code="HP-C01"), year=2023
    )
    outsider_org = ClusterMembershipFactory(
        cluster_year=other_cy, organization__name="Sở Tư pháp Hải Phòng"
    ).organization
    return World(
        authority=authority,
        other_authority=other_authority,
        cy=cy,
        other_cy=other_cy,
        head=head,
        deputy=deputy,
        member=member,
        outsider_org=outsider_org,
        admin=UserFactory(
            username="admin", role=Role.SYSTEM_ADMIN, is_staff=True, is_superuser=True
        ),
        board=UserFactory(username="board", role=Role.BOARD_OFFICER, authority=authority),
        other_board=UserFactory(
            username="other_board", role=Role.BOARD_OFFICER, authority=other_authority
        ),
        secretariat=UserFactory(
            username="secretariat", role=Role.CLUSTER_SECRETARIAT, organization=head
        ),
        officer=UserFactory(username="officer", role=Role.UNIT_OFFICER, organization=member),
        leader=UserFactory(username="leader", role=Role.UNIT_LEADER, organization=member),
        council=UserFactory(username="council", role=Role.COUNCIL_MEMBER, authority=authority),
        viewer=UserFactory(username="viewer", role=Role.VIEWER, authority=authority),
        outsider=UserFactory(
            username="outsider", role=Role.UNIT_OFFICER, organization=outsider_org
        ),
        deputy_officer=UserFactory(
            username="deputy_officer", role=Role.UNIT_OFFICER, organization=deputy
        ),
    )


#: The personas who run the world's cluster year and read its drafts (issue 12, point 7): its
#: secretariat, the board of its authority, the system administrator.
CLUSTER_RUNNERS = ["secretariat", "board", "admin"]


@dataclass
class Personas:
    """The world's personas signed in by name, on the pages (``web``) and in the API (``api``);
    ``extra`` names the users a test adds to the world (``"deputy_leader"``)."""

    world: World
    extra: dict[str, User] = field(default_factory=dict)

    def user(self, persona: str) -> User:
        return self.extra[persona] if persona in self.extra else self.world.user(persona)

    def web(self, persona: str) -> Client:
        client = Client()
        client.force_login(self.user(persona))
        return client

    def api(self, persona: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(self.user(persona))
        return client


@pytest.fixture
def personas(world: World) -> Personas:
    return Personas(world)


@pytest.fixture
def org_factory() -> Any:
    return OrganizationFactory


# ---------------------------------------------------------------- browser harness


def chromium_path() -> str | None:
    return (
        os.environ.get("THIDUA_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        if os.environ.get("THIDUA_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required (THIDUA_REQUIRE_BROWSER) but was not found")
        pytest.skip("Chromium is not installed: browser tests skipped")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
    # itself (arranging data) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def login(page: Any, username: str, password: str = "pw") -> None:  # noqa: S107 -- test password
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def assert_accessible(page: Any) -> None:
    """axe-core on the current page: no serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in {"serious", "critical"}]
    assert bad == [], "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)" for v in bad)
