"""LĐTT and CSTĐCS: both sides of each threshold, asserting the reasons in words."""

from __future__ import annotations

import pytest

from tests.eligibility.helpers import D, national, run, texts
from thidua.eligibility.engine import (
    AwardFact,
    Batch,
    DisciplineFact,
    InitiativeFact,
    P,
    PersonFacts,
)

ART24 = "(điểm a khoản 1 Điều 24 Luật TĐKT 2022)"
ART23 = "(Điều 23 Luật TĐKT 2022)"


def person(**kw) -> PersonFacts:
    kw.setdefault("ratings", {2025: 3})
    return PersonFacts("P1", "Nguyễn Văn A", unit_id=1, history_from=2015, **kw)


@pytest.mark.parametrize(
    ("facts", "params", "verdict", "expected"),
    [
        pytest.param(
            person(),
            national(),
            "eligible",
            f"Năm 2025 xếp loại Hoàn thành tốt nhiệm vụ, đạt mức Hoàn thành tốt nhiệm vụ trở lên {ART24}",
            id="HTT-passes",
        ),
        pytest.param(
            person(ratings={2025: 2}),
            national(),
            "not_eligible",
            f"Năm 2025 xếp loại Hoàn thành nhiệm vụ, chưa đạt mức Hoàn thành tốt nhiệm vụ trở lên {ART24}",
            id="HT-fails",
        ),
        pytest.param(
            person(ratings={}),
            national(),
            "not_eligible",
            f"Chưa có xếp loại năm 2025 {ART24}",
            id="no-rating",
        ),
        pytest.param(
            PersonFacts("P1", "A", unit_id=1, history_from=2026),
            national(),
            "needs_review",
            f"Năm 2025: không có dữ liệu (trước năm bắt đầu có hồ sơ đầy đủ) {ART24}",
            id="before-history-from-is-unknown",
        ),
        pytest.param(
            person(),
            national(),
            "eligible",
            "Không áp dụng: UBND tỉnh Mẫu chưa quy định “LĐTT: số tháng công tác tối thiểu trong năm”",
            id="months-authority-only-absent-skips",
        ),
        pytest.param(
            person(months={2025: 9}),
            national("luat-2003-nd91-2017"),
            "not_eligible",
            "Chỉ công tác 9 tháng trong năm, cần từ 10 tháng (Điều 10 NĐ 91/2017) — [S-old] theo quy định cũ",
            id="old-set-9-months-fails",
        ),
        pytest.param(
            person(months={2025: 10}),
            national("luat-2003-nd91-2017"),
            "eligible",
            "Công tác 10 tháng trong năm (cần từ 10 tháng) (Điều 10 NĐ 91/2017) — [S-old] theo quy định cũ",
            id="old-set-10-months-passes",
        ),
        pytest.param(
            person(disciplines=(DisciplineFact(1, D(2025, 3, 1), D(2025, 9, 1)),)),
            national("luat-2003-nd91-2017"),
            "not_eligible",
            "Bị kỷ luật khiển trách trong năm 2025 (NĐ 91/2017) — [R] chưa xác nhận, cần kiểm tra",
            id="old-set-reprimand-bars",
        ),
    ],
)
def test_ldtt(facts, params, verdict, expected):
    result = run(Batch(people={"P1": facts}), ("P1", "LDTT", 2025), params=params)[0]
    assert result.verdict == verdict
    assert expected in texts(result)


def _cstdcs(**kw):
    kw.setdefault("awards", (AwardFact("LDTT", 2025, decision="12/QĐ"),))
    return person(**kw)


INIT = InitiativeFact("SK-1", 2025, 1)


@pytest.mark.parametrize(
    ("facts", "rows", "verdict", "expected"),
    [
        pytest.param(
            _cstdcs(ratings={2025: 4}),
            [("P1", "CSTDCS", 2025)],
            "eligible",
            [
                f"Đã đạt Lao động tiên tiến năm 2025 {ART23}",
                f"Năm 2025 xếp loại Hoàn thành xuất sắc nhiệm vụ, đạt mức Hoàn thành xuất sắc nhiệm vụ trở lên {ART23}",
            ],
            id="HTXS-route",
        ),
        pytest.param(
            _cstdcs(initiatives=(INIT,)),
            [("P1", "CSTDCS", 2025)],
            "eligible",
            [f"Có sáng kiến phạm vi cơ sở chưa dùng: SK-1 {ART23}"],
            id="initiative-route-when-HTT",
        ),
        pytest.param(
            _cstdcs(initiatives=(InitiativeFact("SK-1", 2024, 1, used_for="CSTDCS 2024"),)),
            [("P1", "CSTDCS", 2025)],
            "not_eligible",
            [
                "Không còn đủ 1 sáng kiến phạm vi cơ sở chưa dùng; đã dùng: SK-1 (CSTDCS 2024) "
                + ART23
            ],
            id="initiative-already-used",
        ),
        pytest.param(
            person(ratings={2025: 4}),
            [("P1", "CSTDCS", 2025)],
            "not_eligible",
            [f"Chưa đạt Lao động tiên tiến năm 2025 {ART23}"],
            id="no-LDTT",
        ),
        pytest.param(
            person(ratings={2025: 4}),
            [("P1", "LDTT", 2025), ("P1", "CSTDCS", 2025)],
            "eligible",
            [f"Lao động tiên tiến năm 2025: dự kiến, cùng đợt {ART23}"],
            id="LDTT-in-same-batch",
        ),
    ],
)
def test_cstdcs(facts, rows, verdict, expected):
    result = run(Batch(people={"P1": facts}), *rows)[-1]
    assert result.verdict == verdict
    for line in expected:
        assert line in texts(result)


def test_reuse_allowed_only_when_the_set_says_so():
    used = InitiativeFact("SK-1", 2024, 1, used_for="CSTDCS 2024")
    facts = _cstdcs(initiatives=(used,))
    again = P("initiative_single_use", False, None, "Điều 9 QĐ mẫu", "R")
    result = run(
        Batch(people={"P1": facts}),
        ("P1", "CSTDCS", 2025),
        params=national(initiative_single_use=again),
    )[0]
    assert result.verdict == "eligible"
    assert (
        "Có sáng kiến phạm vi cơ sở (bộ quy định cho phép dùng lại sáng kiến đã dùng): SK-1 "
        + ART23
    ) in texts(result)


def test_initiative_is_used_once_per_batch():
    facts = _cstdcs(initiatives=(INIT,))
    other = PersonFacts(
        "P2",
        "B",
        unit_id=1,
        ratings={2025: 3},
        awards=(AwardFact("LDTT", 2025),),
        initiatives=(INIT,),
    )
    first, second = run(
        Batch(people={"P1": facts, "P2": other}), ("P1", "CSTDCS", 2025), ("P2", "CSTDCS", 2025)
    )
    assert first.verdict == "eligible"
    assert second.verdict == "not_eligible"
    assert f"Không có đủ 1 sáng kiến phạm vi cơ sở trở lên được công nhận {ART23}" in texts(second)
