"""Drive pages through the client: who may create drives, report, reopen; bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from tests.conftest import World
from tests.factories_planning import fake_pdf_upload, pdf_upload
from thidua.clusters.models import DeadlineExtension
from thidua.planning import services
from thidua.planning.models import Drive, DriveReport

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BASE = "/planning/HN-C06/2023/drives/"
D1 = BASE + "1/"
NEW_DRIVE = {"name": "Đợt 2", "starts_on": "2023-05-01", "ends_on": "2023-08-31", "occasion": ""}


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


def _messages(response: object) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def _close(drive: Drive, world: World) -> None:
    services.update_drive(
        drive=drive,
        name=drive.name,
        starts_on=drive.starts_on,
        ends_on=drive.ends_on,
        report_due_at=timezone.now() - dt.timedelta(hours=1),
        by=world.secretariat,
    )


def test_member_sees_who_has_reported(world: World, drive: Drive) -> None:
    services.submit_drive_report(
        drive=drive, organization=world.member, summary="Xong", by=world.officer
    )
    response = _client(world, "officer").get(BASE)
    assert response.status_code == 200
    matrix = {
        m.organization.name: [bool(r) for r in cells] for m, cells in response.context["matrix"]
    }
    assert matrix == {
        "Sở Ngoại vụ": [False],
        "Sở Nội vụ": [True],
        "Văn phòng UBND Thành phố": [False],
    }
    assert response.context["cy"].theme == world.cy.theme


@pytest.mark.parametrize("url", [BASE, D1, BASE + "new/", D1 + "report/"])
def test_outsider_gets_404_on_drive_pages(world: World, drive: Drive, url: str) -> None:
    assert _client(world, "outsider").get(url).status_code == 404


def test_secretariat_adds_a_drive(world: World, drive: Drive) -> None:
    client = _client(world, "secretariat")
    assert client.get(BASE + "new/").status_code == 200
    response = client.post(BASE + "new/", NEW_DRIVE)
    assert (response.status_code, response["Location"]) == (302, BASE + "2/")
    assert list(Drive.objects.values_list("number", "name")) == [(1, "Đợt 1"), (2, "Đợt 2")]


@pytest.mark.parametrize("persona", ["officer", "council", "viewer"])
def test_others_cannot_add_drives(world: World, persona: str) -> None:
    assert _client(world, persona).post(BASE + "new/", NEW_DRIVE).status_code == 403
    assert Drive.objects.count() == 0


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (
            {"starts_on": "2023-08-31", "ends_on": "2023-05-01"},
            "Ngày kết thúc (01/05/2023) phải sau hoặc bằng ngày bắt đầu (31/08/2023).",
        ),
        (
            {"starts_on": "2022-12-01", "ends_on": "2023-01-31"},
            "Thời gian của đợt thi đua (01/12/2022 – 31/01/2023) phải nằm trong năm 2023.",
        ),
    ],
)
def test_bad_drive_period_is_refused_with_a_message(
    world: World, dates: dict[str, str], message: str
) -> None:
    response = _client(world, "secretariat").post(BASE + "new/", {**NEW_DRIVE, **dates})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [message]
    assert Drive.objects.count() == 0


def test_secretariat_edits_a_drive_and_the_officer_cannot(world: World, drive: Drive) -> None:
    data = {**NEW_DRIVE, "name": "Đợt 1 (cao điểm)", "starts_on": "2023-02-01"}
    assert _client(world, "officer").post(D1 + "edit/", data).status_code == 403
    response = _client(world, "secretariat").post(D1 + "edit/", data)
    assert (response.status_code, response["Location"]) == (302, D1)
    drive.refresh_from_db()
    assert drive.name == "Đợt 1 (cao điểm)"


def test_drive_page_shows_reports_to_everyone_in_scope(world: World, drive: Drive) -> None:
    services.submit_drive_report(
        drive=drive, organization=world.member, summary="Kết quả tốt", by=world.officer
    )
    response = _client(world, "viewer").get(D1)
    assert response.status_code == 200
    assert [
        (m.organization.name, r.summary if r else None) for m, r in response.context["rows"]
    ] == [
        ("Sở Ngoại vụ", None),
        ("Sở Nội vụ", "Kết quả tốt"),
        ("Văn phòng UBND Thành phố", None),
    ]
    # The viewer reads: no report of their own, no reopening.
    html = response.content.decode()
    assert ("Báo cáo của đơn vị bạn" in html, "Mở lại hạn báo cáo" in html) == (False, False)


def test_unit_officer_reports_with_evidence_then_edits(world: World, drive: Drive) -> None:
    client = _client(world, "officer")
    assert client.get(D1 + "report/").status_code == 200
    response = client.post(
        D1 + "report/", {"summary": "Hoàn thành", "new_files": [pdf_upload("minh-chung.pdf")]}
    )
    assert (response.status_code, response["Location"]) == (302, D1)
    assert _messages(response) == ["Đã gửi báo cáo kết quả “Đợt 1”."]
    client.get(D1)  # the page shows (and consumes) the message
    response = client.post(D1 + "report/", {"summary": "Hoàn thành vượt mức"})
    assert _messages(response) == ["Đã cập nhật báo cáo kết quả “Đợt 1”."]
    report = DriveReport.objects.get()
    assert (report.organization, report.summary, report.evidence.count()) == (
        world.member,
        "Hoàn thành vượt mức",
        1,
    )


@pytest.mark.parametrize("persona", ["council", "viewer", "board"])
def test_people_without_a_member_unit_cannot_report(
    world: World, drive: Drive, persona: str
) -> None:
    assert _client(world, persona).post(D1 + "report/", {"summary": "X"}).status_code == 403
    assert DriveReport.objects.count() == 0


def test_reporting_after_the_deadline_without_reopening_is_refused(
    world: World, drive: Drive
) -> None:
    _close(drive, world)
    response = _client(world, "officer").post(D1 + "report/", {"summary": "Muộn"})
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert error.startswith("Đã quá hạn báo cáo kết quả “Đợt 1” (")
    assert DriveReport.objects.count() == 0


def test_bad_evidence_through_the_page(world: World, drive: Drive) -> None:
    response = _client(world, "officer").post(
        D1 + "report/", {"summary": "Có tệp", "new_files": [fake_pdf_upload()]}
    )
    assert response.context["form"].non_field_errors() == [
        "Nội dung tệp “gia-mao.pdf” không phải PDF hợp lệ."
    ]
    assert DriveReport.objects.count() == 0


def test_secretariat_reopens_for_a_unit(world: World, drive: Drive) -> None:
    _close(drive, world)
    until = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    data = {"organization": world.member.pk, "until": until, "reason": "Lý do chính đáng"}
    assert _client(world, "officer").post(D1 + "reopen/", data).status_code == 403
    response = _client(world, "secretariat").post(D1 + "reopen/", data)
    assert _messages(response) == ["Đã mở lại hạn báo cáo cho Sở Nội vụ."]
    assert DeadlineExtension.objects.get().organization == world.member
    response = _client(world, "officer").post(D1 + "report/", {"summary": "Bổ sung"})
    assert response.status_code == 302
    assert DriveReport.objects.get().summary == "Bổ sung"


def test_reopen_without_a_reason_says_so(world: World, drive: Drive) -> None:
    until = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = _client(world, "secretariat").post(
        D1 + "reopen/", {"organization": world.member.pk, "until": until, "reason": ""}
    )
    assert _messages(response) == ["Lý do: Trường này là bắt buộc."]
    assert DeadlineExtension.objects.count() == 0


def test_evidence_download_is_scoped(world: World, drive: Drive) -> None:
    report = services.submit_drive_report(
        drive=drive, organization=world.member, summary="X", files=[pdf_upload()], by=world.officer
    )
    url = f"{D1}files/{report.evidence.get().pk}/"
    response = _client(world, "deputy_officer").get(url)
    # Reading the whole stream closes the file (the test client closes it after the last chunk).
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert _client(world, "outsider").get(url).status_code == 404
