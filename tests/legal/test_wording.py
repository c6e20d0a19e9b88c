"""Values in words, never raw."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from thidua.legal.wording import in_words, number

pytestmark = [pytest.mark.unit]


@pytest.mark.parametrize(
    ("code", "value_type", "operator", "value", "words"),
    [
        ("ttldxs_min_ratio_ldtt", "ratio", "gte", Fraction(7, 10), "≥ 70 %"),
        ("ttldtt_min_ratio_ldtt", "ratio", "gt", Fraction(1, 2), "trên 1/2"),
        ("ttldxs_min_ratio_completed", "ratio", "gte", Fraction(1, 1), "≥ 100 %"),
        ("cstdcs_max_ratio_of_ldtt", "ratio", "lte", Fraction(15, 100), "≤ 15 %"),
        ("ctd_tinh_requires_cluster_lead", "bool", None, True, "Có"),
        ("dissolved_unit_excluded", "bool", None, False, "Không"),
        ("cstd_tinh_consecutive_cstdcs", "years", "gte", 3, "3 năm liên tục"),
        ("cstdtq_max_years_after_chain", "years", "lte", 1, "≤ 1 năm"),
        ("ldtt_min_rating", "rating", "gte", "HTT", "Hoàn thành tốt nhiệm vụ trở lên"),
        (
            "ttldtt_disqualifying_discipline",
            "discipline",
            "gte",
            "canh_cao",
            "kỷ luật Cảnh cáo trở lên",
        ),
        (
            "cstd_tinh_initiative_min_scope",
            "scope",
            "gte",
            "province",
            "phạm vi cấp bộ, ban, ngành, tỉnh trở lên",
        ),
        ("bk_ttg_prior_award", "award", None, "BK_TINH", "Bằng khen cấp bộ, ban, ngành, tỉnh"),
        ("reward_multiple", "multiple", None, Decimal("4.5"), "4,5 lần lương cơ sở"),
        ("reward_rounding_vnd", "money", None, 10000, "10.000 đồng"),
        ("public_disclosure_days_hero", "days", "gte", 10, "≥ 10 ngày làm việc"),
        ("ldtt_min_months_employed", "months", "gte", 10, "≥ 10 tháng"),
        ("bk_tinh_alt_initiatives", "count", "gte", 2, "≥ 2 sáng kiến"),
        ("max_total", "number", None, Decimal(100), "100 điểm"),
        ("cross_aggregation", "enum", None, "mean", "Trung bình cộng"),
        ("bands", "structure", None, [{"label": "Tốt", "min": "80"}], "Tốt từ 80 điểm"),
        ("tie_break", "structure", None, ["group:I", "penalty"], "điểm nhóm I; ít điểm trừ hơn"),
    ],
)
def test_values_in_words(
    code: str, value_type: str, operator: str | None, value: object, words: str
) -> None:
    assert in_words(code, value_type, operator, value) == words


def test_numbers_in_vietnamese() -> None:
    assert [number(Decimal("4.5")), number(2340000), number(Decimal("0.3"))] == [
        "4,5",
        "2.340.000",
        "0,3",
    ]
