from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "thidua.planning"
    label = "planning"
    verbose_name = _("Kế hoạch, quy chế, phong trào và đợt thi đua")

    def ready(self) -> None:
        from thidua.clusters.agenda import register_agenda_link
        from thidua.clusters.sections import Section, register_section
        from thidua.planning.agenda import SUMMARY_REPORT_LINK
        from thidua.planning.sections import drives_section, plans_section, summary_report_section

        register_section(Section("planning.plans", 10, plans_section))
        register_section(Section("planning.drives", 40, drives_section))
        register_section(Section("planning.summary-report", 75, summary_report_section))
        register_agenda_link(SUMMARY_REPORT_LINK)
        from thidua.planning import notices

        notices.register_reminder_steps()
