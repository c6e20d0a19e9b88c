"""The data of a unit's self-scoring page: one row per group (with its subtotal) and per
criterion (saved, typed and final values, evidence, the row's error or conflict), the progress,
the deadline and the totals. What the person may do there is asked in the template
(``scoring.edit_sheet``, ``submit_sheet``, ``reopen_sheet``, ``view_verification``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear, Deadline
from thidua.scoring import ranking
from thidua.scoring.enums import COMPUTED_METHODS, VerificationMode
from thidua.scoring.models import Evidence, ScoreEntry, ScoreSheet, ScoringRound
from thidua.scoring.selectors.criteria import (
    CriteriaTable,
    adopted_table,
    round_or_none,
)
from thidua.scoring.selectors.cross import cross_aggregates
from thidua.scoring.selectors.results import final_value
from thidua.scoring.selectors.sheets import Progress, entries_by_criterion, sheet_progress
from thidua.scoring.validators import input_text as text

if TYPE_CHECKING:
    from thidua.scoring.services.common import ConflictItem


@dataclass
class Posted:
    """What the person typed in one row (kept when the page is shown again with an error)."""

    value: str = ""
    measure: str = ""
    note: str = ""
    original: str = ""
    has_original: bool = False


@dataclass
class SheetRow:
    kind: str  # "group" or "criterion"
    obj: Any
    depth: int
    entry: ScoreEntry | None = None
    posted: Posted | None = None
    subtotal: Decimal | None = None
    final: Decimal | None = None
    cross: Decimal | None = None
    error: str = ""
    conflict: ConflictItem | None = None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def computed(self) -> bool:
        return self.kind == "criterion" and self.obj.method in COMPUTED_METHODS

    @property
    def adjusted(self) -> bool:
        return self.entry is not None and self.entry.adjusted_value is not None

    @property
    def value_text(self) -> str:
        if self.posted is not None:
            return self.posted.value
        return text(self.entry.self_value) if self.entry else ""

    @property
    def measure_text(self) -> str:
        if self.posted is not None:
            return self.posted.measure
        return text(self.entry.measure) if self.entry else ""

    @property
    def note_text(self) -> str:
        if self.posted is not None:
            return self.posted.note
        return self.entry.note if self.entry else ""

    @property
    def original_text(self) -> str:
        if self.posted is not None and self.posted.has_original:
            return self.posted.original
        return text(self.entry.self_value) if self.entry else ""

    @property
    def max_text(self) -> str:
        return text(self.obj.max_points)

    @property
    def missing_evidence(self) -> bool:
        return bool(
            self.kind == "criterion"
            and self.obj.evidence_required
            and self.entry is not None
            and self.entry.self_value
            and not self.evidence
        )


@dataclass(frozen=True)
class Typed:
    """What the person sent and why it was not saved: shown again on the page."""

    posted: Mapping[int, Posted] = field(default_factory=dict)
    errors: Mapping[int, str] = field(default_factory=dict)
    conflicts: Sequence[ConflictItem] = ()
    rebase: bool = False  # a conflict: the saved values become the new base of the inputs


@dataclass
class SheetPage:
    sheet: ScoreSheet
    table: CriteriaTable
    rows: list[SheetRow]
    progress: Progress
    deadline: Deadline | None
    scoring_round: ScoringRound | None
    self_score: ranking.UnitScore
    final_score: ranking.UnitScore

    @property
    def cross_mode(self) -> bool:
        return bool(self.scoring_round and self.scoring_round.is_cross)

    @cached_property
    def show_final(self) -> bool:
        """Some final value differs from the unit's own (adjusted or cross-scored). Asked by
        every row of the table: computed once (the rows do not change once the page is built)."""
        return any(
            r.final != (r.entry.self_value if r.entry else None)
            for r in self.rows
            if r.kind == "criterion"
        )

    def row(self, criterion_id: int) -> SheetRow:
        return next(r for r in self.rows if r.kind == "criterion" and r.obj.pk == criterion_id)


def sheet_page_data(
    cluster_year: ClusterYear, sheet: ScoreSheet, typed: Typed | None = None
) -> SheetPage | None:
    """The page of ``sheet``; ``None`` before the year's criteria set is adopted."""
    table = adopted_table(cluster_year)
    if table is None:
        return None
    typed = typed or Typed()
    entries = entries_by_criterion(sheet)
    scoring_round = round_or_none(cluster_year)
    cross = (
        {}
        if sheet.is_draft
        else cross_aggregates(cluster_year, sheet.organization_id, scoring_round)
    )
    rows = _rows(table, entries, cross, scoring_round, _shown_inputs(typed, entries))
    return SheetPage(
        sheet=sheet,
        table=table,
        rows=rows,
        progress=sheet_progress(sheet, table, entries),
        deadline=Deadline.objects.filter(
            cluster_year=cluster_year, step=CycleStep.SELF_SCORING
        ).first(),
        scoring_round=scoring_round,
        self_score=_score(table, sheet, {cid: e.self_value for cid, e in entries.items()}),
        final_score=_score(table, sheet, {r.obj.pk: r.final for r in rows if r.kind != "group"}),
    )


def _shown_inputs(typed: Typed, entries: dict[int, ScoreEntry]) -> Typed:
    """After a conflict the saved values are the new base; the person's inputs stay."""
    if not typed.rebase:
        return typed
    posted = {
        cid: Posted(p.value, p.measure, p.note, text(_self(entries, cid)), True)
        for cid, p in typed.posted.items()
    }
    return Typed(posted=posted, errors=typed.errors, conflicts=typed.conflicts)


def _self(entries: dict[int, ScoreEntry], criterion_id: int) -> Decimal | None:
    entry = entries.get(criterion_id)
    return entry.self_value if entry else None


def _rows(
    table: CriteriaTable,
    entries: dict[int, ScoreEntry],
    cross: dict[int, Decimal | None],
    scoring_round: ScoringRound | None,
    typed: Typed,
) -> list[SheetRow]:
    mode = scoring_round.verification_mode if scoring_round else VerificationMode.HEAD
    subtotals = ranking.group_subtotals(
        table.scale, {cid: e.self_value for cid, e in entries.items()}
    )
    by_code = {c.code: c for c in typed.conflicts}
    rows = []
    for item in table.rows:
        if item.kind == "group":
            rows.append(
                SheetRow("group", item.obj, item.depth, subtotal=subtotals.get(item.obj.pk))
            )
            continue
        cid = item.obj.pk
        entry = entries.get(cid)
        rows.append(
            SheetRow(
                "criterion",
                item.obj,
                item.depth,
                entry=entry,
                posted=typed.posted.get(cid),
                final=final_value(entry, cross.get(cid), mode),
                cross=cross.get(cid),
                error=typed.errors.get(cid, ""),
                conflict=by_code.get(item.obj.code),
                evidence=list(entry.evidence.all()) if entry else [],
            )
        )
    return rows


def _score(
    table: CriteriaTable, sheet: ScoreSheet, values: dict[int, Decimal | None]
) -> ranking.UnitScore:
    return ranking.score_unit(table.scale, ranking.UnitInput(sheet.organization_id, "", "", values))
