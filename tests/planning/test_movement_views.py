"""Movement pages: the authority-level list (filters, accent-insensitive search), launching."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import ClusterMembershipFactory, ClusterYearFactory
from tests.factories_planning import docx_upload
from thidua.planning import services
from thidua.planning.enums import MovementKind
from thidua.planning.models import Movement

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIST = "/planning/movements/"


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


def _launch(world: World, title: str, **overrides: Any) -> Movement:
    args: dict[str, Any] = {
        "authority": world.authority,
        "kind": MovementKind.THEMATIC,
        "title": title,
        "starts_on": dt.date(2023, 1, 1),
        "ends_on": dt.date(2023, 12, 31),
        "cluster_years": [world.cy],
        "by": world.board,
    }
    args.update(overrides)
    return services.launch_movement(**args)


def _titles(response: Any) -> list[str]:
    return [m.title for m in response.context["page"].object_list]


@pytest.fixture
def movements(world: World) -> dict[str, Movement]:
    other_cluster_year = ClusterYearFactory(cluster__authority=world.authority, year=2023)
    ClusterMembershipFactory(cluster_year=other_cluster_year)
    return {
        "reform": _launch(world, "Phong trào thi đua cải cách hành chính"),
        "rural": _launch(
            world,
            "Chung sức xây dựng nông thôn mới",
            kind=MovementKind.REGULAR,
            starts_on=dt.date(2021, 1, 1),
            cluster_years=[other_cluster_year],
        ),
        "haiphong": _launch(
            world,
            "Phong trào của Hải Phòng",
            authority=world.other_authority,
            cluster_years=[world.other_cy],
            by=world.other_board,
        ),
    }


def test_board_sees_every_movement_of_its_authority(
    world: World, movements: dict[str, Movement]
) -> None:
    response = _client(world, "board").get(LIST)
    assert response.status_code == 200
    assert _titles(response) == [
        "Phong trào thi đua cải cách hành chính",
        "Chung sức xây dựng nông thôn mới",
    ]
    assert 'href="/planning/movements/new/"' in response.content.decode()


def test_outsider_sees_only_the_movements_of_its_own_cluster(
    world: World, movements: dict[str, Movement]
) -> None:
    assert _titles(_client(world, "outsider").get(LIST)) == ["Phong trào của Hải Phòng"]


def test_unit_officer_sees_the_movements_its_cluster_takes_part_in(
    world: World, movements: dict[str, Movement]
) -> None:
    response = _client(world, "officer").get(LIST)
    assert _titles(response) == ["Phong trào thi đua cải cách hành chính"]
    assert 'href="/planning/movements/new/"' not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=cai cach", ["Phong trào thi đua cải cách hành chính"]),
        ("q=NONG THON", ["Chung sức xây dựng nông thôn mới"]),
        ("kind=regular", ["Chung sức xây dựng nông thôn mới"]),
        ("year=2021", ["Chung sức xây dựng nông thôn mới"]),
        ("year=2023&kind=thematic", ["Phong trào thi đua cải cách hành chính"]),
    ],
)
def test_list_filters(
    world: World, movements: dict[str, Movement], query: str, expected: list[str]
) -> None:
    assert _titles(_client(world, "board").get(f"{LIST}?{query}")) == expected


def test_htmx_filter_returns_only_the_results(world: World, movements: dict[str, Movement]) -> None:
    response = _client(world, "board").get(f"{LIST}?q=cai", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "Phong trào thi đua cải cách hành chính" in html
    assert "<html" not in html


def test_movement_page_lists_participating_clusters(
    world: World, movements: dict[str, Movement]
) -> None:
    response = _client(world, "officer").get(f"{LIST}{movements['reform'].pk}/")
    assert response.status_code == 200
    assert [str(cy) for cy in response.context["movement"].visible_cluster_years] == [
        "Cụm thi đua số 6 — 2023"
    ]


def test_movement_outside_scope_is_404(world: World, movements: dict[str, Movement]) -> None:
    assert _client(world, "outsider").get(f"{LIST}{movements['reform'].pk}/").status_code == 404
    assert _client(world, "officer").get(f"{LIST}{movements['rural'].pk}/").status_code == 404


def test_board_launches_a_movement(world: World) -> None:
    client = _client(world, "board")
    assert client.get(LIST + "new/").status_code == 200
    response = client.post(
        LIST + "new/",
        {
            "kind": "thematic",
            "title": "Phong trào sáng kiến sáng tạo Thủ đô",
            "starts_on": "2023-04-01",
            "ends_on": "2023-12-31",
            "cluster_years": [world.cy.pk],
            "document_number": "01/KH-HĐTĐKT",
            "document_file": docx_upload(),
        },
    )
    movement = Movement.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"{LIST}{movement.pk}/")
    assert (movement.authority, movement.launched_by, movement.document_file_name) == (
        world.authority,
        world.board,
        "quy-che.docx",
    )
    download = client.get(f"{LIST}{movement.pk}/document/")
    assert b"".join(download.streaming_content).startswith(b"PK")  # type: ignore[attr-defined]
    assert (download.status_code, download["Content-Disposition"]) == (
        200,
        'attachment; filename="quy-che.docx"',
    )
    assert _client(world, "outsider").get(f"{LIST}{movement.pk}/document/").status_code == 404


@pytest.mark.parametrize("persona", ["officer", "council", "secretariat", "viewer"])
def test_only_board_or_admin_launch(world: World, persona: str) -> None:
    response = _client(world, persona).post(
        LIST + "new/", {"kind": "thematic", "title": "X", "starts_on": "2023-01-01"}
    )
    assert response.status_code == 403
    assert Movement.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"cluster_years": []}, "Cần chọn ít nhất một cụm, khối tham gia phong trào."),
        (
            {"starts_on": "2023-12-01", "ends_on": "2023-01-01"},
            "Ngày kết thúc (01/01/2023) phải sau hoặc bằng ngày bắt đầu (01/12/2023).",
        ),
    ],
)
def test_bad_movement_form_shows_the_message(
    world: World, data: dict[str, Any], message: str
) -> None:
    base = {
        "kind": "thematic",
        "title": "Phong trào mới",
        "starts_on": "2023-01-01",
        "ends_on": "2023-12-31",
        "cluster_years": [world.cy.pk],
    }
    response = _client(world, "board").post(LIST + "new/", {**base, **data})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    assert Movement.objects.count() == 0


def test_admin_chooses_the_authority(world: World) -> None:
    response = _client(world, "admin").post(
        LIST + "new/",
        {
            "authority": world.other_authority.pk,
            "kind": "regular",
            "title": "Phong trào Hải Phòng",
            "starts_on": "2023-01-01",
            "cluster_years": [world.other_cy.pk],
        },
    )
    assert response.status_code == 302
    assert Movement.objects.get().authority == world.other_authority


def test_edit_is_for_the_board_of_the_movement(
    world: World, movements: dict[str, Movement]
) -> None:
    url = f"{LIST}{movements['reform'].pk}/edit/"
    data = {
        "kind": "thematic",
        "title": "Phong trào thi đua cải cách hành chính năm 2023",
        "starts_on": "2023-01-01",
        "ends_on": "2023-12-31",
        "cluster_years": [world.cy.pk],
    }
    assert _client(world, "council").post(url, data).status_code == 403
    assert _client(world, "other_board").post(url, data).status_code == 404
    response = _client(world, "board").post(url, data)
    assert response.status_code == 302
    movements["reform"].refresh_from_db()
    assert movements["reform"].title == "Phong trào thi đua cải cách hành chính năm 2023"
