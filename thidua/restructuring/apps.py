from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RestructuringConfig(AppConfig):
    name = "thidua.restructuring"
    label = "restructuring"
    verbose_name = _("Sắp xếp lại đơn vị")
