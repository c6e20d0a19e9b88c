from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "thidua.notifications"
    label = "notifications"
    verbose_name = _("Thông báo, nhắc việc")

    def ready(self) -> None:
        from thidua.notifications import rules  # noqa: F401 -- declares the actions
