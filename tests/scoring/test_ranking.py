"""The arithmetic of scoring: caps, totals, tie-breaks, classification, cross-scoring
aggregation and outliers — with property-based tests (hypothesis)."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.scoring import ranking
from thidua.scoring.enums import Aggregation, ScoringMethod, Section

pytestmark = [pytest.mark.unit]

D = Decimal
SCALE = ranking.Scale(
    groups=(
        ranking.GroupSpec(1, "I", "Nhóm I", Section.NORMAL, D(60)),
        ranking.GroupSpec(2, "II", "Nhóm II", Section.NORMAL, D(25)),
        ranking.GroupSpec(3, "III", "Nhóm III", Section.NORMAL, D(15)),
        ranking.GroupSpec(4, "TH", "Điểm thưởng", Section.BONUS, None),
        ranking.GroupSpec(5, "TR", "Điểm trừ", Section.PENALTY, None),
        ranking.GroupSpec(6, "I.A", "Nhóm con I.A", Section.NORMAL, D(20), parent_id=1),
    ),
    criteria=(
        ranking.CriterionSpec(11, "I.1", 1, D(40)),
        ranking.CriterionSpec(12, "I.A.1", 6, D(15)),
        ranking.CriterionSpec(13, "I.A.2", 6, D(15)),
        ranking.CriterionSpec(21, "II.1", 2, D(25)),
        ranking.CriterionSpec(31, "III.1", 3, D(15)),
        ranking.CriterionSpec(41, "TH.1", 4, D(8)),
        ranking.CriterionSpec(42, "TH.2", 4, D(8)),
        ranking.CriterionSpec(51, "TR.1", 5, D(10)),
    ),
    max_total=D(100),
    bonus_cap=D(10),
    penalty_cap=D(8),
)
BANDS = [
    ranking.Band("Xuất sắc", D(90)),
    ranking.Band("Tốt", D(80)),
    ranking.Band("Khá", D(70)),
    ranking.Band("Trung bình", D(0)),
]
TIE_BREAK = ["group:I", "group:II", "group:III", "penalty", "bonus"]
CRITERION_IDS = [c.id for c in SCALE.criteria]
MAX = {c.id: c.max_points for c in SCALE.criteria}


def unit(unit_id: int, values: dict[int, Decimal | None], name: str = "") -> ranking.UnitInput:
    label = name or f"Đơn vị {unit_id}"
    return ranking.UnitInput(unit_id, label, label, values)


def test_total_is_criteria_plus_capped_bonus_minus_penalty() -> None:
    score = ranking.score_unit(
        SCALE,
        unit(
            1,
            {
                11: D(38),
                12: D("14.5"),
                13: D(5),
                21: D(20),
                31: D(15),
                41: D(8),
                42: D(8),
                51: D(2),
            },
        ),
    )
    assert score.group_scores == {
        "I": D("57.50"),
        "II": D("20.00"),
        "III": D("15.00"),
        "TH": D("16.00"),
        "TR": D("2.00"),
    }
    assert (score.criteria_total, score.bonus, score.penalty) == (D("92.50"), D("10.00"), D("2.00"))
    assert score.total == D("100.50")


def test_a_criterion_above_its_maximum_counts_only_its_maximum() -> None:
    score = ranking.score_unit(SCALE, unit(1, {11: D(55), 21: D(-3)}))
    assert score.group_scores["I"] == D(40)
    assert score.group_scores["II"] == D(0)


def test_a_subgroup_is_capped_at_its_own_maximum() -> None:
    score = ranking.score_unit(SCALE, unit(1, {12: D(15), 13: D(15)}))
    assert score.group_scores["I"] == D(20)  # I.A capped at 20 although 15 + 15


def test_penalty_is_capped_and_the_total_never_goes_below_zero() -> None:
    score = ranking.score_unit(SCALE, unit(1, {51: D(10)}))
    assert (score.penalty, score.total) == (D(8), D(0))


def test_ties_break_on_group_one_first_then_the_configured_order() -> None:
    # Same total 80: A has more in group I, B more in group II.
    a = unit(1, {11: D(40), 21: D(10), 31: D(15), 12: D(15)}, "A")
    b = unit(2, {11: D(35), 21: D(15), 31: D(15), 12: D(15)}, "B")
    rows = ranking.rank_units(SCALE, [b, a], bands=BANDS, tie_break=TIE_BREAK)
    assert [(r.score.name, r.rank, r.score.total) for r in rows] == [
        ("A", 1, D(80)),
        ("B", 2, D(80)),
    ]
    reversed_order = ranking.rank_units(SCALE, [a, b], bands=BANDS, tie_break=["group:II"])
    assert [r.score.name for r in reversed_order] == ["B", "A"]


def test_fewer_penalty_points_win_when_groups_are_equal() -> None:
    a = unit(1, {11: D(40), 41: D(2)}, "A")  # 40 + 2 bonus = 42
    b = unit(2, {11: D(40), 41: D(5), 51: D(3)}, "B")  # 40 + 5 − 3 = 42
    rows = ranking.rank_units(SCALE, [a, b], bands=BANDS, tie_break=["group:I", "penalty"])
    assert [r.score.name for r in rows] == ["A", "B"]
    assert [r.rank for r in rows] == [1, 2]


def test_units_equal_on_every_key_share_the_rank_and_are_listed_alphabetically() -> None:
    same = {11: D(40), 21: D(20)}
    rows = ranking.rank_units(
        SCALE,
        [unit(3, same, "Sở Tư pháp"), unit(2, same, "Ban Dân tộc"), unit(1, {11: D(1)}, "Z")],
        bands=BANDS,
        tie_break=TIE_BREAK,
    )
    assert [(r.score.name, r.rank, r.tied) for r in rows] == [
        ("Ban Dân tộc", 1, True),
        ("Sở Tư pháp", 1, True),
        ("Z", 3, False),
    ]


def test_classification_uses_the_bands() -> None:
    assert [ranking.classify(D(x), BANDS) for x in ("95", "90", "89.99", "70", "10")] == [
        "Xuất sắc",
        "Xuất sắc",
        "Tốt",
        "Khá",
        "Trung bình",
    ]
    assert ranking.classify(D(50), [ranking.Band("Xuất sắc", D(90))]) == ""


def test_proportional_and_tier_points_come_from_the_measure() -> None:
    proportional = {"method": ScoringMethod.PROPORTIONAL, "max_points": D(20), "target": D(100)}
    assert ranking.compute_points(**proportional, measure=D("97.2")) == D("19.44")
    assert ranking.compute_points(**proportional, measure=D(130)) == D(20)
    tiers = [["100", "10"], ["98", "8"], ["95", "6"]]
    tiered = {"method": ScoringMethod.TIERS, "max_points": D(10), "tiers": tiers}
    assert [ranking.compute_points(**tiered, measure=D(m)) for m in (100, 98.5, 95, 94)] == [
        D(10),
        D(8),
        D(6),
        D(0),
    ]
    assert ranking.compute_points(**tiered, measure=None) is None


def test_mean_and_median_of_cross_scores_leave_abstentions_out() -> None:
    values = [D(8), None, D(10), D(9), None]
    assert ranking.aggregate(values) == D(9)
    assert ranking.aggregate([D(8), D(10), D(3), D(9)], Aggregation.MEDIAN) == D("8.50")
    assert ranking.aggregate([None, None]) is None


def test_outliers_are_far_from_the_median() -> None:
    values = {"A": D(9), "B": D(9), "C": D("8.5"), "D": D(2), "E": None}
    assert ranking.outliers(values, mad_k=D(3), gap=D(3)) == {"D": D("-6.75")}  # median 8.75
    # With a big gap only the MAD rule speaks: MAD = 0.5, so 3 × 0.5 = 1.5 points.
    assert ranking.outliers(
        {"A": D(9), "B": D(9), "C": D(8), "D": D(11)}, mad_k=D(3), gap=None
    ) == {"D": D(2)}
    assert ranking.outliers({"A": D(9)}, mad_k=D(3), gap=D(1)) == {}


# ----------------------------------------------------------------- properties

points = st.decimals(min_value=-5, max_value=60, places=2, allow_nan=False, allow_infinity=False)
values_st = st.dictionaries(st.sampled_from(CRITERION_IDS), st.one_of(st.none(), points))
units_st = st.lists(values_st, min_size=1, max_size=8)


def _units(all_values: list[dict[int, Decimal | None]]) -> list[ranking.UnitInput]:
    return [unit(i, v, f"Đơn vị {i:02d}") for i, v in enumerate(all_values, start=1)]


def _summary(rows: list[ranking.RankedRow]) -> list[tuple[int, int, Decimal, str]]:
    return [(r.score.unit_id, r.rank, r.score.total, r.classification) for r in rows]


@settings(max_examples=150, deadline=None)
@given(all_values=units_st, data=st.data())
def test_reordering_the_units_never_changes_the_result(
    all_values: list[dict[int, Decimal | None]], data: st.DataObject
) -> None:
    units = _units(all_values)
    shuffled = data.draw(st.permutations(units))
    first = ranking.rank_units(SCALE, units, bands=BANDS, tie_break=TIE_BREAK)
    second = ranking.rank_units(SCALE, shuffled, bands=BANDS, tie_break=TIE_BREAK)
    assert _summary(first) == _summary(second)


@settings(max_examples=150, deadline=None)
@given(values=values_st)
def test_caps_always_hold(values: dict[int, Decimal | None]) -> None:
    score = ranking.score_unit(SCALE, unit(1, values))
    assert D(0) <= score.criteria_total <= SCALE.max_total
    assert D(0) <= score.bonus <= SCALE.bonus_cap
    assert D(0) <= score.penalty <= SCALE.penalty_cap  # type: ignore[operator]
    assert D(0) <= score.total <= SCALE.max_total + SCALE.bonus_cap
    for group in SCALE.top_groups:
        if group.max_points is not None:
            assert D(0) <= score.group_scores[group.code] <= group.max_points


@settings(max_examples=150, deadline=None)
@given(all_values=units_st)
def test_ranks_follow_the_documented_tie_break(
    all_values: list[dict[int, Decimal | None]],
) -> None:
    rows = ranking.rank_units(SCALE, _units(all_values), bands=BANDS, tie_break=TIE_BREAK)
    for better, worse in itertools.pairwise(rows):
        key_a = ranking.tie_break_key(better.score, TIE_BREAK)
        key_b = ranking.tie_break_key(worse.score, TIE_BREAK)
        assert key_a <= key_b
        if key_a == key_b:
            assert worse.rank == better.rank
            assert (better.score.sort_key, better.score.unit_id) < (
                worse.score.sort_key,
                worse.score.unit_id,
            )
        else:
            assert worse.rank == worse.position


@settings(max_examples=200, deadline=None)
@given(
    given_scores=st.lists(
        st.decimals(min_value=0, max_value=20, places=2, allow_nan=False), min_size=1, max_size=11
    ),
    abstentions=st.integers(min_value=1, max_value=5),
    method=st.sampled_from([Aggregation.MEAN, Aggregation.MEDIAN]),
)
def test_an_abstention_never_lowers_a_units_mean(
    given_scores: list[Decimal], abstentions: int, method: str
) -> None:
    with_abstentions: list[Decimal | None] = [*given_scores, *([None] * abstentions)]
    assert ranking.aggregate(with_abstentions, method) == ranking.aggregate(given_scores, method)
    counted_as_zero = ranking.aggregate([*given_scores, *([D(0)] * abstentions)], method)
    assert ranking.aggregate(with_abstentions, method) >= counted_as_zero  # type: ignore[operator]
