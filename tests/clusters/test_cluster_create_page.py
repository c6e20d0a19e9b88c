"""“Tạo cụm, khối”: a board officer sets up a new cluster of their authority from the page."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World
from thidua.audit.models import AuditEvent
from thidua.clusters.models import Cluster, ClusterYear

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


def test_board_officer_creates_a_bloc_with_its_first_year(world: World) -> None:
    client = _client(world, "board")
    assert 'href="/clusters/new/"' in client.get("/clusters/").content.decode()
    response = client.post(
        "/clusters/new/",
        {
            "authority": world.authority.pk,
            "kind": "bloc",
            "code": "HN-K01",
            "name": "Khối các sở",
            "year": 2025,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/clusters/HN-K01/2025/"
    year_page = client.get("/clusters/HN-K01/2025/").content.decode()
    assert "Khối các sở" in year_page and 'action="/clusters/HN-K01/2025/members/add/"' in year_page
    assert (
        AuditEvent.objects.filter(action__in=["cluster.create", "cluster_year.create"]).count() == 2
    )


def test_bad_input_creates_nothing(world: World) -> None:
    client = _client(world, "board")
    response = client.post(
        "/clusters/new/",
        {
            "authority": world.authority.pk,
            "kind": "cluster",
            "code": "HN-C06",
            "name": "Trùng mã",
            "year": 2025,
        },
    )
    assert response.status_code == 400
    assert "đã tồn tại" in response.content.decode()
    response = client.post(
        "/clusters/new/",
        {
            "authority": world.other_authority.pk,
            "kind": "cluster",
            "code": "HP-C09",
            "name": "Cụm khác",
            "year": 2025,
        },
    )
    assert response.status_code == 400  # not an authority offered to them
    assert not Cluster.objects.filter(code="HP-C09").exists()
    assert ClusterYear.objects.count() == 2


def test_create_cluster_page_is_403_for_the_secretariat(world: World) -> None:
    client = _client(world, "secretariat")
    assert 'href="/clusters/new/"' not in client.get("/clusters/").content.decode()
    assert client.get("/clusters/new/").status_code == 403
