"""``planning.report_drive_on_behalf`` (ghi thay đơn vị, có lý do): every persona × each state
of the member unit's report — the page (403 not you), the POST and the service agree with
``user.has_perm``; only the system administrator and the board officer of the cluster's
authority may, in the unit's own conditions; the reason and the paper are audited and shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from tests.conftest import World
from thidua.audit.models import AuditEvent
from thidua.planning import services
from thidua.planning.models import Drive, DriveReport
from thidua.planning.services.reports import report_drive_on_behalf

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PERM = "planning.report_drive_on_behalf"
COVERED = {PERM}
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
PAPER = {"reason": "Đơn vị chỉ gửi văn bản giấy", "paper_ref": "Báo cáo 3/BC-SNV ngày 02/05/2023"}


def _drive(world: World, *, late: bool = False) -> Drive:
    return services.create_drive(
        cluster_year=world.cy,
        name="Đợt 1",
        starts_on=dt.date(2023, 2, 1),
        ends_on=dt.date(2023, 4, 30),
        report_due_at=timezone.now() - dt.timedelta(hours=1) if late else None,
        by=world.secretariat,
    )


def _reported(world: World) -> Drive:
    drive = _drive(world)
    services.submit_drive_report(
        drive=drive, organization=world.member, summary="Đã làm", by=world.officer
    )
    return drive


STATES: dict[str, Callable[[World], Drive]] = {
    "open": _drive,
    "already reported": _reported,
    "past the deadline": lambda world: _drive(world, late=True),
}


def _target(drive: Drive, world: World) -> DriveReport:
    drive = Drive.objects.select_related("cluster_year", "report_deadline").get(pk=drive.pk)
    return DriveReport.objects.filter(drive=drive, organization=world.member).first() or (
        DriveReport(drive=drive, organization=world.member)
    )


@pytest.mark.parametrize("state", sorted(STATES))
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_page_the_post_and_the_service_agree(world: World, persona: str, state: str) -> None:
    drive = STATES[state](world)
    user = world.user(persona)
    allowed = user.has_perm(PERM, _target(drive, world))
    assert allowed == (persona in {"admin", "board"} and state == "open")
    client = Client()
    client.force_login(user)
    url = f"/planning/HN-C06/2023/drives/{drive.number}/report-on-behalf/"
    page = client.get(url)
    if persona in {"other_board", "outsider"}:
        assert page.status_code == 404
    elif persona not in {"admin", "board"}:
        assert page.status_code == 403
    else:
        assert page.status_code == 200
    api = APIClient()
    api.force_authenticate(user)
    with transaction.atomic():
        answer = api.post(
            f"/api/v1/drives/{drive.pk}/report-on-behalf/",
            {"organization": world.member.code, "summary": "Kết quả", **PAPER},
            format="json",
        )
        transaction.set_rollback(True)
    assert (answer.status_code == 200) == allowed, answer.content
    assert allowed or answer.status_code in {403, 404}
    before = DriveReport.objects.filter(drive=drive, organization=world.member).count()
    data = {"organization": world.member.pk, "summary": "Kết quả theo văn bản giấy", **PAPER}
    response = client.post(url, data)
    created = DriveReport.objects.filter(drive=drive, organization=world.member).count() > before
    assert created == allowed
    if allowed:
        assert response.status_code == 302
        return
    with pytest.raises((PermissionDenied,)):
        report_drive_on_behalf(
            drive=drive, organization=world.member, summary="x", by=user, **PAPER
        )


def test_a_report_recorded_on_behalf_says_so_on_the_drive(world: World) -> None:
    drive = _drive(world)
    report_drive_on_behalf(
        drive=drive, organization=world.member, summary="Kết quả", by=world.board, **PAPER
    )
    event = AuditEvent.objects.get(action="drive.report.submit.on_behalf")
    assert (event.after["on_behalf_of"], event.actor) == (world.member.pk, world.board)
    client = Client()
    client.force_login(world.officer)
    html = client.get(f"/planning/HN-C06/2023/drives/{drive.number}/").content.decode()
    assert "ghi thay bởi" in html and "lý do: Đơn vị chỉ gửi văn bản giấy" in html


def test_recording_a_report_on_behalf_needs_a_reason(world: World) -> None:
    drive = _drive(world)
    with pytest.raises(ValidationError):
        report_drive_on_behalf(
            drive=drive,
            organization=world.member,
            summary="Kết quả",
            by=world.board,
            reason="",
            paper_ref="",
        )
    assert not DriveReport.objects.exists()
