"""Reads of notifications: a person's own notifications (nobody reads another's inbox), the
unread count of the bell, and each person's choices."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from thidua.notifications.enums import DEFAULT_EMAIL, DEFAULT_IN_APP, EmailChoice, NotificationKind
from thidua.notifications.models import Notification, NotificationPreference

if TYPE_CHECKING:
    from thidua.accounts.models import User


@dataclass(frozen=True)
class Choice:
    """What a person receives of one kind."""

    in_app: bool
    email: str  # EmailChoice

    @property
    def wants_anything(self) -> bool:
        return self.in_app or self.email != EmailChoice.OFF


def notifications_for_user(user: Any) -> QuerySet[Notification]:
    """The person's own notifications shown in the app, newest first (none when signed out)."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user, in_app=True).order_by("-created_at", "-pk")


def unread_count(user: Any) -> int:
    """The number on the bell (one query, on the ``notification_unread`` index)."""
    return notifications_for_user(user).filter(read_at__isnull=True).count()


def default_choice(kind: str) -> Choice:
    return Choice(in_app=DEFAULT_IN_APP, email=DEFAULT_EMAIL.get(kind, EmailChoice.DIGEST))


def choices_for(user_ids: Iterable[int], kind: str) -> dict[int, Choice]:
    """Each user's choice for ``kind`` (one query; the default for users without a row)."""
    ids = list(user_ids)
    stored = {
        pref.user_id: Choice(in_app=pref.in_app, email=pref.email)
        for pref in NotificationPreference.objects.filter(user_id__in=ids, kind=kind)
    }
    return {user_id: stored.get(user_id, default_choice(kind)) for user_id in ids}


def preferences_of(account: User) -> dict[str, Choice]:
    """Every kind with the person's choice (stored or default), in the order of the kinds."""
    stored = {
        pref.kind: Choice(in_app=pref.in_app, email=pref.email)
        for pref in NotificationPreference.objects.filter(user=account)
    }
    return {kind: stored.get(kind, default_choice(kind)) for kind in NotificationKind.values}
