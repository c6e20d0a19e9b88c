"""Reads of cross-scoring (chấm chéo): the submitted cross scores, each scorer's sheets, the
status matrix and the outlying scores, and the data of the cross-scoring pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from thidua.clusters.models import ClusterYear
from thidua.scoring import ranking
from thidua.scoring.enums import CrossSheetStatus
from thidua.scoring.models import (
    Criterion,
    CrossEntry,
    CrossSheet,
    ScoreEntry,
    ScoreSheet,
    ScoringRound,
)
from thidua.scoring.selectors.criteria import CriteriaTable
from thidua.scoring.selectors.sheets import entries_by_criterion, sheet_for_unsaved, sheets_by_unit
from thidua.scoring.validators import input_text

if TYPE_CHECKING:
    from thidua.organizations.models import Organization


def cross_sheet_for(
    cluster_year: ClusterYear, scorer: Organization | None, target: Organization
) -> CrossSheet:
    """The scorer's sheet for the target, or an unsaved empty one (version 0); it shares the
    loaded year (with its round and members) with the permission predicates."""
    sheet = None
    if scorer is not None:
        sheet = CrossSheet.objects.filter(
            cluster_year=cluster_year, scorer=scorer, target=target
        ).first()
    if sheet is None:
        sheet = CrossSheet(cluster_year=cluster_year, target=target, version=0)
    sheet.cluster_year, sheet.target = cluster_year, target
    if scorer is not None:
        sheet.scorer = scorer
    return sheet


def cross_values(cluster_year: ClusterYear) -> dict[int, dict[int, dict[int, Decimal | None]]]:
    """target id -> criterion id -> scorer id -> value, from the submitted cross sheets."""
    result: dict[int, dict[int, dict[int, Decimal | None]]] = defaultdict(lambda: defaultdict(dict))
    rows = CrossEntry.objects.filter(
        cross_sheet__cluster_year=cluster_year,
        cross_sheet__status=CrossSheetStatus.SUBMITTED,
    ).values_list("cross_sheet__target_id", "criterion_id", "cross_sheet__scorer_id", "value")
    for target_id, criterion_id, scorer_id, value in rows:
        result[target_id][criterion_id][scorer_id] = value
    return result


def cross_aggregates(
    cluster_year: ClusterYear, organization_id: int, scoring_round: ScoringRound | None
) -> dict[int, Decimal | None]:
    """criterion id -> the aggregate (mean or median) of the other units' submitted cross
    scores of one unit; empty unless the year is cross-scored."""
    if scoring_round is None or not scoring_round.is_cross:
        return {}
    values = cross_values(cluster_year).get(organization_id, {})
    return {
        cid: ranking.aggregate(v.values(), scoring_round.aggregation) for cid, v in values.items()
    }


def cross_sheets_of_scorer(cluster_year: ClusterYear, scorer_id: int) -> dict[int, CrossSheet]:
    return {
        s.target_id: s
        for s in CrossSheet.objects.filter(cluster_year=cluster_year, scorer_id=scorer_id)
    }


def cross_sheet_status_matrix(cluster_year: ClusterYear) -> dict[tuple[int, int], str]:
    return {
        (scorer, target): status
        for scorer, target, status in CrossSheet.objects.filter(
            cluster_year=cluster_year
        ).values_list("scorer_id", "target_id", "status")
    }


@dataclass
class Outlier:
    target_id: int
    scorer_id: int
    criterion: Criterion
    value: Decimal | None
    deviation: Decimal


def cross_outliers(
    table: CriteriaTable,
    scoring_round: ScoringRound,
    values: dict[int, dict[int, dict[int, Decimal | None]]],
) -> list[Outlier]:
    found: list[Outlier] = []
    for target_id, by_criterion in values.items():
        for criterion_id, by_scorer in by_criterion.items():
            criterion = table.by_id.get(criterion_id)
            if criterion is None:
                continue
            flagged = ranking.outliers(
                by_scorer,
                mad_k=scoring_round.outlier_mad_k,
                gap=scoring_round.outlier_gap_points,
            )
            found.extend(
                Outlier(target_id, scorer_id, criterion, by_scorer[scorer_id], deviation)
                for scorer_id, deviation in flagged.items()
            )
    return found


# ----------------------------------------------------------------- the cross-scoring pages


@dataclass
class CrossTarget:
    """A unit the scorer scores: its own sheet (unsaved when it has none) and the scorer's
    cross sheet for it (unsaved when not started)."""

    unit: Organization
    sheet: ScoreSheet
    cross: CrossSheet


def cross_targets(cluster_year: ClusterYear, scorer: Organization) -> list[CrossTarget]:
    """Every other member unit, for the scorer's list (three queries)."""
    sheets = sheets_by_unit(cluster_year)
    mine = cross_sheets_of_scorer(cluster_year, scorer.pk)
    targets = []
    for membership in cluster_year.memberships.all():
        unit = membership.organization
        if unit.pk == scorer.pk:
            continue
        sheet = sheets.get(unit.pk) or sheet_for_unsaved(cluster_year, unit)
        cross = mine.get(unit.pk) or CrossSheet(target=unit, version=0)
        sheet.cluster_year, sheet.organization = cluster_year, unit
        cross.cluster_year, cross.scorer, cross.target = cluster_year, scorer, unit
        targets.append(CrossTarget(unit=unit, sheet=sheet, cross=cross))
    return targets


@dataclass
class OutlierRow:
    target: Organization | None
    scorer: Organization | None
    criterion: Criterion
    value: Decimal | None
    deviation: Decimal


@dataclass
class CrossOverview:
    """The secretariat's view: who has scored whom, and the outlying scores."""

    members: list[Organization]
    matrix: list[tuple[Organization, list[tuple[Organization, str | None]]]]
    outliers: list[OutlierRow]


def cross_overview(
    cluster_year: ClusterYear, table: CriteriaTable | None, scoring_round: ScoringRound | None
) -> CrossOverview:
    members = [m.organization for m in cluster_year.memberships.all()]
    status = cross_sheet_status_matrix(cluster_year)
    matrix = [
        (scorer, [(target, status.get((scorer.pk, target.pk))) for target in members])
        for scorer in members
    ]
    outliers = []
    if table is not None and scoring_round is not None:
        by_id = {m.pk: m for m in members}
        outliers = [
            OutlierRow(
                by_id.get(o.target_id), by_id.get(o.scorer_id), o.criterion, o.value, o.deviation
            )
            for o in cross_outliers(table, scoring_round, cross_values(cluster_year))
        ]
    return CrossOverview(members=members, matrix=matrix, outliers=outliers)


@dataclass
class CrossRow:
    kind: str  # "group" or "criterion"
    obj: Any
    depth: int
    entry: ScoreEntry | None = None  # the target unit's own score
    value_text: str = ""  # the scorer's value (saved, or as typed)


def cross_sheet_rows(
    table: CriteriaTable, cross: CrossSheet, target_sheet: ScoreSheet, posted: dict[int, str]
) -> list[CrossRow]:
    given = {e.criterion_id: e.value for e in cross.entries.all()} if cross.pk else {}
    target_entries = entries_by_criterion(target_sheet)
    rows = []
    for item in table.rows:
        if item.kind == "group":
            rows.append(CrossRow("group", item.obj, item.depth))
            continue
        cid = item.obj.pk
        value_text = posted.get(cid, input_text(given.get(cid)))
        rows.append(
            CrossRow("criterion", item.obj, item.depth, target_entries.get(cid), value_text)
        )
    return rows
