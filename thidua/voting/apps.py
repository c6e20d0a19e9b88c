from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "thidua.voting"
    label = "voting"
    verbose_name = _("Hội nghị tổng kết và bình xét")

    def ready(self) -> None:
        from thidua.clusters.sections import Section, register_section
        from thidua.voting import panels, rules  # noqa: F401 -- declares the permissions

        register_section(Section("voting.conference", 80, panels.conference_section))
        from thidua.clusters.carryovers import register_carryover
        from thidua.voting.carryover import RULES_CARRYOVER

        register_carryover(RULES_CARRYOVER)
