from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "thidua.scoring"
    label = "scoring"
    verbose_name = _("Chấm điểm, xếp hạng")

    def ready(self) -> None:
        from thidua.clusters.sections import Section, register_section
        from thidua.clusters.unit_sections import UnitSection, register_unit_section
        from thidua.scoring import documents, panels

        register_section(Section("scoring.scores", 40, panels.cluster_year_section))
        del documents  # imported for its registration of the "score-summary" document kind
        from thidua.scoring import unit_history

        register_unit_section(UnitSection("scoring.results", 30, unit_history.results_section))
