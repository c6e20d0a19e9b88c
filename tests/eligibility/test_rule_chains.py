"""CSTĐ tỉnh, CSTĐTQ, BK tỉnh (d) and BK TTg (b): chains, gaps, windows, routes."""

from __future__ import annotations

import pytest

from tests.eligibility.helpers import D, run, texts
from thidua.eligibility.engine import (
    AwardFact,
    Batch,
    DisciplineFact,
    InitiativeFact,
    PersonFacts,
)

ART22 = "(Điều 22 Luật TĐKT 2022)"
ART21 = "(Điều 21 Luật TĐKT 2022)"
ART74 = "(điểm d khoản 1 Điều 74 Luật TĐKT 2022)"
ART73 = "(điểm b khoản 1 Điều 73 Luật TĐKT 2022)"
PROV = InitiativeFact("SK-T", 2023, 3)
NAT = InitiativeFact("SK-Q", 2025, 4)


def titles(code: str, *years: int) -> tuple[AwardFact, ...]:
    return tuple(AwardFact(code, y, D(y + 1, 3, 1), f"{y}/QĐ") for y in years)


def person(*awards, history_from=2015, **kw) -> PersonFacts:
    return PersonFacts("P1", "A", unit_id=1, history_from=history_from, awards=awards, **kw)


@pytest.mark.parametrize(
    ("facts", "verdict", "expected"),
    [
        pytest.param(
            person(*titles("CSTDCS", 2021, 2022, 2023), initiatives=(PROV,)),
            "eligible",
            [
                f"Đủ 3 lần liên tục đạt Chiến sĩ thi đua cơ sở {ART22}: 2021, 2022, 2023",
                f"Có sáng kiến phạm vi cấp bộ, ban, ngành, tỉnh chưa dùng: SK-T {ART22}",
            ],
            id="3-consecutive",
        ),
        pytest.param(
            person(*titles("CSTDCS", 2021, 2023), initiatives=(PROV,)),
            "not_eligible",
            [
                f"Chưa đủ 3 lần liên tục đạt Chiến sĩ thi đua cơ sở {ART22}: 2021, 2023 đạt; "
                "2022 không đạt"
            ],
            id="gap-year-breaks-chain",
        ),
        pytest.param(
            person(*titles("CSTDCS", 2022, 2023), initiatives=(PROV,)),
            "not_eligible",
            [
                f"Chưa đủ 3 lần liên tục đạt Chiến sĩ thi đua cơ sở {ART22}: 2022, 2023 đạt; "
                "2021 không đạt"
            ],
            id="2-is-short",
        ),
        pytest.param(
            person(*titles("CSTDCS", 2022, 2023), history_from=2022, initiatives=(PROV,)),
            "needs_review",
            [
                f"Chưa xác định được 3 lần liên tục đạt Chiến sĩ thi đua cơ sở {ART22}: "
                "2022, 2023 đạt; 2021 không có dữ liệu"
            ],
            id="before-history-from-is-review",
        ),
        pytest.param(
            person(
                *titles("CSTDCS", 2021, 2022, 2023),
                initiatives=(PROV,),
                disciplines=(DisciplineFact(1, D(2021, 6, 1), D(2021, 12, 31)),),
            ),
            "not_eligible",
            [
                f"Chưa đủ 3 lần liên tục đạt Chiến sĩ thi đua cơ sở {ART22}: 2022, 2023 đạt; "
                "2021 không đạt"
            ],
            id="discipline-inside-chain-resets",
        ),
        pytest.param(
            person(
                *titles("CSTDCS", 2021, 2022, 2023), initiatives=(InitiativeFact("S", 2023, 2),)
            ),
            "not_eligible",
            [
                "Không có đủ 1 sáng kiến phạm vi cấp bộ, ban, ngành, tỉnh trở lên được công "
                f"nhận {ART22}"
            ],
            id="commune-initiative-is-not-provincial",
        ),
    ],
)
def test_cstd_tinh(facts, verdict, expected):
    result = run(Batch(people={"P1": facts}), ("P1", "CSTD_TINH", 2023))[0]
    assert result.verdict == verdict
    for line in expected:
        assert line in texts(result)


def test_cstd_tinh_third_year_in_same_batch():
    facts = person(*titles("CSTDCS", 2023, 2024), initiatives=(PROV,))
    result = run(Batch(people={"P1": facts}), ("P1", "CSTDCS", 2025), ("P1", "CSTD_TINH", 2025))[1]
    assert (
        f"Đủ 3 lần liên tục đạt Chiến sĩ thi đua cơ sở {ART22}: 2023, 2024, 2025 (năm cuối dự "
        "kiến, cùng đợt; chuỗi kết thúc ở năm thành tích theo thực tiễn)"
    ) in texts(result)


R = "— [R] chưa xác nhận, cần kiểm tra"


