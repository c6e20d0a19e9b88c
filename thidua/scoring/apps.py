from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "thidua.scoring"
    label = "scoring"
    verbose_name = _("Chấm điểm, xếp hạng")

    def ready(self) -> None:
        from thidua.accounts.panels import register_panel
        from thidua.clusters.sections import register_section
        from thidua.scoring import documents, panels

        register_section(40, panels.cluster_year_section)
        register_panel(40, panels.pending_sheet_panel)
        register_panel(45, panels.verification_panel)
        del documents  # imported for its registration of the "score-summary" document kind
