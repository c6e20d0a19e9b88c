from __future__ import annotations

from collections.abc import Collection

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "thidua.scoring"
    label = "scoring"
    verbose_name = _("Chấm điểm, xếp hạng")

    def ready(self) -> None:
        from thidua.clusters.carryovers import register_carryover
        from thidua.clusters.sections import Section, register_section
        from thidua.clusters.unit_sections import UnitSection, register_unit_section
        from thidua.scoring import documents, panels
        from thidua.scoring.carryover import CRITERIA_SET_CARRYOVER

        register_section(Section("scoring.scores", 40, panels.cluster_year_section))
        register_carryover(CRITERIA_SET_CARRYOVER)
        del documents  # imported for its registration of the "score-summary" document kind
        from thidua.restructuring.impacts import (
            Impact,
            YearClosure,
            register_closure,
            register_impact,
        )

        register_impact(Impact("scoring.sheets", 40, _("bảng tự chấm điểm"), _score_sheets))
        register_closure(YearClosure("scoring.results_approved", _approved_years))
        from thidua.scoring import notices

        notices.register_reminder_steps()
        from thidua.scoring import unit_history

        register_unit_section(UnitSection("scoring.results", 30, unit_history.results_section))
        from thidua.clusters.candidates import register_candidate_source
        from thidua.scoring.candidates import RANKING_SOURCE

        register_candidate_source(RANKING_SOURCE)


def _score_sheets(organization_ids: Collection[int], cluster_year_ids: Collection[int]) -> int:
    from thidua.scoring.models import ScoreSheet

    return ScoreSheet.objects.filter(
        cluster_year_id__in=cluster_year_ids, organization_id__in=organization_ids
    ).count()


def _approved_years(cluster_year_ids: Collection[int]) -> set[int]:
    """A cluster year whose results are approved is closed: a restructuring leaves it as it was."""
    from thidua.scoring.enums import RoundStatus
    from thidua.scoring.models import ScoringRound

    return set(
        ScoringRound.objects.filter(
            cluster_year_id__in=cluster_year_ids, status=RoundStatus.APPROVED
        ).values_list("cluster_year_id", flat=True)
    )