@pytest.mark.parametrize(
    ("year", "awards", "verdict", "expected"),
    [
        pytest.param(
            2025,
            titles("CSTD_TINH", 2021, 2024),
            "eligible",
            [
                f"Đủ 2 lần liên tục đạt Chiến sĩ thi đua cấp tỉnh {ART21}: 2021, 2024",
                f"Đề nghị năm 2025, liền sau lần đạt cuối (2024) {ART21} {R}",
            ],
            id="year-right-after",
        ),
        pytest.param(
            2026,
            titles("CSTD_TINH", 2021, 2024),
            "not_eligible",
            [
                "Đề nghị năm 2026, quá 1 năm sau lần đạt Chiến sĩ thi đua cấp tỉnh cuối (2024) "
                f"{ART21} {R}"
            ],
            id="two-years-after",
        ),
        pytest.param(
            2025,
            titles("CSTD_TINH", 2020, 2024),
            "not_eligible",
            [
                f"Chưa đủ 2 lần liên tục đạt Chiến sĩ thi đua cấp tỉnh {ART21}: cần 2021, 2024; "
                "đã đạt 2020, 2024"
            ],
            id="not-consecutive",
        ),
    ],
)
def test_cstdtq(year, awards, verdict, expected):
    facts = person(*awards, initiatives=(NAT,))
    result = run(Batch(people={"P1": facts}), ("P1", "CSTDTQ", year))[0]
    assert result.verdict == verdict
    for line in expected:
        assert line in texts(result)


SK = (InitiativeFact("SK-1", 2024, 1), InitiativeFact("SK-2", 2025, 1))


@pytest.mark.parametrize(
    ("facts", "verdict", "expected"),
    [
        pytest.param(
            person(*titles("CSTDCS", 2024, 2025)),
            "eligible",
            [f"Đủ 2 lần liên tục đạt Chiến sĩ thi đua cơ sở {ART74}: 2024, 2025"],
            id="route-d",
        ),
        pytest.param(
            person(*titles("CSTDCS", 2025), ratings={2024: 4, 2025: 4}, initiatives=SK),
            "eligible",
            [
                "Cách khác: 2024, 2025 đạt Hoàn thành xuất sắc nhiệm vụ và có sáng kiến "
                f"SK-1, SK-2 {ART74}",
                f"Chưa đủ 2 lần liên tục đạt Chiến sĩ thi đua cơ sở {ART74}: 2025 đạt; "
                "2024 không đạt",
            ],
            id="alternative-route",
        ),
        pytest.param(
            person(
                *titles("CSTDCS", 2025),
                ratings={2024: 4, 2025: 4},
                initiatives=(SK[0], InitiativeFact("SK-2", 2025, 1, used_for="CSTDCS 2025")),
            ),
            "not_eligible",
            [
                "Không còn đủ 2 sáng kiến phạm vi cơ sở chưa dùng; đã dùng: SK-2 (CSTDCS 2025) "
                + ART74
            ],
            id="initiative-used-for-cstdcs",
        ),
        pytest.param(
            person(*titles("CSTDCS", 2025), ratings={2024: 3, 2025: 4}, initiatives=SK),
            "not_eligible",
            [f"Cách khác: các năm 2024 chưa đạt Hoàn thành xuất sắc nhiệm vụ {ART74}"],
            id="alternative-rating-low",
        ),
    ],
)
def test_bk_tinh(facts, verdict, expected):
    result = run(Batch(people={"P1": facts}), ("P1", "BK_TINH", 2025))[0]
    assert result.verdict == verdict
    for line in expected:
        assert line in texts(result)


FIVE = {2021: 3, 2022: 4, 2023: 3, 2024: 4, 2025: 3}


@pytest.mark.parametrize(
    ("facts", "verdict", "expected"),
    [
        pytest.param(
            person(*titles("BK_TINH", 2023), *titles("CSTDCS", 2022, 2024, 2025), ratings=FIVE),
            "eligible",
            [
                f"Đã được tặng Bằng khen cấp bộ, ban, ngành, tỉnh trước ngày nhận hồ sơ {ART73}",
                f"5 năm liên tục đạt Hoàn thành tốt nhiệm vụ trở lên {ART73}",
                f"3 lần Chiến sĩ thi đua cơ sở trong thời gian xét (2022, 2024, 2025) {ART73}",
            ],
            id="route-b",
        ),
        pytest.param(
            person(
                *titles("BK_TINH", 2023),
                *titles("CSTDCS", 2022, 2024, 2025),
                ratings={**FIVE, 2023: 2},
            ),
            "not_eligible",
            [
                "Chưa đủ 5 năm liên tục đạt Hoàn thành tốt nhiệm vụ trở lên: năm 2023 thấp hơn "
                + ART73
            ],
            id="one-year-HT",
        ),
        pytest.param(
            person(*titles("BK_TINH", 2023), *titles("CSTDCS", 2024, 2025), ratings=FIVE),
            "not_eligible",
            ["Chỉ 2 lần Chiến sĩ thi đua cơ sở trong thời gian xét (2024, 2025), cần 3 " + ART73],
            id="two-CSTDCS",
        ),
        pytest.param(
            person(*titles("CSTDCS", 2022, 2024, 2025), ratings=FIVE),
            "not_eligible",
            [f"Chưa được tặng Bằng khen cấp bộ, ban, ngành, tỉnh trước ngày nhận hồ sơ {ART73}"],
            id="no-prior-BK-tinh",
        ),
    ],
)
def test_bk_ttg(facts, verdict, expected):
    result = run(Batch(people={"P1": facts}), ("P1", "BK_TTG", 2025))[0]
    assert result.verdict == verdict
    for line in expected:
        assert line in texts(result)
