from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CycleConfig(AppConfig):
    name = "thidua.cycle"
    label = "cycle"
    verbose_name = _("Đầu năm: kế hoạch, giao ước, đăng ký thi đua")

    def ready(self) -> None:
        from thidua.clusters.sections import Section, register_section
        from thidua.cycle import panels

        register_section(Section("cycle.pledge", 20, panels.pledge_section))
        register_section(Section("cycle.registrations", 30, panels.registration_section))
        register_section(Section("cycle.follow_up", 90, panels.follow_up_section))
        from thidua.cycle import documents  # noqa: F401 -- registers the document kinds
