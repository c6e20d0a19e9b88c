"""Registrations (đăng ký thi đua): one state machine, limits per cluster year, deadlines,
only the unit edits its own registration, and progress reports with checked evidence."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from itertools import product
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.conftest import World
from tests.factories_start_of_year import award, make_registration, state
from thidua.accounts.models import User
from thidua.audit.models import AuditEvent
from thidua.clusters.deadlines import reopen_for_unit, set_deadline
from thidua.start_of_year.enums import TRANSITIONS, Actor, RegistrationAction, RegistrationStatus
from thidua.start_of_year.models import (
    EmulationModel,
    Evidence,
    ProgressUpdate,
    Registration,
    RegistrationEvent,
    Topic,
)
from thidua.start_of_year.services import progress, registered_items, registrations, year_settings

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def set_limits(world: World, **values: int) -> None:
    limits = {
        "pledge_min_items": 3,
        "pledge_max_items": 10,
        "models_min": 1,
        "models_max": 2,
        "topics_min": 1,
        "topics_max": 2,
        "progress_stale_days": 90,
        **values,
    }
    year_settings.update_settings(cluster_year=world.cy, by=world.secretariat, **limits)


# ---------------------------------------------------------------- the transition table

ALL = list(product(RegistrationStatus.values, RegistrationAction.values))


def in_status(world: World, status: str) -> Registration:
    registration = make_registration(world.cy, world.member, world.officer)
    Registration.objects.filter(pk=registration.pk).update(status=status)
    registration.refresh_from_db()
    return registration


def actor_for(world: World, action: str) -> User:
    return world.officer if action == RegistrationAction.SUBMIT else world.secretariat


def test_the_transition_table_is_exactly_the_documented_one() -> None:
    assert {(f, a): to for (f, a), (to, _who) in TRANSITIONS.items()} == {
        ("draft", "submit"): "submitted",
        ("returned", "submit"): "submitted",
        ("submitted", "accept"): "accepted",
        ("submitted", "return"): "returned",
        ("accepted", "return"): "returned",
    }


@pytest.mark.parametrize(("status", "action"), ALL)
def test_every_status_and_action(
    world: World, leaders: dict[str, User], status: str, action: str
) -> None:
    registration = in_status(world, status)
    allowed = (status, action) in TRANSITIONS
    call = lambda: registrations.transition_registration(  # noqa: E731
        registration=registration,
        action=action,
        by=actor_for(world, action),
        reason="Bổ sung mô hình",
    )
    if allowed:
        call()
        expected = TRANSITIONS[(status, action)][0]
        assert state(registration, "status") == (expected,)
        event = RegistrationEvent.objects.get()
        assert (event.from_status, event.to_status, event.action) == (status, expected, action)
        assert AuditEvent.objects.filter(action=f"registration.{action}").count() == 1
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert state(registration, "status") == (status,)
        assert RegistrationEvent.objects.count() == 0


@pytest.mark.parametrize(("status", "action"), list(TRANSITIONS))
def test_the_wrong_side_cannot_take_an_allowed_transition(
    world: World, leaders: dict[str, User], status: str, action: str
) -> None:
    registration = in_status(world, status)
    wrong = world.secretariat if TRANSITIONS[(status, action)][1] == Actor.UNIT else world.officer
    with pytest.raises(PermissionDenied, match=r"^Bạn không có quyền"):
        registrations.transition_registration(
            registration=registration, action=action, by=wrong, reason="x"
        )
    assert state(registration, "status") == (status,)


def test_accepting_a_registration_that_is_not_submitted_says_so(
    world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(world.cy, world.member, world.officer)
    with pytest.raises(PermissionDenied, match="Chỉ chấp nhận được đăng ký đã gửi"):
        registrations.accept_registration(registration=registration, by=world.secretariat)


@pytest.mark.parametrize(
    ("status", "action", "by", "message"),
    [
        (
            "accepted",
            "submit",
            "officer",
            "Đăng ký của Sở Nội vụ đang “Đã chấp nhận”, không gửi lại được.",
        ),
        (
            "draft",
            "accept",
            "secretariat",
            "Chỉ chấp nhận được đăng ký đã gửi; đăng ký của Sở Nội vụ đang “Đang soạn”.",
        ),
        (
            "returned",
            "return",
            "secretariat",
            "Chỉ trả lại được đăng ký đã gửi hoặc đã chấp nhận; đăng ký của Sở Nội vụ đang "
            "“Bị trả lại”.",
        ),
    ],
)
def test_a_refused_transition_names_the_unit_and_its_status(
    world: World, leaders: dict[str, User], *, status: str, action: str, by: str, message: str
) -> None:
    registration = in_status(world, status)
    with pytest.raises(PermissionDenied) as refused:
        registrations.transition_registration(
            registration=registration, action=action, by=world.user(by), reason="x"
        )
    assert str(refused.value) == message


def test_a_return_needs_a_reason_and_the_history_keeps_who_when_why(
    world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(world.cy, world.member, world.officer, submit=True)
    with pytest.raises(ValidationError, match="Cần ghi lý do khi trả lại"):
        registrations.return_registration(
            registration=registration, by=world.secretariat, reason="  "
        )
    assert state(registration, "status") == ("submitted",)
    registrations.return_registration(
        registration=registration, by=world.secretariat, reason="Thiếu chuyên đề thứ hai"
    )
    registrations.submit_registration(registration=registration, by=world.leader)
    registrations.accept_registration(registration=registration, by=world.board)
    history = [
        (e.action, e.from_status, e.to_status, e.actor, e.reason)
        for e in registration.events.order_by("pk")
    ]
    assert history == [
        ("submit", "draft", "submitted", world.officer, ""),
        ("return", "submitted", "returned", world.secretariat, "Thiếu chuyên đề thứ hai"),
        ("submit", "returned", "submitted", world.leader, ""),
        ("accept", "submitted", "accepted", world.board, ""),
    ]
    assert AuditEvent.objects.get(action="registration.return").note == "Thiếu chuyên đề thứ hai"


# ---------------------------------------------------------------- limits and content


def test_registering_more_models_than_allowed_is_refused(
    world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(world.cy, world.member, world.officer, models=2)
    with pytest.raises(ValidationError, match=r"tối đa 2 mô hình.*Sở Nội vụ đã có 2"):
        registered_items.add_registered_item(
            registration=registration, by=world.officer, kind="model", name="Mô hình 3"
        )
    assert EmulationModel.objects.count() == 2


def test_submitting_with_fewer_topics_than_the_minimum_is_refused(
    world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(world.cy, world.member, world.officer, topics=0)
    with pytest.raises(ValidationError, match=r"Cần đăng ký từ 1 đến 2 chuyên đề.*đang có 0"):
        registrations.submit_registration(registration=registration, by=world.officer)
    assert state(registration, "status") == ("draft",)


def test_limits_are_per_cluster_year_settings(world: World, leaders: dict[str, User]) -> None:
    set_limits(world, models_min=0, models_max=3, topics_min=2, topics_max=2)
    registration = make_registration(world.cy, world.member, world.officer, models=3, topics=1)
    with pytest.raises(ValidationError, match="từ 2 đến 2 chuyên đề"):
        registrations.submit_registration(registration=registration, by=world.officer)
    registered_items.add_registered_item(
        registration=registration, by=world.officer, kind="topic", name="Chuyên đề 2"
    )
    assert registrations.submit_registration(
        registration=registration, by=world.officer
    ).status == ("submitted")


def test_settings_with_a_minimum_above_the_maximum_are_refused(
    world: World, leaders: dict[str, User]
) -> None:
    with pytest.raises(ValidationError, match="Số mô hình tối thiểu \\(3\\) phải không lớn hơn"):
        set_limits(world, models_min=3, models_max=2)
    assert AuditEvent.objects.filter(action="start_of_year.settings.update").count() == 0


def test_submitting_without_a_title_is_refused(world: World, leaders: dict[str, User]) -> None:
    registration = registrations.save_registration(
        cluster_year=world.cy, organization=world.member, by=world.officer, award=None
    )
    registered_items.add_registered_item(
        registration=registration, by=world.officer, kind="model", name="M"
    )
    registered_items.add_registered_item(
        registration=registration, by=world.officer, kind="topic", name="T"
    )
    with pytest.raises(ValidationError, match="Cần chọn danh hiệu"):
        registrations.submit_registration(registration=registration, by=world.officer)


@pytest.mark.parametrize("code", ["LDTT", "CSTDCS", "GD_VH", "XA_TIEU_BIEU"])
def test_units_register_only_collective_titles_in_force(
    world: World, leaders: dict[str, User], code: str
) -> None:
    with pytest.raises(
        ValidationError, match="không phải danh hiệu, hình thức khen thưởng dành cho tập thể"
    ):
        registrations.save_registration(
            cluster_year=world.cy, organization=world.member, by=world.officer, award=award(code)
        )
    assert Registration.objects.count() == 0


def test_a_unit_edits_only_its_own_registration(world: World, leaders: dict[str, User]) -> None:
    registration = make_registration(world.cy, world.member, world.officer)
    with pytest.raises(PermissionDenied, match="sửa đăng ký thi đua của đơn vị"):
        registrations.save_registration(
            cluster_year=world.cy, organization=world.deputy, by=world.officer, award=None
        )
    for user in (world.deputy_officer, world.secretariat, world.board):
        with pytest.raises(PermissionDenied, match="chỉ cán bộ, lãnh đạo của đơn vị"):
            registered_items.add_registered_item(
                registration=registration, by=user, kind="model", name="Chen ngang"
            )
    assert (Registration.objects.count(), EmulationModel.objects.count()) == (1, 1)


def test_submitted_registrations_are_not_edited(world: World, leaders: dict[str, User]) -> None:
    registration = make_registration(world.cy, world.member, world.officer, submit=True)
    with pytest.raises(PermissionDenied) as refused:
        registrations.save_registration(
            cluster_year=world.cy,
            organization=world.member,
            by=world.officer,
            award=award("CTD_CP"),
        )
    assert str(refused.value) == (
        "Đăng ký thi đua của Sở Nội vụ đang ở trạng thái “Đã gửi, chờ duyệt”, không sửa được; "
        "chỉ sửa khi đang soạn hoặc bị trả lại."
    )
    assert state(registration, "award_id") == (award("TTLDXS").pk,)


def test_editing_after_the_registration_deadline_needs_reopening(
    world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(world.cy, world.member, world.officer, topics=0)
    deadline = set_deadline(
        cluster_year=world.cy, step="registration", due_at=timezone.now() - dt.timedelta(days=1)
    )
    with pytest.raises(PermissionDenied, match="Đã quá hạn “Đăng ký thi đua”"):
        registered_items.add_registered_item(
            registration=registration, by=world.officer, kind="topic", name="Chuyên đề trễ"
        )
    assert Topic.objects.count() == 0
    reopen_for_unit(
        deadline=deadline,
        organization=world.member,
        until=timezone.now() + dt.timedelta(days=1),
        reason="Bổ sung chuyên đề",
        granted_by=world.secretariat,
    )
    registered_items.add_registered_item(
        registration=registration, by=world.officer, kind="topic", name="Chuyên đề trễ"
    )
    assert registrations.submit_registration(
        registration=registration, by=world.officer
    ).status == ("submitted")


def test_an_item_with_progress_is_not_deleted(world: World, leaders: dict[str, User]) -> None:
    registration = make_registration(
        world.cy, world.member, world.officer, accept_by=world.secretariat
    )
    model = registration.emulation_models.get()
    progress.post_progress(item=model, by=world.officer, text="Đã triển khai ở 3 xã")
    registrations.return_registration(
        registration=registration, by=world.secretariat, reason="Sửa tên"
    )
    with pytest.raises(ValidationError, match="đã có báo cáo tiến độ, không xóa được"):
        registered_items.remove_registered_item(item=model, by=world.officer)
    assert EmulationModel.objects.count() == 1


# ---------------------------------------------------------------- progress and evidence


@pytest.fixture
def accepted(world: World, leaders: dict[str, User]) -> Registration:
    return make_registration(world.cy, world.member, world.officer, accept_by=world.secretariat)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_progress_with_a_pdf_is_stored_and_audited(world: World, accepted: Registration) -> None:
    topic = accepted.topics.get()
    update = progress.post_progress(
        item=topic,
        by=world.officer,
        text="Hoàn thành 60% kế hoạch",
        files=[upload("bien-ban.pdf", PDF)],
    )
    evidence = update.evidence.get()
    with evidence.file.open("rb") as handle:
        stored = handle.read()
    assert (update.topic, update.emulation_model, update.after_deadline) == (topic, None, False)
    assert (evidence.original_name, evidence.size, stored) == (
        "bien-ban.pdf",
        len(PDF),
        PDF,
    )
    assert "bien-ban" not in evidence.file.name  # stored under a random name
    assert AuditEvent.objects.get(action="registration.progress.add").after["files"] == [
        "bien-ban.pdf"
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ...", "không đúng loại"),
        ("anh.png", PDF, "không phải PNG hợp lệ"),
        ("bao-cao.pdf", b"not a pdf at all", "không phải PDF hợp lệ"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_written(
    world: World, accepted: Registration, name: str, content: bytes, message: str
) -> None:
    model = accepted.emulation_models.get()
    with pytest.raises(ValidationError, match=message):
        progress.post_progress(
            item=model,
            by=world.officer,
            text="Tiến độ",
            files=[upload("ok.pdf", PDF), upload(name, content)],
        )
    assert (ProgressUpdate.objects.count(), Evidence.objects.count()) == (0, 0)


def test_evidence_larger_than_the_limit_is_refused(
    world: World, accepted: Registration, settings: Any
) -> None:
    settings.THIDUA_MAX_UPLOAD_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError, match="quá lớn"):
        progress.post_progress(
            item=accepted.topics.get(), by=world.officer, text="x", files=[upload("to.pdf", big)]
        )
    assert ProgressUpdate.objects.count() == 0


def test_progress_only_on_an_accepted_registration_by_the_unit(
    world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(world.cy, world.member, world.officer, submit=True)
    with pytest.raises(PermissionDenied, match="đã được chấp nhận"):
        progress.post_progress(item=registration.topics.get(), by=world.officer, text="x")
    registrations.accept_registration(registration=registration, by=world.secretariat)
    with pytest.raises(PermissionDenied, match="báo cáo tiến độ của đơn vị"):
        progress.post_progress(item=registration.topics.get(), by=world.deputy_officer, text="x")
    assert ProgressUpdate.objects.count() == 0


def test_progress_after_the_progress_deadline_is_kept_and_flagged(
    world: World, accepted: Registration
) -> None:
    set_deadline(
        cluster_year=world.cy, step="progress", due_at=timezone.now() - dt.timedelta(days=1)
    )
    update = progress.post_progress(item=accepted.topics.get(), by=world.leader, text="Muộn")
    assert update.after_deadline is True


def test_several_files_in_one_report(world: World, accepted: Registration) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 20
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    update = progress.post_progress(
        item=accepted.emulation_models.get(),
        by=world.officer,
        text="Ảnh và bảng số liệu",
        files=[upload("anh.png", png), upload("so-lieu.xlsx", buffer.getvalue())],
    )
    assert list(update.evidence.values_list("original_name", flat=True)) == [
        "anh.png",
        "so-lieu.xlsx",
    ]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("THON_VAN_HOA", "chỉ dành cho thôn, tổ dân phố"),
        ("HUAN_CHUONG", "khen thưởng cấp Nhà nước"),
    ],
)
def test_a_unit_cannot_register_for_a_community_title_or_an_order(
    world: World, leaders: dict[str, User], code: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        registrations.save_registration(
            cluster_year=world.cy, organization=world.member, by=world.officer, award=award(code)
        )
    assert Registration.objects.count() == 0
