"""Reads for scoring, one module per area: ``criteria`` (the year's scope, the criteria set and
its table), ``sheets`` (a unit's sheet, progress, every sheet of a year), ``cross``
(cross-scoring), ``results`` (final values, the ranking) and the page data of the sheet and
verification pages (``sheet_page``, ``verify_page``). Every page loads a constant number of
queries whatever the number of units and criteria.

The names are imported here so that callers write ``selectors.criteria_table(…)``.
"""

from thidua.scoring.selectors.criteria import (
    CriteriaTable,
    TableRow,
    adopted_and_draft,
    adopted_set,
    adopted_table,
    criteria_set_versions,
    criteria_sets_visible_to,
    criteria_table,
    draft_set,
    previous_year_set,
    round_or_none,
    scoring_cluster_years,
    structure_errors,
)
from thidua.scoring.selectors.cross import (
    CrossOverview,
    CrossRow,
    CrossTarget,
    Outlier,
    cross_aggregates,
    cross_outliers,
    cross_overview,
    cross_sheet_for,
    cross_sheet_rows,
    cross_sheet_status_matrix,
    cross_sheets_of_scorer,
    cross_targets,
    cross_values,
)
from thidua.scoring.selectors.results import (
    RankingData,
    UnitLine,
    bands_of,
    bonus_before_cap,
    final_value,
    group_points_by_unit,
    ranking_data,
)
from thidua.scoring.selectors.sheet_page import (
    Posted,
    SheetPage,
    SheetRow,
    Typed,
    sheet_page_data,
)
from thidua.scoring.selectors.sheets import (
    Progress,
    entries_by_criterion,
    progress_counts,
    sheet_for,
    sheet_for_unsaved,
    sheet_progress,
    sheets_by_unit,
)
from thidua.scoring.selectors.verify_page import (
    TypedAdjustments,
    VerifyPage,
    VerifyRow,
    verify_page_data,
)

__all__ = [
    "CriteriaTable",
    "CrossOverview",
    "CrossRow",
    "CrossTarget",
    "Outlier",
    "Posted",
    "Progress",
    "RankingData",
    "SheetPage",
    "SheetRow",
    "TableRow",
    "Typed",
    "TypedAdjustments",
    "UnitLine",
    "VerifyPage",
    "VerifyRow",
    "adopted_and_draft",
    "adopted_set",
    "adopted_table",
    "bands_of",
    "bonus_before_cap",
    "criteria_set_versions",
    "criteria_sets_visible_to",
    "criteria_table",
    "cross_aggregates",
    "cross_outliers",
    "cross_overview",
    "cross_sheet_for",
    "cross_sheet_rows",
    "cross_sheet_status_matrix",
    "cross_sheets_of_scorer",
    "cross_targets",
    "cross_values",
    "draft_set",
    "entries_by_criterion",
    "final_value",
    "group_points_by_unit",
    "previous_year_set",
    "progress_counts",
    "ranking_data",
    "round_or_none",
    "scoring_cluster_years",
    "sheet_for",
    "sheet_for_unsaved",
    "sheet_page_data",
    "sheet_progress",
    "sheets_by_unit",
    "structure_errors",
    "verify_page_data",
]
