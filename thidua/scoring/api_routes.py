"""Mounted under /api/v1/ by thidua.api_urls."""

from __future__ import annotations

from typing import Any

from thidua.scoring.api import CriteriaSetViewSet, MySheetViewSet, RankingViewSet
from thidua.scoring.api_on_behalf import SheetOnBehalfViewSet


def register(router: Any) -> None:
    router.register("scoring/criteria-sets", CriteriaSetViewSet, basename="scoring-criteria-set")
    router.register("scoring/my-sheets", MySheetViewSet, basename="scoring-my-sheet")
    router.register("scoring/rankings", RankingViewSet, basename="scoring-ranking")
    router.register(
        "scoring/sheets-on-behalf", SheetOnBehalfViewSet, basename="scoring-sheet-on-behalf"
    )
