"""Drives: periods inside the year, one report per unit, deadlines and reopening."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.conftest import World
from tests.factories_planning import exe_upload, fake_pdf_upload, pdf_upload, png_upload
from thidua.audit.models import AuditEvent
from thidua.clusters.models import Deadline, DeadlineExtension
from thidua.planning import services
from thidua.planning.enums import MovementKind
from thidua.planning.models import Drive, DriveEvidence, DriveReport

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _close(drive: Drive, world: World) -> Drive:
    """Set the report deadline to yesterday (through the service, like the secretariat does)."""
    return services.update_drive(
        drive=drive,
        name=drive.name,
        starts_on=drive.starts_on,
        ends_on=drive.ends_on,
        report_due_at=timezone.now() - dt.timedelta(days=1),
        by=world.secretariat,
    )


def test_drives_are_numbered_in_order_and_audited(world: World, drive: Drive) -> None:
    second = services.create_drive(
        cluster_year=world.cy,
        name="Đợt 2",
        starts_on=dt.date(2023, 5, 1),
        ends_on=dt.date(2023, 8, 31),
        by=world.secretariat,
    )
    assert (drive.number, second.number) == (1, 2)
    assert AuditEvent.objects.filter(action="drive.create").count() == 2


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (
            dt.date(2023, 5, 1),
            dt.date(2023, 4, 1),
            "Ngày kết thúc (01/04/2023) phải sau hoặc bằng ngày bắt đầu (01/05/2023).",
        ),
        (
            dt.date(2023, 11, 1),
            dt.date(2024, 1, 31),
            "Thời gian của đợt thi đua (01/11/2023 – 31/01/2024) phải nằm trong năm 2023.",
        ),
    ],
)
def test_drive_period_must_be_in_order_and_inside_the_year(
    world: World, start: dt.date, end: dt.date, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.create_drive(
            cluster_year=world.cy, name="Đợt 1", starts_on=start, ends_on=end, by=world.secretariat
        )
    assert exc.value.messages == [message]
    assert Drive.objects.count() == 0


def test_drive_can_link_only_a_movement_the_cluster_takes_part_in(world: World) -> None:
    movement = services.launch_movement(
        authority=world.other_authority,
        kind=MovementKind.THEMATIC,
        title="Phong trào của Hải Phòng",
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2023, 12, 31),
        cluster_years=[world.other_cy],
        by=world.other_board,
    )
    with pytest.raises(ValidationError) as exc:
        services.create_drive(
            cluster_year=world.cy,
            name="Đợt 1",
            starts_on=dt.date(2023, 2, 1),
            ends_on=dt.date(2023, 3, 1),
            movement=movement,
            by=world.secretariat,
        )
    assert exc.value.messages == [
        "Cụm thi đua số 6 năm 2023 không tham gia phong trào “Phong trào của Hải Phòng”."
    ]


def test_unit_reports_once_with_evidence(world: World, drive: Drive) -> None:
    report = services.submit_drive_report(
        drive=drive,
        organization=world.member,
        summary="Hoàn thành 100% chỉ tiêu đợt 1.",
        files=[pdf_upload("bao-cao.pdf"), png_upload()],
        by=world.officer,
    )
    assert sorted(e.original_name for e in report.evidence.all()) == ["anh.png", "bao-cao.pdf"]
    evidence = report.evidence.get(original_name="bao-cao.pdf")
    # Stored under a random name, with what it is and its hash (core.models.StoredFile).
    assert evidence.file.name.startswith("planning/drives/")
    assert evidence.file.name.endswith(".pdf") and "bao-cao" not in evidence.file.name
    assert (evidence.content_type, len(evidence.sha256)) == ("application/pdf", 64)
    event = AuditEvent.objects.get(action="drive.report.submit")
    assert (event.actor_id, event.after["organization_id"]) == (world.officer.pk, world.member.pk)


def test_reporting_twice_for_the_same_drive_is_refused(world: World, drive: Drive) -> None:
    services.submit_drive_report(
        drive=drive, organization=world.member, summary="Lần 1", by=world.officer
    )
    with pytest.raises(ValidationError) as exc:
        services.submit_drive_report(
            drive=drive, organization=world.member, summary="Lần 2", by=world.leader
        )
    assert exc.value.messages == ["Sở Nội vụ đã báo cáo kết quả “Đợt 1”; hãy sửa báo cáo đã gửi."]
    assert list(DriveReport.objects.values_list("summary", flat=True)) == ["Lần 1"]


def test_a_unit_cannot_report_for_another_unit(world: World, drive: Drive) -> None:
    with pytest.raises(PermissionDenied) as exc:
        services.submit_drive_report(
            drive=drive, organization=world.deputy, summary="Thay mặt", by=world.officer
        )
    assert str(exc.value) == "Chỉ cán bộ của Sở Ngoại vụ mới báo cáo kết quả cho đơn vị này."
    assert DriveReport.objects.count() == 0


def test_a_unit_outside_the_cluster_cannot_report(world: World, drive: Drive) -> None:
    with pytest.raises(PermissionDenied) as exc:
        services.submit_drive_report(
            drive=drive, organization=world.outsider_org, summary="…", by=world.outsider
        )
    assert str(exc.value) == (
        "Sở Tư pháp Hải Phòng không phải thành viên của Cụm thi đua số 6 năm 2023."
    )
    assert DriveReport.objects.count() == 0


def test_reporting_after_the_deadline_is_refused_until_reopened(world: World, drive: Drive) -> None:
    _close(drive, world)
    event = AuditEvent.objects.get(action="drive.update")
    assert (event.before["report_due_at"], event.after["report_due_at"] is not None) == (None, True)
    with pytest.raises(PermissionDenied) as exc:
        services.submit_drive_report(
            drive=drive, organization=world.member, summary="Muộn", by=world.officer
        )
    assert str(exc.value).startswith("Đã quá hạn báo cáo kết quả “Đợt 1” (")
    assert str(exc.value).endswith("Hãy đề nghị đơn vị trưởng mở lại hạn cho đơn vị.")
    assert DriveReport.objects.count() == 0

    services.reopen_drive_report(
        drive=drive,
        organization=world.member,
        until=timezone.now() + dt.timedelta(days=3),
        reason="Đơn vị bận tổ chức bầu cử",
        by=world.secretariat,
    )
    report = services.submit_drive_report(
        drive=drive, organization=world.member, summary="Đã bổ sung", by=world.officer
    )
    assert report.summary == "Đã bổ sung"
    # The reopening is an extension of the drive's step deadline, as for every step.
    event = AuditEvent.objects.get(action="deadline.reopen")
    assert (event.note, event.after["organization_id"], event.actor_id) == (
        "Đơn vị bận tổ chức bầu cử",
        world.member.pk,
        world.secretariat.pk,
    )
    extension = DeadlineExtension.objects.get()
    assert (extension.deadline.step, extension.deadline.key) == ("drive_report", "drive-1")
    # Reopening one unit does not reopen the others.
    drive.refresh_from_db()
    assert not world.deputy_officer.has_perm("planning.report_drive", drive)
    assert world.officer.has_perm("planning.report_drive", drive)


def test_editing_a_report_after_the_deadline_is_refused(world: World, drive: Drive) -> None:
    report = services.submit_drive_report(
        drive=drive, organization=world.member, summary="Bản đầu", by=world.officer
    )
    _close(drive, world)
    with pytest.raises(PermissionDenied):
        services.update_drive_report(report=report, summary="Sửa muộn", by=world.officer)
    report.refresh_from_db()
    assert report.summary == "Bản đầu"


def test_report_can_be_edited_before_the_deadline(world: World, drive: Drive) -> None:
    report = services.submit_drive_report(
        drive=drive,
        organization=world.member,
        summary="Bản đầu",
        files=[pdf_upload()],
        by=world.officer,
    )
    old = report.evidence.get()
    services.update_drive_report(
        report=report,
        summary="Bản sửa",
        files=[png_upload()],
        remove_evidence_ids=[old.pk],
        by=world.leader,
    )
    report.refresh_from_db()
    assert (report.summary, report.reported_by) == ("Bản sửa", world.leader)
    assert [e.original_name for e in report.evidence.all()] == ["anh.png"]
    event = AuditEvent.objects.get(action="drive.report.update")
    assert (event.before, event.after["files_removed"]) == (
        {"summary": "Bản đầu"},
        ["ke-hoach.pdf"],
    )


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            exe_upload,
            "Tệp “virus.exe” không đúng loại. Chỉ nhận: PDF, Word (DOCX), Excel (XLSX), PNG, JPEG.",
        ),
        (fake_pdf_upload, "Nội dung tệp “gia-mao.pdf” không phải PDF hợp lệ."),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_written(
    world: World, drive: Drive, upload: object, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.submit_drive_report(
            drive=drive,
            organization=world.member,
            summary="Có minh chứng",
            files=[upload()],  # type: ignore[operator]
            by=world.officer,
        )
    assert exc.value.messages == [message]
    assert (DriveReport.objects.count(), DriveEvidence.objects.count()) == (0, 0)


def test_reopening_needs_a_reason_and_a_future_date(world: World, drive: Drive) -> None:
    _close(drive, world)
    with pytest.raises(ValidationError) as exc:
        services.reopen_drive_report(
            drive=drive,
            organization=world.member,
            until=timezone.now() + dt.timedelta(days=1),
            reason=" ",
            by=world.secretariat,
        )
    assert exc.value.messages == ["Cần ghi lý do khi mở lại hạn cho đơn vị."]
    with pytest.raises(ValidationError) as exc:
        services.reopen_drive_report(
            drive=drive,
            organization=world.member,
            until=timezone.now() - dt.timedelta(days=1),
            reason="Lý do",
            by=world.secretariat,
        )
    assert exc.value.messages == ["Thời hạn mở lại phải ở tương lai."]
    assert DeadlineExtension.objects.count() == 0


def test_report_before_the_drive_starts_is_refused(world: World) -> None:
    future = services.create_drive(
        cluster_year=world.cy,
        name="Đợt cuối",
        starts_on=dt.date(2023, 12, 1),
        ends_on=dt.date(2023, 12, 31),
        by=world.secretariat,
    )
    # The world's year 2023 is past; move the clock back to before the drive.
    from freezegun import freeze_time

    with freeze_time("2023-11-15"), pytest.raises(PermissionDenied) as exc:
        services.submit_drive_report(
            drive=future, organization=world.member, summary="Sớm", by=world.officer
        )
    assert str(exc.value) == "Đợt “Đợt cuối” chưa bắt đầu (từ 01/12/2023)."


def test_reopening_a_drive_without_a_deadline_is_refused(world: World, drive: Drive) -> None:
    with pytest.raises(PermissionDenied) as exc:
        services.reopen_drive_report(
            drive=drive,
            organization=world.member,
            until=timezone.now() + dt.timedelta(days=1),
            reason="Lý do",
            by=world.secretariat,
        )
    assert str(exc.value) == "Đợt “Đợt 1” không đặt hạn báo cáo nên không cần mở lại."
    assert DeadlineExtension.objects.count() == 0


def test_the_report_deadline_is_a_step_deadline_that_moves_and_goes(
    world: World, drive: Drive
) -> None:
    _close(drive, world)
    deadline = Deadline.objects.get(step="drive_report")
    assert (drive.report_deadline, deadline.key) == (deadline, "drive-1")
    later = timezone.now() + dt.timedelta(days=5)
    services.update_drive(
        drive=drive,
        name=drive.name,
        starts_on=drive.starts_on,
        ends_on=drive.ends_on,
        report_due_at=later,
        by=world.secretariat,
    )
    assert Deadline.objects.get(step="drive_report").due_at == later
    services.update_drive(
        drive=drive,
        name=drive.name,
        starts_on=drive.starts_on,
        ends_on=drive.ends_on,
        report_due_at=None,
        by=world.secretariat,
    )
    drive.refresh_from_db()
    assert (drive.report_due_at, Deadline.objects.count()) == (None, 0)
