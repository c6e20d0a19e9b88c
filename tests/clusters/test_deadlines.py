from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.conftest import World
from thidua.audit.models import AuditEvent
from thidua.clusters.deadlines import check_step_open, is_step_open, reopen_for_unit, set_deadline

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_step_without_deadline_is_open(world: World) -> None:
    assert (
        is_step_open(cluster_year=world.cy, step="registration", organization=world.member) is True
    )


def test_step_closes_after_deadline_and_reopens_for_one_unit(world: World) -> None:
    past = timezone.now() - dt.timedelta(days=1)
    deadline = set_deadline(cluster_year=world.cy, step="registration", due_at=past)
    with pytest.raises(ValidationError, match="Đã quá hạn “Đăng ký thi đua”"):
        check_step_open(cluster_year=world.cy, step="registration", organization=world.member)
    reopen_for_unit(
        deadline=deadline,
        organization=world.member,
        until=timezone.now() + dt.timedelta(days=3),
        reason="Đơn vị bổ sung mô hình",
        granted_by=world.secretariat,
    )
    assert (
        is_step_open(cluster_year=world.cy, step="registration", organization=world.member) is True
    )
    assert (
        is_step_open(cluster_year=world.cy, step="registration", organization=world.deputy) is False
    )
    assert AuditEvent.objects.filter(action="deadline.reopen").count() == 1


def test_reopen_needs_a_reason(world: World) -> None:
    deadline = set_deadline(cluster_year=world.cy, step="pledge", due_at=timezone.now())
    with pytest.raises(ValidationError, match="Cần ghi lý do"):
        reopen_for_unit(
            deadline=deadline,
            organization=world.member,
            until=timezone.now() + dt.timedelta(days=1),
            reason="  ",
            granted_by=world.secretariat,
        )
    assert deadline.extensions.count() == 0


def test_unknown_step_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="Bước không hợp lệ"):
        set_deadline(cluster_year=world.cy, step="nope", due_at=timezone.now())


def test_factories_build_a_deadline_with_an_extension() -> None:
    from tests.factories import DeadlineExtensionFactory

    extension = DeadlineExtensionFactory()
    assert (
        is_step_open(
            cluster_year=extension.deadline.cluster_year,
            step="registration",
            organization=extension.organization,
        )
        is True
    )


def test_a_repeated_step_has_one_deadline_per_key(world: World) -> None:
    past, future = timezone.now() - dt.timedelta(days=1), timezone.now() + dt.timedelta(days=1)
    first = set_deadline(cluster_year=world.cy, step="drive_report", key="drive-1", due_at=past)
    set_deadline(cluster_year=world.cy, step="drive_report", key="drive-2", due_at=future)
    open_by_key = {
        key: is_step_open(cluster_year=world.cy, step="drive_report", key=key)
        for key in ("drive-1", "drive-2", "")
    }
    assert open_by_key == {"drive-1": False, "drive-2": True, "": True}
    assert str(first).endswith("— Báo cáo kết quả đợt thi đua (drive-1)")


def at(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


@pytest.mark.parametrize("due", ["1990-06-30 17:00", "2021-12-31 17:00", "2026-01-01 08:00"])
def test_a_person_cannot_set_a_deadline_outside_the_years_window(world: World, due: str) -> None:
    with pytest.raises(ValidationError, match="trong khoảng năm 2022–2025"):
        set_deadline(
            cluster_year=world.cy, step="registration", due_at=at(due), user=world.secretariat
        )
    assert not world.cy.deadlines.exists()


def test_the_window_edges_are_accepted(world: World) -> None:
    for step, due in (("plan", "2022-01-01 08:00"), ("proposal", "2025-12-31 17:00")):
        set_deadline(cluster_year=world.cy, step=step, due_at=at(due), user=world.secretariat)
    assert world.cy.deadlines.count() == 2


def test_verification_cannot_be_due_before_self_scoring(world: World) -> None:
    set_deadline(
        cluster_year=world.cy,
        step="self_scoring",
        due_at=at("2023-11-30 17:00"),
        user=world.secretariat,
    )
    message = "Hạn chót “Thẩm định, chấm chéo” không được trước hạn chót “Tự chấm điểm”"
    with pytest.raises(ValidationError, match=message):
        set_deadline(
            cluster_year=world.cy,
            step="verification",
            due_at=at("2023-11-15 17:00"),
            user=world.secretariat,
        )
    set_deadline(
        cluster_year=world.cy,
        step="conference",
        due_at=at("2023-12-20 08:00"),
        user=world.secretariat,
    )
    with pytest.raises(ValidationError, match="“Hội nghị tổng kết, bình xét” không được trước"):
        set_deadline(
            cluster_year=world.cy,
            step="self_scoring",
            due_at=at("2023-12-25 17:00"),
            user=world.secretariat,
        )
    assert world.cy.deadlines.get(step="self_scoring").due_at == at("2023-11-30 17:00")
    assert not world.cy.deadlines.filter(step="verification").exists()


def test_moving_a_deadline_needs_a_reason_which_is_audited(world: World) -> None:
    set_deadline(
        cluster_year=world.cy,
        step="registration",
        due_at=at("2023-03-31 17:00"),
        user=world.secretariat,
    )
    with pytest.raises(ValidationError, match="Cần ghi lý do khi sửa hạn chót"):
        set_deadline(
            cluster_year=world.cy,
            step="registration",
            due_at=at("2023-04-15 17:00"),
            user=world.secretariat,
        )
    set_deadline(
        cluster_year=world.cy,
        step="registration",
        due_at=at("2023-04-15 17:00"),
        user=world.secretariat,
        reason="Nhập nhầm tháng",
    )
    event = AuditEvent.objects.filter(action="deadline.set").latest("pk")
    assert (event.note, event.before["due_at"][:10]) == ("Nhập nhầm tháng", "2023-03-31")
