"""Who may do what with notifications: a person reads and marks their own notifications and
chooses what they receive; nobody else — a system administrator included — reads another
person's inbox or changes another person's choices. Scope: ``selectors.notifications_for_user``
(another person's notification is a 404)."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import action


@rules.predicate
def is_own_notification(user: Any, notification: Any) -> bool:
    return bool(
        notification is not None and user.is_authenticated and notification.recipient_id == user.pk
    )


@rules.predicate
def is_own_account(user: Any, account: Any) -> bool:
    return bool(account is not None and user.is_authenticated and account.pk == user.pk)


VIEW_NOTIFICATION = action(
    "notifications.view_notification",
    label=_("xem thông báo"),
    who=is_own_notification,
)
MARK_READ = action(
    "notifications.mark_read",
    label=_("đánh dấu đã đọc thông báo"),
    who=is_own_notification,
)
CHANGE_PREFERENCES = action(
    "notifications.change_preferences",
    label=_("thay đổi cài đặt nhận thông báo"),
    who=is_own_account,
)
