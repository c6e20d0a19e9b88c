"""Every action of clusters × every persona × each cluster year: the page's forms, the view and
the service give the same answer as ``user.has_perm`` (a cluster year has no state or deadline;
the walk covers a year of the personas' authority and one of another authority).

Outside the scope the view answers 404 before any permission is asked; inside it, a refused
action is a 403 that says why, and the service refuses with ``PermissionDenied``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from tests.conftest import World
from tests.factories import OrganizationFactory
from thidua.accounts.models import User
from thidua.clusters import services, unit_services
from thidua.clusters.deadlines import reopen_for_unit, set_deadline
from thidua.clusters.imports import import_units
from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_years_for_user, organizations_for_user
from thidua.core.permissions import denial_reason

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {
    "clusters.manage_clusteryear",
    "clusters.change_heads",
    "clusters.change_members",
    "clusters.import_units",
    "clusters.create_cluster",
    "clusters.set_deadline",
    "clusters.reopen_step",
    "clusters.create_unit",
    "clusters.change_unit",
}
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


def year_url(cy: ClusterYear, tail: str = "") -> str:
    return f"/clusters/{cy.cluster.code}/{cy.year}/{tail}"


@dataclass
class YearAction:
    """A cluster-year action: its form on the year page, its POST, its effect, its service."""

    form_path: str
    post: Callable[[ClusterYear], dict[str, Any]]
    done: Callable[[ClusterYear], bool]
    service: Callable[[ClusterYear, User], object]


def _last_member(cy: ClusterYear) -> Any:
    """A member that is not the head yet (the world's heads are its first members)."""
    return cy.memberships.order_by("-pk").first().organization  # type: ignore[union-attr]


def _new_unit(cy: ClusterYear) -> Any:
    return OrganizationFactory(authority=cy.cluster.authority, name=f"Sở mới {cy.pk}")


YEAR_ACTIONS = {
    "clusters.manage_clusteryear": YearAction(
        form_path="theme/",
        post=lambda cy: {"theme": "Chủ đề mới"},
        done=lambda cy: ClusterYear.objects.get(pk=cy.pk).theme == "Chủ đề mới",
        service=lambda cy, user: services.update_theme(
            cluster_year=cy, theme="Chủ đề mới", user=user
        ),
    ),
    "clusters.change_heads": YearAction(
        form_path="heads/",
        post=lambda cy: {"head": _last_member(cy).pk, "deputy": ""},
        done=lambda cy: ClusterYear.objects.get(pk=cy.pk).head == _last_member(cy),
        service=lambda cy, user: services.set_heads(
            cluster_year=cy, head=_last_member(cy), deputy=None, user=user
        ),
    ),
    "clusters.change_members": YearAction(
        form_path="members/add/",
        post=lambda cy: {"add-organization": _new_unit(cy).code},
        done=lambda cy: cy.memberships.filter(organization__name__startswith="Sở mới").exists(),
        service=lambda cy, user: services.add_member(
            cluster_year=cy, organization=_new_unit(cy), user=user
        ),
    ),
}


def _years(world: World) -> list[ClusterYear]:
    return [world.cy, world.other_cy]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("perm", sorted(YEAR_ACTIONS))
def test_year_page_view_and_service_agree_with_the_permission(
    world: World, persona: str, perm: str
) -> None:
    user = world.user(persona)
    action = YEAR_ACTIONS[perm]
    client = Client()
    client.force_login(user)
    visible = set(cluster_years_for_user(user))
    for cy in _years(world):
        allowed = user.has_perm(perm, cy)
        page = client.get(year_url(cy))
        if cy not in visible:
            assert (allowed, page.status_code) == (False, 404), cy
            assert client.post(year_url(cy, action.form_path), action.post(cy)).status_code == 404
        else:
            offered = f'action="{year_url(cy, action.form_path)}"' in page.content.decode()
            assert offered == allowed, cy
            response = client.post(year_url(cy, action.form_path), action.post(cy))
            assert (response.status_code, action.done(cy)) == (
                (302, True) if allowed else (403, False)
            ), cy
            if not allowed:
                assert str(denial_reason(user, perm, cy)) in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("perm", sorted(YEAR_ACTIONS))
def test_year_services_agree_with_the_permission(world: World, persona: str, perm: str) -> None:
    user = world.user(persona)
    for cy in _years(world):
        allowed = user.has_perm(perm, cy)
        try:
            YEAR_ACTIONS[perm].service(cy, user)
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, perm, cy)
        assert refused == (not allowed), cy


