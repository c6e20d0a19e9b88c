"""Sending notifications: each person's choices, once per dedup key, e-mail at once or later."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from tests.conftest import World
from thidua.audit.models import AuditEvent
from thidua.notifications import services
from thidua.notifications.enums import EmailChoice, EmailState, NotificationKind
from thidua.notifications.models import Notification
from thidua.notifications.selectors import Choice, preferences_of, unread_count

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def _send(
    world: World, *recipients: Any, kind: str = NotificationKind.RETURNED, key: str = ""
) -> Any:
    return services.notify(
        recipients=recipients or [world.officer],
        kind=kind,
        title="Đăng ký thi đua bị trả lại",
        body="Lý do: thiếu mô hình",
        link="/start-of-year/",
        obj=world.cy,
        dedup_key=key,
    )


def test_a_notification_reaches_the_person_in_the_app_and_waits_for_the_digest(
    mailed: World,
) -> None:
    (notification,) = _send(mailed)
    assert (notification.recipient, notification.in_app, notification.read_at) == (
        mailed.officer,
        True,
        None,
    )
    assert (notification.email_mode, notification.email_state) == (
        EmailChoice.DIGEST,
        EmailState.PENDING,
    )
    assert (notification.object_type, notification.object_id) == (
        "clusters.clusteryear",
        str(mailed.cy.pk),
    )
    assert unread_count(mailed.officer) == 1
    assert unread_count(mailed.leader) == 0


def test_the_same_reminder_is_sent_once_per_person(mailed: World) -> None:
    _send(mailed, mailed.officer, key="deadline:1:soon")
    again = _send(mailed, mailed.officer, mailed.leader, key="deadline:1:soon")
    assert [n.recipient for n in again] == [mailed.leader]
    assert Notification.objects.filter(recipient=mailed.officer).count() == 1


def test_a_person_who_turned_a_kind_off_gets_nothing_of_it(mailed: World) -> None:
    services.set_preferences(
        account=mailed.officer,
        choices={NotificationKind.RETURNED: Choice(in_app=False, email=EmailChoice.OFF)},
        user=mailed.officer,
    )
    assert _send(mailed) == []
    assert _send(mailed, kind=NotificationKind.DEADLINE_SOON) != []


def test_mail_only_is_kept_for_the_digest_but_not_shown_in_the_app(mailed: World) -> None:
    services.set_preferences(
        account=mailed.officer,
        choices={NotificationKind.RETURNED: Choice(in_app=False, email=EmailChoice.DIGEST)},
        user=mailed.officer,
    )
    (notification,) = _send(mailed)
    assert (notification.in_app, notification.email_state) == (False, EmailState.PENDING)
    assert unread_count(mailed.officer) == 0


def test_an_immediate_kind_is_mailed_after_the_commit(
    mailed: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = _send(mailed, kind=NotificationKind.AWAITING_SIGNATURE)
    assert [m.to for m in mail.outbox] == [["officer@example.gov.vn"]]
    assert mail.outbox[0].subject == "[Thi Đua] Đăng ký thi đua bị trả lại"
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT
    assert notification.emailed_at is not None


def test_a_person_without_an_address_is_told_in_the_app_only(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = _send(world, kind=NotificationKind.AWAITING_SIGNATURE)
    assert notification.email_state == EmailState.NO_ADDRESS
    assert mail.outbox == []


def test_inactive_accounts_are_not_notified(mailed: World) -> None:
    mailed.leader.is_active = False
    mailed.leader.save()
    assert [n.recipient for n in _send(mailed, mailed.officer, mailed.leader)] == [mailed.officer]


def test_notify_unit_reaches_the_officers_of_that_unit_only(mailed: World) -> None:
    sent = services.notify_unit(
        organization=mailed.member,
        roles=services.OFFICER_ROLES,
        kind=NotificationKind.RETURNED,
        title="Trả lại",
    )
    assert [n.recipient for n in sent] == [mailed.officer]


def test_a_person_marks_their_own_notification_read_but_not_anothers(mailed: World) -> None:
    (notification,) = _send(mailed)
    with pytest.raises(PermissionDenied):
        services.mark_read(notification=notification, user=mailed.leader)
    with pytest.raises(PermissionDenied):
        services.mark_read(notification=notification, user=mailed.admin)
    services.mark_read(notification=notification, user=mailed.officer)
    first = Notification.objects.get().read_at
    services.mark_read(notification=Notification.objects.get(), user=mailed.officer)
    assert first is not None and Notification.objects.get().read_at == first


def test_mark_all_read_counts_only_the_persons_unread(mailed: World) -> None:
    _send(mailed, mailed.officer, mailed.leader)
    _send(mailed, mailed.officer)
    assert services.mark_all_read(user=mailed.officer) == 2
    assert (unread_count(mailed.officer), unread_count(mailed.leader)) == (0, 1)


def test_preferences_are_changed_only_by_their_owner_and_audited(mailed: World) -> None:
    assert preferences_of(mailed.officer)[NotificationKind.AWAITING_SIGNATURE] == Choice(
        in_app=True, email=EmailChoice.IMMEDIATE
    )
    choices = {NotificationKind.DEADLINE_SOON: Choice(in_app=True, email=EmailChoice.IMMEDIATE)}
    with pytest.raises(PermissionDenied):
        services.set_preferences(account=mailed.officer, choices=choices, user=mailed.admin)
    services.set_preferences(account=mailed.officer, choices=choices, user=mailed.officer)
    assert preferences_of(mailed.officer)[NotificationKind.DEADLINE_SOON].email == "immediate"
    event = AuditEvent.objects.get(action="notifications.preferences.change")
    assert event.after == {"deadline_soon": {"in_app": True, "email": "immediate"}}
