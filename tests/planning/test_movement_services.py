"""Movements: launched by an authority for some of its cluster years, within their period."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.conftest import World
from tests.factories import ClusterYearFactory
from tests.factories_planning import docx_upload, fake_pdf_upload
from thidua.audit.models import AuditEvent
from thidua.planning import services
from thidua.planning.enums import MovementKind
from thidua.planning.models import Drive, Movement

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _launch(world: World, **overrides: Any) -> Movement:
    args: dict[str, Any] = {
        "authority": world.authority,
        "kind": MovementKind.THEMATIC,
        "title": "Phong trào thi đua cải cách hành chính",
        "slogan": "Cải cách, kỷ cương",
        "starts_on": dt.date(2023, 1, 1),
        "ends_on": dt.date(2023, 12, 31),
        "cluster_years": [world.cy],
        "by": world.board,
    }
    args.update(overrides)
    return services.launch_movement(**args)


def test_board_launches_a_movement_with_its_document(world: World) -> None:
    movement = _launch(
        world,
        document_number="123/KH-HĐTĐKT",
        document_date=dt.date(2023, 1, 5),
        document_file=docx_upload("ke-hoach-phat-dong.docx"),
    )
    assert list(movement.cluster_years.all()) == [world.cy]
    assert movement.document_file_name == "ke-hoach-phat-dong.docx"
    assert movement.document_file.name.startswith("planning/movements/HN/")
    assert (
        movement.search_text
        == " phong trao thi dua cai cach hanh chinh cai cach, ky cuong 123/kh-hdtdkt "
    )
    event = AuditEvent.objects.get(action="movement.launch")
    assert (event.actor_id, event.after["cluster_years"], event.after["kind"]) == (
        world.board.pk,
        [world.cy.pk],
        "thematic",
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"cluster_years": []}, "Cần chọn ít nhất một cụm, khối tham gia phong trào."),
        (
            {"starts_on": dt.date(2023, 6, 1), "ends_on": dt.date(2023, 2, 1)},
            "Ngày kết thúc (01/02/2023) phải sau hoặc bằng ngày bắt đầu (01/06/2023).",
        ),
        ({"title": " "}, "Cần nhập tên phong trào."),
        ({"kind": "weekly"}, "Loại phong trào không hợp lệ: weekly."),
        (
            {"document_file": fake_pdf_upload()},
            "Nội dung tệp “gia-mao.pdf” không phải PDF hợp lệ.",
        ),
    ],
)
def test_bad_movement_is_refused_and_nothing_is_written(
    world: World, overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        _launch(world, **overrides)
    assert exc.value.messages == [message]
    assert Movement.objects.count() == 0
    assert not AuditEvent.objects.filter(action="movement.launch").exists()


def test_cluster_of_another_authority_cannot_take_part(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        _launch(world, cluster_years=[world.cy, world.other_cy])
    assert exc.value.messages == [
        f"{world.other_cy.cluster.name} không thuộc Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội."
    ]
    assert Movement.objects.count() == 0


def test_cluster_year_outside_the_period_cannot_take_part(world: World) -> None:
    later = ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    with pytest.raises(ValidationError) as exc:
        _launch(world, cluster_years=[world.cy, later])
    assert exc.value.messages == [
        "Cụm thi đua số 6 năm 2024 nằm ngoài thời gian của phong trào (01/01/2023 – 31/12/2023)."
    ]


def test_an_open_ended_movement_takes_later_years(world: World) -> None:
    later = ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    movement = _launch(
        world, kind=MovementKind.REGULAR, ends_on=None, cluster_years=[world.cy, later]
    )
    assert movement.cluster_years.count() == 2


def test_update_is_audited_and_keeps_drives_consistent(world: World) -> None:
    movement = _launch(world)
    services.create_drive(
        cluster_year=world.cy,
        name="Đợt 1",
        starts_on=dt.date(2023, 3, 1),
        ends_on=dt.date(2023, 4, 1),
        movement=movement,
        by=world.secretariat,
    )
    other_year = ClusterYearFactory(cluster=world.cy.cluster, year=2022)
    with pytest.raises(ValidationError) as exc:
        services.update_movement(
            movement=movement,
            kind=MovementKind.THEMATIC,
            title=movement.title,
            starts_on=dt.date(2022, 1, 1),
            ends_on=dt.date(2023, 12, 31),
            cluster_years=[other_year],
            by=world.board,
        )
    assert exc.value.messages == [
        "Không thể bỏ Cụm thi đua số 6 năm 2023: một đợt thi đua của năm này (“Đợt 1”) đang gắn "
        "với phong trào."
    ]
    services.update_movement(
        movement=movement,
        kind=MovementKind.THEMATIC,
        title="Phong trào thi đua cải cách hành chính (sửa)",
        starts_on=dt.date(2022, 1, 1),
        ends_on=dt.date(2023, 12, 31),
        cluster_years=[other_year, world.cy],
        by=world.board,
    )
    movement.refresh_from_db()
    assert movement.title == "Phong trào thi đua cải cách hành chính (sửa)"
    event = AuditEvent.objects.get(action="movement.update")
    assert (event.before["cluster_years"], event.after["cluster_years"]) == (
        [world.cy.pk],
        sorted([other_year.pk, world.cy.pk]),
    )
    assert Drive.objects.get().movement == movement
