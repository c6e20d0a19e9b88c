"""Reads for scoring. Every page loads a constant number of queries whatever the number of
units and criteria: the criteria table (2 queries), the sheets with their entries (2), the
cross scores (1), the approved results (1)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_detail
from thidua.scoring import ranking
from thidua.scoring.enums import (
    CriteriaSetStatus,
    CrossSheetStatus,
    RoundStatus,
    Section,
    SheetStatus,
    VerificationMode,
)
from thidua.scoring.models import (
    CriteriaGroup,
    CriteriaSet,
    Criterion,
    CrossEntry,
    CrossSheet,
    Evidence,
    ResultRow,
    ScoreEntry,
    ScoreSheet,
    ScoringRound,
)

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Organization

ZERO = Decimal(0)


def scoring_cluster_years(user: User) -> QuerySet[ClusterYear]:
    """Cluster years in the user's scope, with members, the scoring round and its verifiers."""
    return (
        cluster_year_detail(user)
        .select_related("scoring_round")
        .prefetch_related("scoring_round__verifier_users", "scoring_round__verifier_units")
    )


def round_or_none(cluster_year: ClusterYear) -> ScoringRound | None:
    try:
        return cluster_year.scoring_round
    except ObjectDoesNotExist:
        return None


def adopted_set(cluster_year: ClusterYear) -> CriteriaSet | None:
    return CriteriaSet.objects.filter(
        cluster_year=cluster_year, status=CriteriaSetStatus.ADOPTED
    ).first()


def draft_set(cluster_year: ClusterYear) -> CriteriaSet | None:
    return CriteriaSet.objects.filter(
        cluster_year=cluster_year, status=CriteriaSetStatus.DRAFT
    ).first()


def criteria_set_versions(cluster_year: ClusterYear) -> list[CriteriaSet]:
    return list(
        CriteriaSet.objects.filter(cluster_year=cluster_year)
        .select_related("adopted_by")
        .order_by("-version")
    )


def previous_year_set(cluster_year: ClusterYear) -> CriteriaSet | None:
    """Last year's set of the same cluster (the adopted one, else its latest version)."""
    sets = CriteriaSet.objects.filter(
        cluster_year__cluster_id=cluster_year.cluster_id, cluster_year__year__lt=cluster_year.year
    ).select_related("cluster_year")
    return (
        sets.filter(status=CriteriaSetStatus.ADOPTED).order_by("-cluster_year__year").first()
        or sets.order_by("-cluster_year__year", "-version").first()
    )


# ----------------------------------------------------------------- the criteria table


@dataclass
class TableRow:
    kind: str  # "group" or "criterion"
    obj: Any
    depth: int


@dataclass
class CriteriaTable:
    """A criteria set loaded in two queries, in display order (groups, then their criteria)."""

    criteria_set: CriteriaSet
    groups: list[CriteriaGroup]
    criteria: list[Criterion]
    rows: list[TableRow]
    by_id: dict[int, Criterion] = field(default_factory=dict)
    by_code: dict[str, Criterion] = field(default_factory=dict)
    top_group_of: dict[int, CriteriaGroup] = field(default_factory=dict)  # criterion id -> group

    @property
    def top_groups(self) -> list[CriteriaGroup]:
        return [g for g in self.groups if g.parent_id is None]

    @property
    def scale(self) -> ranking.Scale:
        cs = self.criteria_set
        return ranking.Scale(
            groups=tuple(
                ranking.GroupSpec(
                    id=g.pk,
                    code=g.code,
                    name=g.name,
                    section=g.section,
                    max_points=g.max_points,
                    parent_id=g.parent_id,
                )
                for g in self.groups
            ),
            criteria=tuple(
                ranking.CriterionSpec(
                    id=c.pk, code=c.code, group_id=c.group_id, max_points=c.max_points
                )
                for c in self.criteria
            ),
            max_total=cs.max_total,
            bonus_cap=cs.bonus_cap,
            penalty_cap=cs.penalty_cap,
        )

    def section_of(self, criterion: Criterion) -> str:
        return self.top_group_of[criterion.pk].section

    @property
    def required_criteria(self) -> list[Criterion]:
        """The criteria a unit must score before submitting (bonus and penalty items may be blank)."""
        return [c for c in self.criteria if self.section_of(c) == Section.NORMAL]


