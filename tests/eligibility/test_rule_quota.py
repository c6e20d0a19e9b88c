"""Batch quotas: at exactly the cap, one over, and absent in the national set."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tests.eligibility.helpers import national, run, texts
from thidua.eligibility.engine import AwardFact, Batch, P, PersonFacts, UnitFacts

OLD = "(khoản 3 Điều 9 NĐ 91/2017) — [S-old] theo quy định cũ"


def people(n: int) -> dict[str, PersonFacts]:
    return {
        f"P{i}": PersonFacts(
            f"P{i}", "A", unit_id=1, ratings={2023: 4}, awards=(AwardFact("LDTT", 2023),)
        )
        for i in range(n)
    }


@pytest.mark.parametrize(
    ("rows", "rule_set", "verdict", "expected"),
    [
        pytest.param(
            3,
            "luat-2003-nd91-2017",
            "eligible",
            f"3 CSTĐCS / 20 LĐTT = 15 %, trong giới hạn 15 % {OLD}",
            id="exactly-at-cap",
        ),
        pytest.param(
            4,
            "luat-2003-nd91-2017",
            "needs_review",
            f"4 CSTĐCS / 20 LĐTT = 20 %, vượt 15 %: Hội đồng chọn {OLD}",
            id="one-over",
        ),
        pytest.param(
            4,
            "luat-2022-nd98-2023",
            "eligible",
            "Không áp dụng: UBND tỉnh Mẫu chưa quy định “CSTĐCS: tỷ lệ tối đa so với số LĐTT của "
            "đơn vị”",
            id="no-national-cap",
        ),
    ],
)
def test_cstdcs_quota(rows, rule_set, verdict, expected):
    batch = Batch(people=people(rows), ldtt_counts={(1, 2023): 20})
    results = run(
        batch, *[(f"P{i}", "CSTDCS", 2023) for i in range(rows)], params=national(rule_set)
    )
    assert {r.verdict for r in results} == {verdict}
    assert all(expected in texts(r) for r in results), texts(results[0])


def _flags(n: int) -> dict[str, UnitFacts]:
    return {
        f"U{i}": UnitFacts(
            f"U{i}", "Đơn vị", i, lead_years={2025: frozenset({"CTD_TINH"})}, clusters={2025: "C7"}
        )
        for i in range(n)
    }


@pytest.mark.parametrize(
    ("units", "verdict", "expected"),
    [
        pytest.param(1, "eligible", "1 đơn vị đề nghị Cờ trong cụm, không quá 1", id="one-flag"),
        pytest.param(
            2, "needs_review", "2 đơn vị đề nghị Cờ trong cụm, quá 1: Hội đồng chọn", id="two-flags"
        ),
    ],
)
def test_flags_per_cluster(units, verdict, expected):
    results = run(Batch(units=_flags(units)), *[(f"U{i}", "CTD_TINH", 2025) for i in range(units)])
    assert {r.verdict for r in results} == {verdict}
    assert any(line.startswith(expected) for line in texts(results[0])), texts(results[0])


@pytest.mark.parametrize(
    ("proposals", "verdict", "expected"),
    [
        pytest.param(
            2,
            "eligible",
            "2 Cờ Chính phủ / 10 đơn vị dẫn đầu = 20 %, trong giới hạn 20 %",
            id="at-cap",
        ),
        pytest.param(
            3,
            "needs_review",
            "3 Cờ Chính phủ / 10 đơn vị dẫn đầu = 30 %, vượt 20 %: Hội đồng chọn",
            id="over",
        ),
    ],
)
def test_government_flag_quota(proposals, verdict, expected):
    local = P("ctdcp_max_ratio_of_cluster_leaders", Fraction(1, 5), "lte", "CV 5007/2023", "S-old")
    results = run(
        Batch(units=_flags(proposals), leaders={2025: 10}),
        *[(f"U{i}", "CTD_CP", 2025) for i in range(proposals)],
        params=national(ctdcp_max_ratio_of_cluster_leaders=local),
    )
    assert {r.verdict for r in results} == {verdict}
    assert any(line.startswith(expected) for line in texts(results[0])), texts(results[0])
