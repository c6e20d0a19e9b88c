from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản và vai trò")

    def ready(self) -> None:
        from thidua.accounts import middleware  # noqa: F401 -- connects the sign-in signals