@pytest.mark.parametrize("persona", PERSONAS)
def test_import_page_menu_and_service_agree_with_the_permission(world: World, persona: str) -> None:
    user = world.user(persona)
    allowed = user.has_perm("clusters.import_units")
    client = Client()
    client.force_login(user)

    menu_link = 'href="/clusters/import/"' in client.get("/clusters/").content.decode()
    page = client.get("/clusters/import/")
    try:
        import_units(data=b"", filename="trong.csv", user=user)
        refused = False
    except PermissionDenied:
        refused = True

    assert (menu_link, page.status_code, refused) == (
        (True, 200, False) if allowed else (False, 403, True)
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_cluster_page_service_and_api_agree_with_the_permission(
    world: World, persona: str
) -> None:
    """The object is the authority: a board officer creates clusters of their own authority."""
    user = world.user(persona)
    client = Client()
    client.force_login(user)
    may_ever = user.has_perm("clusters.create_cluster")
    offered = 'href="/clusters/new/"' in client.get("/clusters/").content.decode()
    assert (offered, client.get("/clusters/new/").status_code) == (
        (True, 200) if may_ever else (False, 403)
    )
    for authority in (world.authority, world.other_authority):
        allowed = user.has_perm("clusters.create_cluster", authority)
        page = client.post(
            "/clusters/new/",
            {
                "authority": authority.pk,
                "kind": "cluster",
                "code": f"{authority.code}-P-{persona}",
                "name": "Cụm mới",
                "year": 2025,
            },
        )
        # the page offers only the authorities the person may create in: another is a bad choice
        assert page.status_code == (302 if allowed else (400 if may_ever else 403)), authority
        try:
            services.create_cluster(
                authority=authority,
                kind="cluster",
                code=f"{authority.code}-X-{persona}",
                name="Cụm mới",
                user=user,
            )
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, "clusters.create_cluster", authority)
        assert refused == (not allowed), authority
        response = client.post(
            "/api/v1/clusters/",
            {
                "authority": authority.pk,
                "kind": "cluster",
                "code": f"{authority.code}-API-{persona}",
                "name": "Cụm mới",
                "year": 2025,
            },
            content_type="application/json",
        )
        assert response.status_code == (201 if allowed else 403), authority


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_unit_page_api_and_service_agree_with_the_permission(
    world: World, persona: str
) -> None:
    user = world.user(persona)
    client = Client()
    client.force_login(user)
    may_ever = user.has_perm("clusters.create_unit")
    offered = 'href="/organizations/new/"' in client.get("/organizations/").content.decode()
    assert (offered, client.get("/organizations/new/").status_code) == (
        (True, 200) if may_ever else (False, 403)
    )
    for authority in (world.authority, world.other_authority):
        allowed = user.has_perm("clusters.create_unit", authority)
        assert not allowed or may_ever
        code = f"{authority.code}-U-{persona}"
        try:
            unit_services.create_unit(
                user=user, code=code, name="Đơn vị mới", kind="other", authority=authority
            )
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, "clusters.create_unit", authority)
        assert refused == (not allowed), authority
        body = {"code": f"{code}-P", "name": "Đơn vị", "kind": "other", "authority": authority.pk}
        page = client.post("/organizations/new/", body)
        # the page offers only the authorities the person may add to: another is a bad choice
        expected_page = 302 if allowed else (400 if may_ever else 403)
        assert page.status_code == expected_page, authority
        api = client.post(
            "/api/v1/organizations/", {**body, "code": f"{code}-A"}, content_type="application/json"
        )
        assert api.status_code == (201 if allowed else 403), authority


@pytest.mark.parametrize("persona", PERSONAS)
def test_change_unit_page_api_and_service_agree_with_the_permission(
    world: World, persona: str
) -> None:
    user = world.user(persona)
    client = Client()
    client.force_login(user)
    visible = set(organizations_for_user(user))
    for unit in (world.member, world.outsider_org):
        allowed = user.has_perm("clusters.change_unit", unit)
        edit = f"/organizations/{unit.pk}/edit/"
        body = {"name": f"{unit.name} ", "kind": unit.kind, "authority": unit.authority_id or ""}
        if unit not in visible:
            assert not allowed or user.is_system_admin
            assert client.post(edit, body).status_code == 404
            assert (
                client.patch(
                    f"/api/v1/organizations/{unit.pk}/",
                    {"note": "x"},
                    content_type="application/json",
                ).status_code
                == 404
            )
            continue
        offered = f'href="{edit}"' in client.get(f"/organizations/{unit.pk}/").content.decode()
        assert offered == allowed, unit
        assert client.post(edit, body).status_code == (302 if allowed else 403), unit
        api = client.patch(
            f"/api/v1/organizations/{unit.pk}/", {"note": "x"}, content_type="application/json"
        )
        assert api.status_code == (200 if allowed else 403), unit
        try:
            unit_services.update_unit(organization=unit, user=user, note="y")
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, "clusters.change_unit", unit)
        assert refused == (not allowed), unit


def _deadline_services(cy: ClusterYear, user: User) -> dict[str, Callable[[], object]]:
    soon = timezone.now() + dt.timedelta(days=7)
    return {
        "clusters.set_deadline": lambda: set_deadline(
            cluster_year=cy,
            step="pledge",
            due_at=dt.datetime(cy.year, 2, 15, 10, tzinfo=dt.UTC),  # within the year
            user=user,
        ),
        "clusters.reopen_step": lambda: reopen_for_unit(
            deadline=cy.deadlines.get_or_create(step="registration", defaults={"due_at": soon})[0],
            organization=_last_member(cy),
            until=soon,
            reason="Đơn vị xin thêm thời gian",
            granted_by=user,
        ),
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("perm", ["clusters.set_deadline", "clusters.reopen_step"])
def test_deadline_services_agree_with_the_permission(world: World, persona: str, perm: str) -> None:
    """The pages that set and reopen deadlines belong to the apps of the steps; they ask these."""
    user = world.user(persona)
    for cy in _years(world):
        allowed = user.has_perm(perm, cy)
        try:
            _deadline_services(cy, user)[perm]()
            refused = False
        except PermissionDenied as exc:
            refused = True
            assert str(exc) == denial_reason(user, perm, cy)
        assert refused == (not allowed), cy


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", ["HN-C06", "HP-C01"]),
        ("board", ["HN-C06"]),
        ("other_board", ["HP-C01"]),
        ("secretariat", ["HN-C06"]),
        ("officer", []),
        ("leader", []),
        ("council", []),
        ("viewer", []),
        ("outsider", []),
        ("deputy_officer", []),
    ],
)
def test_who_runs_a_cluster_year(world: World, persona: str, expected: list[str]) -> None:
    user = world.user(persona)
    assert [
        cy.cluster.code for cy in _years(world) if user.has_perm("clusters.manage_clusteryear", cy)
    ] == expected
