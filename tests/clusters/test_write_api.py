"""Units, clusters, cluster years and memberships written through /api/v1/: the same services
and permissions as the pages; 404 outside the scope, 403 with the reason, 400 for bad input."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import OrganizationFactory
from thidua.audit.models import AuditEvent
from thidua.clusters.models import Cluster, ClusterYear
from thidua.organizations.models import Organization

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


def test_post_and_patch_a_unit(world: World) -> None:
    client = _client(world, "board")
    response = client.post(
        "/api/v1/organizations/",
        {
            "code": "HN-SXD",
            "name": "Sở Xây dựng",
            "kind": "department",
            "authority": world.authority.pk,
            "valid_from": "2025-07-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    unit_id = response.json()["id"]
    response = client.patch(
        f"/api/v1/organizations/{unit_id}/",
        {"short_name": "SXD"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["short_name"]) == (200, "SXD")
    assert AuditEvent.objects.filter(action__startswith="organization.").count() == 2


def test_unit_api_denied_outside_and_bad_input(world: World) -> None:
    body = {
        "code": "HP-SXD",
        "name": "Sở Xây dựng",
        "kind": "department",
        "authority": world.other_authority.pk,
    }
    denied = _client(world, "board").post(
        "/api/v1/organizations/", body, content_type="application/json"
    )
    assert denied.status_code == 403 and "quyền" in denied.json()["detail"]
    duplicate = _client(world, "admin").post(
        "/api/v1/organizations/",
        {**body, "code": world.member.code},
        content_type="application/json",
    )
    assert duplicate.status_code == 400 and "đã tồn tại" in duplicate.json()["detail"]
    patch = _client(world, "other_board").patch(
        f"/api/v1/organizations/{world.member.pk}/",
        {"name": "X"},
        content_type="application/json",
    )
    assert patch.status_code == 404
    officer = _client(world, "officer").patch(
        f"/api/v1/organizations/{world.member.pk}/",
        {"name": "X"},
        content_type="application/json",
    )
    assert officer.status_code == 403
    order = _client(world, "board").patch(
        f"/api/v1/organizations/{world.member.pk}/",
        {"valid_from": "2025-07-01", "valid_to": "2025-01-01"},
        content_type="application/json",
    )
    assert order.status_code == 400 and "đứng trước" in order.json()["detail"]
    assert not Organization.objects.filter(code="HP-SXD").exists()


def test_post_a_cluster_with_its_first_year(world: World) -> None:
    body = {
        "authority": world.authority.pk,
        "kind": "bloc",
        "code": "HN-K01",
        "name": "Khối thi đua số 1",
        "year": 2025,
    }
    response = _client(world, "board").post(
        "/api/v1/clusters/", body, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    assert [y["year"] for y in response.json()["years"]] == [2025]
    other = _client(world, "other_board").post(
        "/api/v1/clusters/", {**body, "code": "HN-K02"}, content_type="application/json"
    )
    assert other.status_code == 403
    bad = _client(world, "board").post(
        "/api/v1/clusters/",
        {**body, "code": "HN-K03", "year": 1800},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert list(Cluster.objects.filter(code__in=["HN-K02", "HN-K03"])) == []


def test_post_a_new_year_of_a_cluster(world: World) -> None:
    body = {
        "cluster": "HN-C06",
        "year": 2024,
        "members": [world.member.pk],
        "head": world.member.pk,
    }
    response = _client(world, "board").post(
        "/api/v1/cluster-years/", body, content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["head"] == world.member.code
    again = _client(world, "board").post(
        "/api/v1/cluster-years/", body, content_type="application/json"
    )
    assert again.status_code == 400
    unseen = _client(world, "other_board").post(
        "/api/v1/cluster-years/", {**body, "year": 2025}, content_type="application/json"
    )
    assert unseen.status_code == 400  # no such cluster for them
    secretariat = _client(world, "secretariat").post(
        "/api/v1/cluster-years/",
        {**body, "year": 2026, "members": [], "head": None},
        content_type="application/json",
    )
    assert secretariat.status_code == 403
    assert ClusterYear.objects.filter(cluster__code="HN-C06").count() == 2


def test_patch_theme_and_heads(world: World) -> None:
    url = f"/api/v1/cluster-years/{world.cy.pk}/"
    theme_only = _client(world, "secretariat").patch(
        url, {"theme": "Thi đua"}, content_type="application/json"
    )
    assert theme_only.status_code == 200
    heads = _client(world, "secretariat").patch(
        url, {"head": world.head.pk}, content_type="application/json"
    )
    assert heads.status_code == 403
    response = _client(world, "board").patch(
        url, {"theme": "Mới", "head": world.member.pk}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["theme"], response.json()["head"]) == ("Mới", world.member.code)
    assert response.json()["deputy"] == world.deputy.code
    assert (
        _client(world, "other_board")
        .patch(url, {"theme": "X"}, content_type="application/json")
        .status_code
        == 404
    )
    outsider = _client(world, "admin").patch(  # the theme is not kept either: all or nothing
        url, {"theme": "Không lưu", "head": world.outsider_org.pk}, content_type="application/json"
    )
    assert outsider.status_code == 400 and "không phải thành viên" in outsider.json()["detail"]
    world.cy.refresh_from_db()
    assert (world.cy.theme, world.cy.head) == ("Mới", world.member)


def test_add_and_remove_a_member(world: World) -> None:
    unit = OrganizationFactory(authority=world.authority, name="Sở Xây dựng")
    url = f"/api/v1/cluster-years/{world.cy.pk}/members/"
    added = _client(world, "board").post(
        url, {"organization": unit.pk}, content_type="application/json"
    )
    assert added.status_code == 201, added.json()
    assert unit.code in [m["code"] for m in added.json()["members"]]
    assert (
        _client(world, "board")
        .post(url, {"organization": unit.pk}, content_type="application/json")
        .status_code
        == 400
    )
    assert (
        _client(world, "secretariat").delete(f"{url}{unit.pk}/?reason=Sáp nhập").status_code == 403
    )
    assert _client(world, "board").delete(f"{url}{unit.pk}/").status_code == 400  # no reason
    assert _client(world, "other_board").delete(f"{url}{unit.pk}/?reason=X").status_code == 404
    removed = _client(world, "board").delete(f"{url}{unit.pk}/?reason=Sáp nhập")
    assert removed.status_code == 200
    assert unit.code not in [m["code"] for m in removed.json()["members"]]
    assert AuditEvent.objects.filter(action="cluster_year.member.remove").count() == 1


def test_schema_lists_the_write_endpoints(world: World) -> None:
    schema = _client(world, "board").get("/api/schema/", HTTP_ACCEPT="application/json").json()
    paths = schema["paths"]
    assert "post" in paths["/api/v1/organizations/"]
    assert "patch" in paths["/api/v1/organizations/{id}/"]
    assert "post" in paths["/api/v1/clusters/"]
    assert "post" in paths["/api/v1/cluster-years/"]
    assert "patch" in paths["/api/v1/cluster-years/{id}/"]
    assert "post" in paths["/api/v1/cluster-years/{id}/members/"]
    assert "delete" in paths["/api/v1/cluster-years/{id}/members/{org_id}/"]
