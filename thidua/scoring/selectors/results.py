"""Reads of the results: each unit's final values (adjusted, cross-scored or its own), the live
ranking, or the approved one once the year is locked."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple, Protocol

from thidua.clusters.models import ClusterYear
from thidua.scoring import ranking
from thidua.scoring.enums import RoundStatus, Section, VerificationMode
from thidua.scoring.models import CriteriaGroup, ResultRow, ScoreSheet, ScoringRound
from thidua.scoring.selectors.criteria import (
    CriteriaTable,
    adopted_table,
    round_or_none,
)
from thidua.scoring.selectors.cross import cross_values

if TYPE_CHECKING:
    from thidua.organizations.models import Organization

ZERO = Decimal(0)


class EntryValues(Protocol):
    """What ``final_value`` reads of an entry (a ``ScoreEntry`` or a ``SavedValues``)."""

    @property
    def self_value(self) -> Decimal | None: ...
    @property
    def adjusted_value(self) -> Decimal | None: ...


class SavedValues(NamedTuple):
    """A saved entry's two values, read as plain values for the ranking (no model instance)."""

    self_value: Decimal | None
    adjusted_value: Decimal | None


def final_value(
    entry: EntryValues | None, cross_aggregate: Decimal | None, mode: str
) -> Decimal | None:
    """Adjusted value if any; else (cross-scoring) the aggregate of the other units; else self."""
    if entry is not None and entry.adjusted_value is not None:
        return entry.adjusted_value
    if mode == VerificationMode.CROSS and cross_aggregate is not None:
        return cross_aggregate
    return entry.self_value if entry is not None else None


@dataclass
class UnitLine:
    """What the ranking page shows for one unit."""

    organization: Organization
    row: ranking.RankedRow
    self_score: ranking.UnitScore
    sheet_status: str
    groups: list[tuple[CriteriaGroup, Decimal]]
    values: dict[int, Decimal | None] = field(default_factory=dict)
    self_values: dict[int, Decimal | None] = field(default_factory=dict)


@dataclass
class RankingData:
    cluster_year: ClusterYear
    scoring_round: ScoringRound | None
    table: CriteriaTable | None
    lines: list[UnitLine]
    approved: bool
    bands: list[ranking.Band]
    tie_break: list[str]
    sheet_statuses: dict[int, str] = field(default_factory=dict)  # organization id -> status


def bands_of(scoring_round: ScoringRound | None) -> list[ranking.Band]:
    raw = scoring_round.bands if scoring_round is not None else []
    return [ranking.Band(label=str(b["label"]), min=Decimal(str(b["min"]))) for b in raw]


def ranking_data(cluster_year: ClusterYear) -> RankingData:
    """The live (provisional) ranking, or the approved one once results are locked."""
    scoring_round = round_or_none(cluster_year)
    table = adopted_table(cluster_year)
    members = [m.organization for m in cluster_year.memberships.all()]
    bands = bands_of(scoring_round)
    tie_break = list(scoring_round.tie_break) if scoring_round else []
    if table is None:
        return RankingData(cluster_year, scoring_round, None, [], False, bands, tie_break)
    scale = table.scale  # built once: every unit is scored on it
    top_groups = table.top_groups
    approved = bool(scoring_round and scoring_round.status == RoundStatus.APPROVED)
    statuses, entries = _sheets_and_entries(cluster_year)
    finals, own = _unit_values(cluster_year, table, scoring_round, members, entries)
    if approved and scoring_round is not None:
        rows = _approved_rows(scoring_round, members)
    else:
        inputs = [ranking.UnitInput(o.pk, o.name, o.sort_key, finals[o.pk]) for o in members]
        rows = ranking.rank_units(scale, inputs, bands=bands, tie_break=tie_break)
    by_org = {m.pk: m for m in members}
    lines = []
    for row in rows:
        org = by_org[row.score.unit_id]
        lines.append(
            UnitLine(
                organization=org,
                row=row,
                self_score=ranking.score_unit(
                    scale, ranking.UnitInput(org.pk, org.name, org.sort_key, own[org.pk])
                ),
                sheet_status=statuses.get(org.pk, ""),
                groups=[(g, row.score.group_scores.get(g.code, ZERO)) for g in top_groups],
                values=finals[org.pk],
                self_values=dict(own[org.pk]),
            )
        )
    return RankingData(
        cluster_year, scoring_round, table, lines, approved, bands, tie_break, statuses
    )


