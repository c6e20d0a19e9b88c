"""Who is late: not registered after the registration deadline, not signed after the pledge
deadline, no progress on a model or topic (by the progress deadline or for N days)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.conftest import World
from tests.factories_start_of_year import make_pledge, make_registration
from thidua.accounts.models import User
from thidua.clusters.deadlines import reopen_for_unit, set_deadline
from thidua.start_of_year.followup import LateRow, late_rows, late_unit_count
from thidua.start_of_year.models import ProgressUpdate
from thidua.start_of_year.services import progress, signatures, year_settings

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def summary(rows: list[LateRow]) -> list[tuple[str, str]]:
    return [(r.kind, r.organization.name) for r in rows]


def past(days: int = 1) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def test_nobody_is_late_before_any_deadline(world: World, leaders: dict[str, User]) -> None:
    assert late_rows([world.cy]) == []


def test_units_without_a_submitted_registration_are_late_after_the_deadline(
    world: World, leaders: dict[str, User]
) -> None:
    make_registration(world.cy, world.member, world.officer, submit=True)
    make_registration(world.cy, world.deputy, world.deputy_officer)  # draft only
    set_deadline(cluster_year=world.cy, step="registration", due_at=past())
    rows = late_rows([world.cy])
    assert summary(rows) == [
        ("not_registered", "Sở Ngoại vụ"),
        ("not_registered", "Văn phòng UBND Thành phố"),
    ]
    assert rows[0].detail.startswith("Chưa gửi đăng ký thi đua (hạn ")


def test_a_reopened_unit_is_still_listed_with_its_new_date(
    world: World, leaders: dict[str, User]
) -> None:
    deadline = set_deadline(cluster_year=world.cy, step="registration", due_at=past())
    until = timezone.now() + dt.timedelta(days=3)
    reopen_for_unit(
        deadline=deadline,
        organization=world.deputy,
        until=until,
        reason="Đơn vị mới sáp nhập",
        granted_by=world.secretariat,
    )
    rows = {r.organization.name: r.reopened_until for r in late_rows([world.cy])}
    assert rows == {"Sở Ngoại vụ": until, "Sở Nội vụ": None, "Văn phòng UBND Thành phố": None}


def test_units_that_have_not_signed_are_late_after_the_pledge_deadline(
    world: World, leaders: dict[str, User]
) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    signatures.sign_pledge(pledge=pledge, by=world.leader, organization=world.member)
    set_deadline(cluster_year=world.cy, step="pledge", due_at=past())
    rows = late_rows([world.cy])
    assert summary(rows) == [
        ("not_signed", "Sở Ngoại vụ"),
        ("not_signed", "Văn phòng UBND Thành phố"),
    ]
    assert rows[0].detail.startswith("Chưa ký giao ước phiên bản 1")


def test_without_an_open_pledge_every_member_is_listed_as_not_signed(
    world: World, leaders: dict[str, User]
) -> None:
    set_deadline(cluster_year=world.cy, step="pledge", due_at=past())
    details = {r.detail.split(" (")[0] for r in late_rows([world.cy])}
    assert details == {"Chưa mở ký giao ước"}


def test_models_and_topics_without_progress_by_the_progress_deadline(
    world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(
        world.cy, world.member, world.officer, models=2, accept_by=world.secretariat
    )
    first_model = registration.emulation_models.order_by("pk").first()
    assert first_model is not None
    progress.post_progress(item=first_model, by=world.officer, text="Đã làm")
    set_deadline(cluster_year=world.cy, step="progress", due_at=timezone.now())
    rows = late_rows([world.cy], at=timezone.now() + dt.timedelta(hours=1))
    assert summary(rows) == [("no_progress", "Sở Nội vụ")]
    assert "Mô hình “Mô hình 2”: chưa báo cáo trước hạn" in rows[0].detail
    assert "Chuyên đề “Chuyên đề 1”: chưa báo cáo trước hạn" in rows[0].detail
    assert "Mô hình 1" not in rows[0].detail


def test_no_progress_for_more_than_the_configured_days(
    world: World, leaders: dict[str, User]
) -> None:
    registration = make_registration(
        world.cy, world.member, world.officer, accept_by=world.secretariat
    )
    topic = registration.topics.get()
    update = progress.post_progress(item=topic, by=world.officer, text="Tháng 1")
    ProgressUpdate.objects.filter(pk=update.pk).update(reported_at=past(40))
    year_settings.update_settings(
        cluster_year=world.cy,
        by=world.secretariat,
        pledge_min_items=3,
        pledge_max_items=10,
        models_min=1,
        models_max=2,
        topics_min=1,
        topics_max=2,
        progress_stale_days=30,
    )
    rows = late_rows([world.cy], at=timezone.now() + dt.timedelta(days=31))
    # The model has had no report since acceptance (31 days), the topic none for 71 days.
    assert summary(rows) == [("no_progress", "Sở Nội vụ")]
    assert (
        "Mô hình “Mô hình 1”: quá 30 ngày không báo cáo (lần gần nhất: chưa có)" in rows[0].detail
    )
    assert "Chuyên đề “Chuyên đề 1”: quá 30 ngày không báo cáo (lần gần nhất: " in rows[0].detail
    assert late_rows([world.cy], at=timezone.now() + dt.timedelta(days=29)) != []  # topic only
    assert (
        "Mô hình" not in late_rows([world.cy], at=timezone.now() + dt.timedelta(days=29))[0].detail
    )


def test_late_unit_count_counts_each_unit_once(world: World, leaders: dict[str, User]) -> None:
    set_deadline(cluster_year=world.cy, step="registration", due_at=past())
    set_deadline(cluster_year=world.cy, step="pledge", due_at=past())
    rows = late_rows([world.cy, world.other_cy])
    assert (len(rows), late_unit_count(rows)) == (6, 3)
