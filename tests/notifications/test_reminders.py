"""Deadline reminders (``thidua send-reminders``): the units that have not done a step whose
deadline is near or has just passed are reminded, once per deadline and threshold."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import World
from tests.factories import UserFactory
from tests.factories_start_of_year import make_pledge, make_registration
from thidua.accounts.enums import Role
from thidua.clusters.deadlines import reopen_for_unit, set_deadline
from thidua.clusters.enums import CycleStep
from thidua.notifications.enums import NotificationKind
from thidua.notifications.models import Notification
from thidua.notifications.reminders import send_reminders

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOW = timezone.now()


@pytest.fixture
def catalogue(db: Any) -> None:
    from thidua.awards.services import load_award_catalogue

    load_award_catalogue()


@pytest.fixture
def officers(world: World) -> dict[str, Any]:
    """An officer in the head unit (the secretariat is there too) and one in the outsider unit."""
    return {
        "head": UserFactory(
            username="head_officer", role=Role.UNIT_OFFICER, organization=world.head
        ),
    }


def _told() -> list[tuple[str, str]]:
    return sorted((n.recipient.username, n.kind) for n in Notification.objects.all())


def _deadline(world: World, step: str, due: dt.datetime) -> Any:
    return set_deadline(cluster_year=world.cy, step=step, due_at=due)


def test_units_that_have_not_registered_are_reminded_before_the_deadline(
    world: World, catalogue: None, officers: dict[str, Any]
) -> None:
    make_registration(world.cy, world.head, officers["head"], submit=True)
    _deadline(world, CycleStep.REGISTRATION, NOW + dt.timedelta(days=2))
    report = send_reminders(now=NOW, days=3)
    assert report.notifications == 2
    assert _told() == [
        ("deputy_officer", NotificationKind.DEADLINE_SOON),
        ("officer", NotificationKind.DEADLINE_SOON),
    ]
    notification = Notification.objects.get(recipient=world.officer)
    assert notification.title == "Sắp đến hạn “Đăng ký thi đua” — Cụm thi đua số 6 năm 2023"
    assert "Sở Nội vụ chưa hoàn thành" in notification.body


def test_a_deadline_further_away_than_the_setting_is_not_reminded_yet(
    world: World, settings: Any
) -> None:
    settings.NOTIFICATIONS_REMINDER_DAYS = 3
    _deadline(world, CycleStep.REGISTRATION, NOW + dt.timedelta(days=5))
    assert send_reminders(now=NOW).notifications == 0
    settings.NOTIFICATIONS_REMINDER_DAYS = 7
    assert send_reminders(now=NOW).notifications == 3  # secretariat, deputy_officer, officer


def test_each_reminder_is_sent_once_and_the_passed_one_after_the_deadline(world: World) -> None:
    _deadline(world, CycleStep.REGISTRATION, NOW + dt.timedelta(days=1))
    first = send_reminders(now=NOW, days=3).notifications
    assert send_reminders(now=NOW + dt.timedelta(hours=12), days=3).notifications == 0
    passed = send_reminders(now=NOW + dt.timedelta(days=2), days=3).notifications
    assert send_reminders(now=NOW + dt.timedelta(days=3), days=3).notifications == 0
    assert (first, passed) == (3, 3)
    assert [kind for _u, kind in _told() if _u == "officer"] == [
        NotificationKind.DEADLINE_PASSED,
        NotificationKind.DEADLINE_SOON,
    ]


def test_a_deadline_long_past_is_not_reminded(world: World) -> None:
    _deadline(world, CycleStep.REGISTRATION, NOW - dt.timedelta(days=30))
    assert send_reminders(now=NOW, days=3).notifications == 0


def test_a_unit_given_more_time_is_reminded_against_its_own_date(world: World) -> None:
    deadline = _deadline(world, CycleStep.REGISTRATION, NOW - dt.timedelta(days=1))
    reopen_for_unit(
        deadline=deadline,
        organization=world.member,
        until=NOW + dt.timedelta(days=2),
        reason="Đơn vị đổi thủ trưởng",
        granted_by=world.secretariat,
    )
    send_reminders(now=NOW, days=3)
    assert ("officer", NotificationKind.DEADLINE_SOON) in _told()
    assert ("officer", NotificationKind.DEADLINE_PASSED) not in _told()
    assert ("deputy_officer", NotificationKind.DEADLINE_PASSED) in _told()


def test_moving_the_deadline_reminds_again_for_the_new_date(world: World) -> None:
    _deadline(world, CycleStep.REGISTRATION, NOW + dt.timedelta(days=1))
    send_reminders(now=NOW, days=3)
    _deadline(world, CycleStep.REGISTRATION, NOW + dt.timedelta(days=2))
    assert send_reminders(now=NOW, days=3).notifications == 3


def test_pledge_reminders_go_to_the_leaders_and_officers_of_units_that_have_not_signed(
    world: World, catalogue: None
) -> None:
    make_pledge(world.cy, world.secretariat)
    Notification.objects.all().delete()
    _deadline(world, CycleStep.PLEDGE, NOW + dt.timedelta(days=1))
    send_reminders(now=NOW, days=3)
    assert {u for u, _kind in _told()} == {"deputy_officer", "leader", "officer", "secretariat"}


def test_no_pledge_open_for_signing_means_no_pledge_reminder(world: World) -> None:
    _deadline(world, CycleStep.PLEDGE, NOW + dt.timedelta(days=1))
    assert send_reminders(now=NOW, days=3).notifications == 0


def test_self_scoring_reminders_and_a_step_nobody_answers_for(world: World) -> None:
    _deadline(world, CycleStep.SELF_SCORING, NOW + dt.timedelta(days=1))
    _deadline(world, CycleStep.CONFERENCE, NOW + dt.timedelta(days=1))
    report = send_reminders(now=NOW, days=3)
    assert report.notifications == 3
    assert report.steps_without_owner == (CycleStep.CONFERENCE,)


def test_other_authorities_units_are_not_reminded_of_this_clusters_deadline(
    world: World,
) -> None:
    _deadline(world, CycleStep.REGISTRATION, NOW + dt.timedelta(days=1))
    send_reminders(now=NOW, days=3)
    assert not Notification.objects.filter(recipient=world.outsider).exists()


def test_the_command_reports_what_it_sent(world: World) -> None:
    _deadline(world, CycleStep.REGISTRATION, timezone.now() + dt.timedelta(days=1))
    _deadline(world, CycleStep.CONFERENCE, timezone.now() + dt.timedelta(days=1))
    out = StringIO()
    call_command("send-reminders", "--days", "3", stdout=out)
    assert "gửi 3 thông báo nhắc hạn" in out.getvalue()
    assert "Bước “conference” chưa có ứng dụng nào" in out.getvalue()
    out = StringIO()
    call_command("send-reminders", stdout=out)
    assert "gửi 0 thông báo nhắc hạn" in out.getvalue()


def test_units_that_have_not_reported_a_drive_are_reminded_with_a_link_to_the_drive(
    world: World,
) -> None:
    from thidua.planning.services.drives import create_drive
    from thidua.planning.services.reports import submit_drive_report

    drive = create_drive(
        cluster_year=world.cy,
        name="Đợt thi đua chào mừng Quốc khánh",
        starts_on=dt.date(2023, 8, 1),
        ends_on=dt.date(2023, 9, 2),
        report_due_at=NOW + dt.timedelta(days=1),
        by=world.secretariat,
    )
    submit_drive_report(
        drive=drive, organization=world.deputy, summary="Hoàn thành", by=world.deputy_officer
    )
    send_reminders(now=NOW, days=3)
    assert _told() == [
        ("officer", NotificationKind.DEADLINE_SOON),
        ("secretariat", NotificationKind.DEADLINE_SOON),
    ]
    assert Notification.objects.get(recipient=world.officer).link == (
        f"/planning/HN-C06/2023/drives/{drive.number}/"
    )
