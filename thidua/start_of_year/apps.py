from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartOfYearConfig(AppConfig):
    name = "thidua.start_of_year"
    label = "start_of_year"
    verbose_name = _("Đầu năm: kế hoạch, giao ước, đăng ký thi đua")

    def ready(self) -> None:
        from thidua.clusters.sections import Section, register_section
        from thidua.clusters.unit_sections import UnitSection, register_unit_section
        from thidua.start_of_year import panels

        register_section(Section("start_of_year.pledge", 20, panels.pledge_section))
        register_section(Section("start_of_year.registrations", 30, panels.registration_section))
        register_section(Section("start_of_year.follow_up", 90, panels.follow_up_section))
        from thidua.start_of_year import (
            documents,  # noqa: F401 -- registers the document kinds
            unit_history,
        )

        register_unit_section(
            UnitSection("start_of_year.registrations", 20, unit_history.registrations_section)
        )