def criteria_table(criteria_set: CriteriaSet) -> CriteriaTable:
    groups = list(
        CriteriaGroup.objects.filter(criteria_set=criteria_set).order_by("position", "id")
    )
    criteria = list(Criterion.objects.filter(criteria_set=criteria_set).order_by("position", "id"))
    children: dict[int | None, list[CriteriaGroup]] = defaultdict(list)
    for group in groups:
        children[group.parent_id].append(group)
    in_group: dict[int, list[Criterion]] = defaultdict(list)
    for criterion in criteria:
        in_group[criterion.group_id].append(criterion)
    rows: list[TableRow] = []
    ordered: list[Criterion] = []
    top_of: dict[int, CriteriaGroup] = {}
    ordered_groups: list[CriteriaGroup] = []
    seen: set[int] = set()

    def walk(group: CriteriaGroup, depth: int, top: CriteriaGroup) -> None:
        if group.pk in seen:
            return
        seen.add(group.pk)
        ordered_groups.append(group)
        rows.append(TableRow("group", group, depth))
        for criterion in in_group[group.pk]:
            rows.append(TableRow("criterion", criterion, depth + 1))
            ordered.append(criterion)
            top_of[criterion.pk] = top
        for child in children[group.pk]:
            walk(child, depth + 1, top)

    sections = [Section.NORMAL, Section.BONUS, Section.PENALTY]
    for top in sorted(children[None], key=lambda g: sections.index(Section(g.section))):
        walk(top, 0, top)
    table = CriteriaTable(
        criteria_set=criteria_set, groups=ordered_groups, criteria=ordered, rows=rows
    )
    table.by_id = {c.pk: c for c in ordered}
    table.by_code = {c.code: c for c in ordered}
    table.top_group_of = top_of
    return table


# ----------------------------------------------------------------- sheets


def sheet_for(cluster_year: ClusterYear, organization: Organization) -> ScoreSheet:
    """The unit's sheet, or an unsaved empty one (version 0) when it has not saved yet."""
    sheet = (
        ScoreSheet.objects.filter(cluster_year=cluster_year, organization=organization)
        .select_related("submitted_by", "verified_by", "last_saved_by")
        .first()
    )
    if sheet is None:
        sheet = ScoreSheet(
            cluster_year=cluster_year,
            organization=organization,
            version=0,
            status=SheetStatus.DRAFT,
        )
    sheet.cluster_year = cluster_year  # share the loaded year (and its round) with the predicates
    sheet.organization = organization
    return sheet


def entries_by_criterion(sheet: ScoreSheet) -> dict[int, ScoreEntry]:
    if sheet.pk is None:
        return {}
    entries = (
        ScoreEntry.objects.filter(sheet=sheet)
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.order_by("id")))
        .select_related("adjusted_by")
    )
    return {e.criterion_id: e for e in entries}


@dataclass
class Progress:
    done: int
    total: int
    missing: list[str]

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def sheet_progress(
    sheet: ScoreSheet, table: CriteriaTable, entries: dict[int, ScoreEntry]
) -> Progress:
    """How far the unit is, and what is still missing before it may submit (in Vietnamese)."""
    required = table.required_criteria
    done = 0
    missing: list[str] = []
    for criterion in required:
        entry = entries.get(criterion.pk)
        if entry is not None and entry.self_value is not None:
            done += 1
        else:
            missing.append(_("Tiêu chí {code}: chưa chấm điểm.").format(code=criterion.code))
    for criterion in table.criteria:
        entry = entries.get(criterion.pk)
        if (
            criterion.evidence_required
            and entry is not None
            and entry.self_value
            and not list(entry.evidence.all())
        ):
            missing.append(
                _("Tiêu chí {code}: thiếu minh chứng (bắt buộc).").format(code=criterion.code)
            )
    if not (sheet.self_report or "").strip():
        missing.append(_("Chưa có báo cáo tự đánh giá."))
    return Progress(done=done, total=len(required), missing=missing)


def sheets_by_unit(cluster_year: ClusterYear) -> dict[int, ScoreSheet]:
    return {
        s.organization_id: s
        for s in ScoreSheet.objects.filter(cluster_year=cluster_year).select_related(
            "submitted_by", "verified_by"
        )
    }


def all_entries(cluster_year: ClusterYear) -> dict[int, dict[int, ScoreEntry]]:
    """organization id -> criterion id -> entry, for every sheet of the year (one query)."""
    result: dict[int, dict[int, ScoreEntry]] = defaultdict(dict)
    for entry in (
        ScoreEntry.objects.filter(sheet__cluster_year=cluster_year)
        .select_related("sheet")
        .only(
            "id",
            "criterion_id",
            "self_value",
            "adjusted_value",
            "adjust_reason",
            "sheet__organization_id",
        )
    ):
        result[entry.sheet.organization_id][entry.criterion_id] = entry
    return result


# ----------------------------------------------------------------- cross-scoring


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


# ----------------------------------------------------------------- final values and ranking


