from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "thidua.planning"
    label = "planning"
    verbose_name = _("Kế hoạch, quy chế, phong trào và đợt thi đua")

    def ready(self) -> None:
        from thidua.accounts.panels import register_panel
        from thidua.clusters.sections import register_section
        from thidua.planning.panels import drive_report_panel, movements_panel
        from thidua.planning.sections import drives_section, plans_section

        register_section(10, plans_section)
        register_section(40, drives_section)
        register_panel(40, drive_report_panel)
        register_panel(45, movements_panel)
