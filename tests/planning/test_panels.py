"""Home-page panels: a unit sees the drives it still has to report; the board sees movements."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import World
from thidua.planning import services
from thidua.planning.enums import MovementKind
from thidua.planning.models import Drive

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _panels(world: World, persona: str) -> list[dict[str, Any]]:
    client = Client()
    client.force_login(world.user(persona))
    return [asdict(card) for card in client.get("/").context["panels"]]


def test_unit_sees_the_drive_it_has_not_reported(world: World, drive: Drive) -> None:
    # A report deadline still ahead keeps a past drive on the list (the world is in 2023).
    services.update_drive(
        drive=drive,
        name=drive.name,
        starts_on=drive.starts_on,
        ends_on=drive.ends_on,
        report_due_at=timezone.now() + dt.timedelta(days=2),
        by=world.secretariat,
    )
    [panel] = [p for p in _panels(world, "officer") if p["title"] == "Báo cáo kết quả đợt thi đua"]
    assert panel == {
        "title": "Báo cáo kết quả đợt thi đua",
        "url": "/planning/HN-C06/2023/drives/1/",
        "summary": "1 đợt chưa báo cáo; gần nhất: Đợt 1 (Cụm thi đua số 6 2023)",
    }
    services.submit_drive_report(
        drive=drive, organization=world.member, summary="Xong", by=world.officer
    )
    assert [p["title"] for p in _panels(world, "officer")] == []


def test_board_sees_movements_under_way(world: World) -> None:
    services.launch_movement(
        authority=world.authority,
        kind=MovementKind.THEMATIC,
        title="Phong trào thi đua cải cách hành chính",
        starts_on=dt.date(2023, 1, 1),
        ends_on=None,
        cluster_years=[world.cy],
        by=world.board,
    )
    assert _panels(world, "board") == [
        {
            "title": "Phong trào thi đua",
            "url": "/planning/movements/",
            "summary": "1 phong trào đang diễn ra",
        }
    ]
    assert _panels(world, "outsider") == []