def final_value(
    entry: ScoreEntry | None, cross_aggregate: Decimal | None, mode: str
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
    sheets: dict[int, ScoreSheet] = field(default_factory=dict)


def bands_of(scoring_round: ScoringRound | None) -> list[ranking.Band]:
    raw = scoring_round.bands if scoring_round is not None else []
    return [ranking.Band(label=str(b["label"]), min=Decimal(str(b["min"]))) for b in raw]


def ranking_data(cluster_year: ClusterYear) -> RankingData:
    """The live (provisional) ranking, or the approved one once results are locked."""
    scoring_round = round_or_none(cluster_year)
    criteria_set = adopted_set(cluster_year)
    members = [m.organization for m in cluster_year.memberships.all()]
    bands = bands_of(scoring_round)
    tie_break = list(scoring_round.tie_break) if scoring_round else []
    if criteria_set is None:
        return RankingData(cluster_year, scoring_round, None, [], False, bands, tie_break)
    table = criteria_table(criteria_set)
    approved = bool(scoring_round and scoring_round.status == RoundStatus.APPROVED)
    mode = scoring_round.verification_mode if scoring_round else VerificationMode.HEAD
    aggregation = scoring_round.aggregation if scoring_round else "mean"
    sheets = sheets_by_unit(cluster_year)
    entries = all_entries(cluster_year)
    crosses = cross_values(cluster_year) if mode == VerificationMode.CROSS else {}
    inputs: list[ranking.UnitInput] = []
    self_inputs: dict[int, ranking.UnitInput] = {}
    final_by_unit: dict[int, dict[int, Decimal | None]] = {}
    for org in members:
        unit_entries = entries.get(org.pk, {})
        values: dict[int, Decimal | None] = {}
        for criterion in table.criteria:
            cross = crosses.get(org.pk, {}).get(criterion.pk, {})
            values[criterion.pk] = final_value(
                unit_entries.get(criterion.pk),
                ranking.aggregate(cross.values(), aggregation) if cross else None,
                mode,
            )
        final_by_unit[org.pk] = values
        inputs.append(ranking.UnitInput(org.pk, org.name, org.sort_key, values))
        self_inputs[org.pk] = ranking.UnitInput(
            org.pk,
            org.name,
            org.sort_key,
            {cid: e.self_value for cid, e in unit_entries.items()},
        )
    scale = table.scale
    if approved and scoring_round is not None:
        rows = _approved_rows(scoring_round, members)
    else:
        rows = ranking.rank_units(scale, inputs, bands=bands, tie_break=tie_break)
    by_org = {m.pk: m for m in members}
    lines = []
    for row in rows:
        org = by_org[row.score.unit_id]
        sheet = sheets.get(org.pk)
        lines.append(
            UnitLine(
                organization=org,
                row=row,
                self_score=ranking.score_unit(scale, self_inputs[org.pk]),
                sheet_status=sheet.status if sheet else "",
                groups=[(g, row.score.group_scores.get(g.code, ZERO)) for g in table.top_groups],
                values=final_by_unit[org.pk],
                self_values=dict(self_inputs[org.pk].values),
            )
        )
    return RankingData(
        cluster_year, scoring_round, table, lines, approved, bands, tie_break, sheets
    )


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


def unit_summary(cluster_year: ClusterYear) -> dict[str, Any]:
    """For the cluster-year section: how many units submitted, and the results state."""
    counts: dict[str, int] = defaultdict(int)
    for status in ScoreSheet.objects.filter(cluster_year=cluster_year).values_list(
        "status", flat=True
    ):
        counts[status] += 1
    return {
        "submitted": counts[SheetStatus.SUBMITTED] + counts[SheetStatus.VERIFIED],
        "verified": counts[SheetStatus.VERIFIED],
    }


def sheet_for_unsaved(cluster_year: ClusterYear, organization: Organization) -> ScoreSheet:
    return ScoreSheet(
        cluster_year=cluster_year, organization=organization, version=0, status=SheetStatus.DRAFT
    )


def progress_counts(cluster_year: ClusterYear, criteria_set: CriteriaSet) -> dict[int, int]:
    """organization id -> number of required criteria scored (one query)."""
    rows = (
        ScoreEntry.objects.filter(
            sheet__cluster_year=cluster_year,
            criterion__criteria_set=criteria_set,
            criterion__group__section=Section.NORMAL,
            self_value__isnull=False,
        )
        .values("sheet__organization_id")
        .annotate(n=Count("id"))
    )
    return {r["sheet__organization_id"]: r["n"] for r in rows}


def required_count(criteria_set: CriteriaSet) -> int:
    return Criterion.objects.filter(
        criteria_set=criteria_set, group__section=Section.NORMAL
    ).count()
