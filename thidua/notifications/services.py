"""Writes of notifications: send (``notify``, ``notify_unit``), read, and each person's choices.

``notify`` is what the other apps call (one line in their service; the text is built in a small
function of theirs). It respects each recipient's preferences (``NotificationPreference``, or the
defaults of ``enums.DEFAULT_EMAIL``), is idempotent with a ``dedup_key`` (the same key to the same
person is sent once), and queues an e-mail: at once (a task, after the commit) or in the daily
digest (``thidua send-digest``).

A notification is a message to a person, not a change of the platform's data: creating one and
marking it read write no audit event; a person's change of preferences does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.audit.services import record_event
from thidua.core.permissions import check
from thidua.notifications.enums import EmailChoice, EmailState, NotificationKind
from thidua.notifications.models import Notification, NotificationPreference
from thidua.notifications.rules import CHANGE_PREFERENCES, MARK_READ
from thidua.notifications.selectors import Choice, choices_for, preferences_of

if TYPE_CHECKING:
    from thidua.organizations.models import Organization


def _email_state(user: User, choice: Choice) -> str:
    if choice.email == EmailChoice.OFF:
        return EmailState.NOT_WANTED
    return EmailState.PENDING if user.email else EmailState.NO_ADDRESS


@transaction.atomic
def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    obj: models.Model | None = None,
    dedup_key: str = "",
) -> list[Notification]:
    """Send one notification to each active recipient who wants this ``kind`` (in the app and/or
    by e-mail). With a ``dedup_key``, a recipient who already has a notification with that key
    gets nothing new. Returns the notifications created.

    Side effects: the ``Notification`` rows; for the ones to mail at once, a task queued after the
    commit (``tasks.send_immediate_emails``)."""
    if kind not in NotificationKind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    people = {user.pk: user for user in recipients if user.pk and user.is_active}
    if dedup_key:
        already = Notification.objects.filter(recipient_id__in=people, dedup_key=dedup_key)
        for user_id in already.values_list("recipient_id", flat=True):
            people.pop(user_id, None)
    choices = choices_for(people, kind)
    now = timezone.now()
    rows = [
        Notification(
            recipient=user,
            kind=kind,
            title=title[:300],
            body=body,
            link=link[:500],
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            dedup_key=dedup_key[:200],
            in_app=choices[user.pk].in_app,
            email_mode=choices[user.pk].email,
            email_state=_email_state(user, choices[user.pk]),
            created_at=now,
        )
        for user in people.values()
        if choices[user.pk].wants_anything
    ]
    created = Notification.objects.bulk_create(rows)
    immediate = [
        n.pk
        for n in created
        if n.email_mode == EmailChoice.IMMEDIATE and n.email_state == EmailState.PENDING
    ]
    if immediate:
        transaction.on_commit(lambda: _queue_immediate(immediate))
    return created


def _queue_immediate(ids: list[int]) -> None:
    from thidua.notifications.tasks import send_immediate_emails

    send_immediate_emails.enqueue(ids)


# Who of a unit is told: its officers (the head unit's secretariat works for its own unit too),
# and its leader, who signs for it.
OFFICER_ROLES: tuple[str, ...] = (Role.UNIT_OFFICER, Role.CLUSTER_SECRETARIAT)
SIGNER_ROLES: tuple[str, ...] = (Role.UNIT_LEADER,)


def unit_people(organization: Organization, roles: Iterable[str]) -> list[User]:
    """The active people of ``organization`` who hold one of ``roles`` (one query)."""
    return list(
        User.objects.filter(organization=organization, role__in=list(roles), is_active=True)
    )


def notify_unit(
    *, organization: Organization, roles: Iterable[str], **message: Any
) -> list[Notification]:
    """``notify`` the officers/leaders (``roles``) of a unit; ``message`` as for ``notify``."""
    return notify(recipients=unit_people(organization, roles), **message)


@transaction.atomic
def mark_read(*, notification: Notification, user: User) -> Notification:
    """The person reads their notification (``notifications.mark_read``); reading it twice keeps
    the first time."""
    check(user, MARK_READ.name, notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


@transaction.atomic
def mark_all_read(*, user: User) -> int:
    """Every unread notification of the person is read now; returns how many."""
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def set_preferences(*, account: User, choices: Mapping[str, Choice], user: User) -> None:
    """``user`` sets what ``account`` receives of each kind (``notifications.change_preferences``:
    only their own). Side effects: one preference row per kind given; one audit event."""
    check(user, CHANGE_PREFERENCES.name, account)
    for kind in choices:
        if kind not in NotificationKind.values:
            raise ValueError(f"unknown notification kind {kind!r}")
    before = {kind: _as_dict(c) for kind, c in preferences_of(account).items() if kind in choices}
    for kind, choice in choices.items():
        NotificationPreference.objects.update_or_create(
            user=account, kind=kind, defaults={"in_app": choice.in_app, "email": choice.email}
        )
    record_event(
        action="notifications.preferences.change",
        obj=account,
        before=before,
        after={kind: _as_dict(choice) for kind, choice in choices.items()},
        actor=user,
    )


def _as_dict(choice: Choice) -> dict[str, Any]:
    return {"in_app": choice.in_app, "email": choice.email}
