from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "thidua.scoring"
    label = "scoring"
    verbose_name = _("Chấm điểm, xếp hạng")

    def ready(self) -> None:
        from thidua.clusters.carryovers import register_carryover
        from thidua.clusters.sections import Section, register_section
        from thidua.scoring import documents, panels
        from thidua.scoring.carryover import CRITERIA_SET_CARRYOVER

        register_section(Section("scoring.scores", 40, panels.cluster_year_section))
        register_carryover(CRITERIA_SET_CARRYOVER)
        del documents  # imported for its registration of the "score-summary" document kind
