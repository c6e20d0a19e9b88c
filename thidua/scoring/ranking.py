"""The arithmetic of scoring, free of the database: totals with caps, ranking with tie-breaks,
classification bands, cross-scoring aggregation and outlier flags. Everything is ``Decimal``.

Rules (also in docs/scoring.md):

- A criterion counts between 0 and its maximum. A group counts the sum of its criteria and
  subgroups, capped at the group's maximum when it has one.
- Total = min(sum of the normal groups, max_total) + min(sum of the bonus groups, bonus_cap)
  − min(sum of the penalty groups, penalty_cap); never below 0.
- Ranking: higher total first; ties broken by the configured keys in order (``group:I`` = higher
  group I subtotal first, ``bonus`` = more bonus first, ``penalty`` = fewer penalty points
  first). Units still equal on every key share the rank (1, 1, 3) and are listed in Vietnamese
  alphabetical order. The input order never matters.
- Cross-scoring: the value of a criterion is the mean (or median) of the scores given by the
  other units; an abstention (no score) is left out, never counted as zero.
- Outlier: a cross score is flagged when |score − median| > gap points, or when
  |score − median| > k × MAD (MAD = median of the absolute deviations, only when MAD > 0).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from thidua.scoring.enums import (
    TIE_BREAK_BONUS,
    TIE_BREAK_GROUP_PREFIX,
    TIE_BREAK_PENALTY,
    Aggregation,
    ScoringMethod,
    Section,
)

CENT = Decimal("0.01")
ZERO = Decimal(0)
K = TypeVar("K", bound=Hashable)


def quantize(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def clamp(value: Decimal, low: Decimal, high: Decimal | None) -> Decimal:
    if value < low:
        return low
    if high is not None and value > high:
        return high
    return value


@dataclass(frozen=True)
class GroupSpec:
    id: int
    code: str
    name: str
    section: str
    max_points: Decimal | None
    parent_id: int | None = None


@dataclass(frozen=True)
class CriterionSpec:
    id: int
    code: str
    group_id: int
    max_points: Decimal


@dataclass(frozen=True)
class Scale:
    """A criteria set reduced to what the arithmetic needs."""

    groups: tuple[GroupSpec, ...]
    criteria: tuple[CriterionSpec, ...]
    max_total: Decimal
    bonus_cap: Decimal
    penalty_cap: Decimal | None = None

    @property
    def top_groups(self) -> list[GroupSpec]:
        return [g for g in self.groups if g.parent_id is None]


@dataclass(frozen=True)
class Band:
    label: str
    min: Decimal


@dataclass(frozen=True)
class UnitInput:
    unit_id: int
    name: str
    sort_key: str
    values: Mapping[int, Decimal | None]  # criterion id -> final value (None = not scored)


@dataclass(frozen=True)
class UnitScore:
    unit_id: int
    name: str
    sort_key: str
    group_scores: dict[str, Decimal]  # top-level group code -> subtotal (after caps)
    criteria_total: Decimal
    bonus: Decimal
    penalty: Decimal
    total: Decimal


@dataclass(frozen=True)
class RankedRow:
    score: UnitScore
    rank: int
    position: int
    classification: str
    tied: bool = False  # shares its rank with another unit
    extra: dict[str, Any] = field(default_factory=dict)


def group_subtotals(scale: Scale, values: Mapping[int, Decimal | None]) -> dict[int, Decimal]:
    """Subtotal of every group (id -> points), children first, each capped at its maximum."""
    own: dict[int, Decimal] = {g.id: ZERO for g in scale.groups}
    for criterion in scale.criteria:
        raw = values.get(criterion.id)
        if raw is not None and criterion.group_id in own:
            own[criterion.group_id] += clamp(raw, ZERO, criterion.max_points)
    children: dict[int | None, list[GroupSpec]] = {}
    for group in scale.groups:
        children.setdefault(group.parent_id, []).append(group)
    result: dict[int, Decimal] = {}

    def visit(group: GroupSpec, depth: int) -> Decimal:
        if depth > len(scale.groups):  # a cycle in bad data must not loop forever
            return ZERO
        subtotal = own[group.id] + sum(
            (visit(child, depth + 1) for child in children.get(group.id, [])), ZERO
        )
        result[group.id] = clamp(subtotal, ZERO, group.max_points)
        return result[group.id]

    for top in children.get(None, []):
        visit(top, 0)
    return result


def score_unit(scale: Scale, unit: UnitInput) -> UnitScore:
    subtotals = group_subtotals(scale, unit.values)
    sums = {Section.NORMAL: ZERO, Section.BONUS: ZERO, Section.PENALTY: ZERO}
    group_scores: dict[str, Decimal] = {}
    for group in scale.top_groups:
        points = subtotals.get(group.id, ZERO)
        group_scores[group.code] = quantize(points)
        sums[Section(group.section)] += points
    criteria_total = quantize(clamp(sums[Section.NORMAL], ZERO, scale.max_total))
    bonus = quantize(clamp(sums[Section.BONUS], ZERO, scale.bonus_cap))
    penalty = quantize(clamp(sums[Section.PENALTY], ZERO, scale.penalty_cap))
    total = max(ZERO, criteria_total + bonus - penalty)
    return UnitScore(
        unit_id=unit.unit_id,
        name=unit.name,
        sort_key=unit.sort_key,
        group_scores=group_scores,
        criteria_total=criteria_total,
        bonus=bonus,
        penalty=penalty,
        total=quantize(total),
    )


def classify(total: Decimal, bands: Sequence[Band]) -> str:
    for band in sorted(bands, key=lambda b: b.min, reverse=True):
        if total >= band.min:
            return band.label
    return ""


def tie_break_key(score: UnitScore, tie_break: Sequence[str]) -> tuple[Decimal, ...]:
    """Smaller is better: the total, then each configured key."""
    key: list[Decimal] = [-score.total]
    for item in tie_break:
        if item.startswith(TIE_BREAK_GROUP_PREFIX):
            code = item[len(TIE_BREAK_GROUP_PREFIX) :]
            if code in score.group_scores:
                key.append(-score.group_scores[code])
        elif item == TIE_BREAK_BONUS:
            key.append(-score.bonus)
        elif item == TIE_BREAK_PENALTY:
            key.append(score.penalty)
    return tuple(key)


def rank_units(
    scale: Scale,
    units: Iterable[UnitInput],
    *,
    bands: Sequence[Band],
    tie_break: Sequence[str],
) -> list[RankedRow]:
    scores = [score_unit(scale, unit) for unit in units]
    return rank_scores(scores, bands=bands, tie_break=tie_break)


def rank_scores(
    scores: Iterable[UnitScore], *, bands: Sequence[Band], tie_break: Sequence[str]
) -> list[RankedRow]:
    keyed = sorted(
        ((tie_break_key(s, tie_break), s) for s in scores),
        key=lambda pair: (pair[0], pair[1].sort_key, pair[1].name, pair[1].unit_id),
    )
    counts: dict[tuple[Decimal, ...], int] = {}
    for key, _score in keyed:
        counts[key] = counts.get(key, 0) + 1
    rows: list[RankedRow] = []
    rank = 0
    previous: tuple[Decimal, ...] | None = None
    for position, (key, score) in enumerate(keyed, start=1):
        if key != previous:
            rank = position
            previous = key
        rows.append(
            RankedRow(
                score=score,
                rank=rank,
                position=position,
                classification=classify(score.total, bands),
                tied=counts[key] > 1,
            )
        )
    return rows


# ----------------------------------------------------------------- criterion points


def compute_points(
    *,
    method: str,
    max_points: Decimal,
    measure: Decimal | None,
    target: Decimal | None = None,
    tiers: Sequence[Sequence[Any]] = (),
) -> Decimal | None:
    """Points of a computed criterion (proportional to a target, or by tiers) from the measure."""
    if measure is None:
        return None
    if method == ScoringMethod.PROPORTIONAL:
        if not target or target <= 0:
            return None
        return quantize(clamp(max_points * measure / target, ZERO, max_points))
    if method == ScoringMethod.TIERS:
        best = ZERO
        for threshold, points in sorted(
            ((Decimal(str(t)), Decimal(str(p))) for t, p in tiers), reverse=True
        ):
            if measure >= threshold:
                best = points
                break
        return quantize(clamp(best, ZERO, max_points))
    return None


# ----------------------------------------------------------------- cross-scoring


def median(values: Sequence[Decimal]) -> Decimal:
    ordered = sorted(values)
    n = len(ordered)
    if n == 0:
        raise ValueError("median of nothing")
    middle = n // 2
    if n % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def aggregate(values: Iterable[Decimal | None], method: str = Aggregation.MEAN) -> Decimal | None:
    """Mean (default) or median of the scores given; abstentions (None) are left out."""
    given = [v for v in values if v is not None]
    if not given:
        return None
    if method == Aggregation.MEDIAN:
        return quantize(median(given))
    return quantize(sum(given, ZERO) / len(given))


def outliers(
    values: Mapping[K, Decimal | None], *, mad_k: Decimal | None, gap: Decimal | None
) -> dict[K, Decimal]:
    """The scores far from the others: key -> signed deviation from the median."""
    given = {key: v for key, v in values.items() if v is not None}
    if len(given) < 2:
        return {}
    mid = median(list(given.values()))
    deviations = {key: v - mid for key, v in given.items()}
    mad = median([abs(d) for d in deviations.values()])
    flagged: dict[K, Decimal] = {}
    for key, deviation in deviations.items():
        distance = abs(deviation)
        too_far = gap is not None and distance > gap
        unusual = mad_k is not None and mad > 0 and distance > mad_k * mad
        if too_far or unusual:
            flagged[key] = quantize(deviation)
    return flagged