def _sheets_and_entries(
    cluster_year: ClusterYear,
) -> tuple[dict[int, str], dict[int, dict[int, SavedValues]]]:
    """Per unit: its sheet's status, and criterion id -> saved values (one query, plain values:
    a sheet without entries comes as one row of NULLs)."""
    statuses: dict[int, str] = {}
    entries: dict[int, dict[int, SavedValues]] = defaultdict(dict)
    rows = ScoreSheet.objects.filter(cluster_year=cluster_year).values_list(
        "organization_id",
        "status",
        "entries__criterion_id",
        "entries__self_value",
        "entries__adjusted_value",
    )
    for organization_id, status, criterion_id, self_value, adjusted_value in rows:
        statuses[organization_id] = status
        if criterion_id is not None:
            entries[organization_id][criterion_id] = SavedValues(self_value, adjusted_value)
    return statuses, entries


Values = dict[int, Decimal | None]  # criterion id -> points


def group_points_by_unit(data: RankingData) -> dict[int, dict[int, Decimal]]:
    """Per unit (organization id): the subtotal of every group, nested ones too (group id ->
    points, each capped at the group's maximum), from the final values. The score table (Excel)
    and the detailed score document both print these."""
    if data.table is None:
        return {}
    scale = data.table.scale
    return {
        line.organization.pk: ranking.group_subtotals(scale, line.values) for line in data.lines
    }


def bonus_before_cap(
    data: RankingData, group_points: dict[int, dict[int, Decimal]]
) -> dict[int, Decimal]:
    """Per unit: the bonus points its bonus groups add up to before the criteria set's bonus cap
    (``UnitScore.bonus`` is the capped value that counts)."""
    if data.table is None:
        return {}
    bonus_groups = [g.pk for g in data.table.top_groups if g.section == Section.BONUS]
    return {
        unit: ranking.quantize(sum((points.get(pk, ZERO) for pk in bonus_groups), ZERO))
        for unit, points in group_points.items()
    }


def _unit_values(
    cluster_year: ClusterYear,
    table: CriteriaTable,
    scoring_round: ScoringRound | None,
    members: list[Organization],
    entries: dict[int, dict[int, SavedValues]],
) -> tuple[dict[int, Values], dict[int, Values]]:
    """Per unit: the final value of every criterion, and the unit's own scores (one query for
    the cross scores in cross-scoring, none otherwise)."""
    mode = scoring_round.verification_mode if scoring_round else VerificationMode.HEAD
    aggregation = scoring_round.aggregation if scoring_round else "mean"
    crosses = cross_values(cluster_year) if mode == VerificationMode.CROSS else {}
    finals: dict[int, Values] = {}
    own: dict[int, Values] = {}
    for org in members:
        unit_entries = entries.get(org.pk, {})
        values: Values = {}
        for criterion in table.criteria:
            cross = crosses.get(org.pk, {}).get(criterion.pk, {})
            values[criterion.pk] = final_value(
                unit_entries.get(criterion.pk),
                ranking.aggregate(cross.values(), aggregation) if cross else None,
                mode,
            )
        finals[org.pk] = values
        own[org.pk] = {cid: e.self_value for cid, e in unit_entries.items()}
    return finals, own


def _approved_rows(
    scoring_round: ScoringRound, members: list[Organization]
) -> list[ranking.RankedRow]:
    by_org = {m.pk: m for m in members}
    rows = []
    for result in ResultRow.objects.filter(scoring_round=scoring_round).order_by("position"):
        org = by_org.get(result.organization_id)
        if org is None:
            continue
        score = ranking.UnitScore(
            unit_id=org.pk,
            name=org.name,
            sort_key=org.sort_key,
            group_scores={k: Decimal(v) for k, v in result.group_scores.items()},
            criteria_total=result.criteria_total,
            bonus=result.bonus,
            penalty=result.penalty,
            total=result.total,
        )
        rows.append(
            ranking.RankedRow(
                score=score,
                rank=result.rank,
                position=result.position,
                classification=result.classification,
            )
        )
    ranks = [r.rank for r in rows]
    return [
        ranking.RankedRow(
            score=r.score,
            rank=r.rank,
            position=r.position,
            classification=r.classification,
            tied=ranks.count(r.rank) > 1,
        )
        for r in rows
    ]
