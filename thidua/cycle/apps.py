from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "thidua.cycle"
    label = "cycle"
    verbose_name = _("Đầu năm: kế hoạch, giao ước, đăng ký thi đua")
