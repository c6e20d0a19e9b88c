"""The data of the verification page (thẩm định) of a unit's sheet: per criterion the unit's own
score, the cross-scoring aggregate (in a cross-scoring year), and the adjustment with its reason
(saved, or as typed when it was refused). Whether the adjustments may be changed is asked in the
template (``scoring.verify_sheet``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from thidua.clusters.models import ClusterYear
from thidua.scoring.models import ScoreEntry, ScoreSheet, ScoringRound
from thidua.scoring.selectors.criteria import CriteriaTable, round_or_none
from thidua.scoring.selectors.cross import cross_aggregates
from thidua.scoring.selectors.sheets import entries_by_criterion
from thidua.scoring.validators import input_text


@dataclass
class VerifyRow:
    kind: str  # "group" or "criterion"
    obj: Any
    depth: int
    entry: ScoreEntry | None = None
    cross: Decimal | None = None
    value_text: str = ""
    reason_text: str = ""
    error: str = ""


@dataclass(frozen=True)
class TypedAdjustments:
    """What the verifier typed (criterion id -> (points, reason)) and the refused rows."""

    posted: Mapping[int, tuple[str, str]] = field(default_factory=dict)
    errors: Mapping[int, str] = field(default_factory=dict)


@dataclass
class VerifyPage:
    sheet: ScoreSheet
    rows: list[VerifyRow]
    scoring_round: ScoringRound | None

    @property
    def cross_mode(self) -> bool:
        return bool(self.scoring_round and self.scoring_round.is_cross)


def verify_page_data(
    cluster_year: ClusterYear,
    sheet: ScoreSheet,
    table: CriteriaTable,
    typed: TypedAdjustments | None = None,
) -> VerifyPage:
    typed = typed or TypedAdjustments()
    scoring_round = round_or_none(cluster_year)
    entries = entries_by_criterion(sheet)
    cross = cross_aggregates(cluster_year, sheet.organization_id, scoring_round)
    rows = []
    for item in table.rows:
        if item.kind == "group":
            rows.append(VerifyRow("group", item.obj, item.depth))
            continue
        entry = entries.get(item.obj.pk)
        saved = (input_text(entry.adjusted_value), entry.adjust_reason) if entry else ("", "")
        value_text, reason = typed.posted.get(item.obj.pk, saved)
        rows.append(
            VerifyRow(
                "criterion",
                item.obj,
                item.depth,
                entry=entry,
                cross=cross.get(item.obj.pk),
                value_text=value_text,
                reason_text=reason,
                error=typed.errors.get(item.obj.pk, ""),
            )
        )
    return VerifyPage(sheet=sheet, rows=rows, scoring_round=scoring_round)
