"""Collective titles, flags, the common rules and the batch quotas, in words."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tests.eligibility.helpers import D, national, run, texts
from thidua.eligibility.engine import (
    AwardFact,
    Batch,
    CollectiveFact,
    DisciplineFact,
    P,
    PersonFacts,
    UnitFacts,
)

ART27 = "(Điều 27 Luật TĐKT 2022)"
ART28_3 = "(khoản 3 Điều 28 Luật TĐKT 2022)"
LOCAL70 = P("ttldtt_min_ratio_ldtt", Fraction(7, 10), "gte", "Điều 4 QĐ 86/2025", "S-mirror")
LOCAL70_GT = P("ttldtt_min_ratio_ldtt", Fraction(7, 10), "gt", "Điều 4 QĐ 86/2025", "S-mirror")


def unit(year: CollectiveFact | None = None, **kw) -> UnitFacts:
    years = {2025: year} if year else {}
    return UnitFacts("U1", "Trường THPT Mẫu", 1, years=years, **kw)


def cy(*, rating=4, members=10, completed=10, ldtt=7, cstdcs=1, max_discipline=None):
    return CollectiveFact(rating, members, completed, ldtt, cstdcs, max_discipline)


@pytest.mark.parametrize(
    ("fact", "verdict", "expected"),
    [
        pytest.param(
            cy(),
            "eligible",
            [
                f"10/10 thành viên hoàn thành nhiệm vụ, đạt tỷ lệ ≥ 100 % {ART27}",
                f"7/10 thành viên đạt Lao động tiên tiến, đạt tỷ lệ ≥ 70 % {ART27}",
                f"1 cá nhân đạt Chiến sĩ thi đua cơ sở (cần từ 1) {ART27}",
            ],
            id="exactly-70-percent",
        ),
        pytest.param(
            cy(ldtt=6),
            "not_eligible",
            [f"6/10 thành viên đạt Lao động tiên tiến, chưa đạt tỷ lệ ≥ 70 % {ART27}"],
            id="60-percent",
        ),
        pytest.param(
            cy(members=100, completed=99, ldtt=70),
            "not_eligible",
            [f"99/100 thành viên hoàn thành nhiệm vụ, chưa đạt tỷ lệ ≥ 100 % {ART27}"],
            id="99-percent-completed",
        ),
        pytest.param(
            cy(cstdcs=0),
            "not_eligible",
            [f"0 cá nhân đạt Chiến sĩ thi đua cơ sở, cần từ 1 {ART27}"],
            id="no-CSTDCS",
        ),
        pytest.param(
            cy(rating=3),
            "not_eligible",
            [
                "Tập thể xếp loại Hoàn thành tốt nhiệm vụ, chưa đạt mức Hoàn thành xuất sắc "
                f"nhiệm vụ trở lên {ART27}"
            ],
            id="HTT-collective",
        ),
        pytest.param(
            None, "needs_review", ["Chưa có số liệu tập thể năm 2025"], id="no-collective-year"
        ),
    ],
)
def test_ttldxs(fact, verdict, expected):
    result = run(Batch(units={"U1": unit(fact)}), ("U1", "TTLDXS", 2025))[0]
    assert result.verdict == verdict
    for line in expected:
        assert line in texts(result)


S_MIRROR = "— [S-mirror] theo bản sao của bên thứ ba, cần đối chiếu Công báo"


@pytest.mark.parametrize(
    ("local", "ldtt", "verdict", "expected"),
    [
        pytest.param(
            None,
            7,
            "needs_review",
            "Cần xem xét: chưa có quy định của UBND tỉnh Mẫu về “TTLĐTT: tỷ lệ thành viên đạt "
            f"LĐTT” {ART28_3}",
            id="authority-has-no-ratio",
        ),
        pytest.param(
            LOCAL70,
            7,
            "eligible",
            "7/10 thành viên đạt Lao động tiên tiến, đạt tỷ lệ ≥ 70 % (Điều 4 QĐ 86/2025) "
            + S_MIRROR,
            id="70-with-gte",
        ),
        pytest.param(
            LOCAL70_GT,
            7,
            "not_eligible",
            "7/10 thành viên đạt Lao động tiên tiến, chưa đạt tỷ lệ trên 70 % "
            "(Điều 4 QĐ 86/2025) " + S_MIRROR,
            id="70-with-gt",
        ),
    ],
)
def test_ttldtt(local, ldtt, verdict, expected):
    params = national(ttldtt_min_ratio_ldtt=local)
    result = run(
        Batch(units={"U1": unit(cy(rating=3, ldtt=ldtt))}), ("U1", "TTLDTT", 2025), params=params
    )[0]
    assert result.verdict == verdict
    assert any(expected in line for line in texts(result)), texts(result)


@pytest.mark.parametrize(
    ("award", "leads", "verdict", "expected"),
    [
        pytest.param(
            "CTD_TINH",
            {"CTD_TINH"},
            "eligible",
            "Được cụm suy tôn dẫn đầu năm 2025 (khoản 1 Điều 26 Luật TĐKT 2022)",
            id="tinh-lead",
        ),
        pytest.param(
            "CTD_TINH",
            set(),
            "needs_review",
            "Không được cụm suy tôn dẫn đầu năm 2025: xét theo chuyên đề (khoản 2 Điều 26) cần "
            "xem xét thủ công (khoản 1 Điều 26 Luật TĐKT 2022)",
            id="tinh-not-lead-is-review",
        ),
        pytest.param(
            "CTD_CP",
            {"CTD_TINH"},
            "eligible",
            "Được cụm suy tôn dẫn đầu năm 2025 (khoản 1 Điều 25 Luật TĐKT 2022)",
            id="cp-lead",
        ),
        pytest.param(
            "CTD_CP",
            set(),
            "not_eligible",
            "Không là đơn vị dẫn đầu cụm, khối năm 2025 (khoản 1 Điều 25 Luật TĐKT 2022)",
            id="cp-not-lead",
        ),
    ],
)
def test_flags(award, leads, verdict, expected):
    facts = unit(lead_years={2025: frozenset(leads)}, clusters={2025: "C7"})
    result = run(Batch(units={"U1": facts}), ("U1", award, 2025))[0]
    # the Government flag has no authority ratio in the national set: skipped, with the reason
    assert result.verdict == verdict
    assert expected in texts(result)


MERGED = UnitFacts("U1", "Sở TT&TT", 1, valid_to=D(2025, 3, 1), successor="Sở KH&CN")
GONE = UnitFacts("U1", "Trường Mẫu", 1, valid_to=D(2025, 3, 1), years={2025: cy()})
LIVE = unit(cy())


@pytest.mark.parametrize(
    ("facts", "params", "verdict", "expected"),
    [
        pytest.param(
            MERGED,
            national(),
            "not_eligible",
            "Sở TT&TT đã sắp xếp từ ngày 01/03/2025: đề nghị qua đơn vị kế thừa Sở KH&CN "
            "— [R] chưa xác nhận, cần kiểm tra",
            id="merged-away",
        ),
        pytest.param(
            GONE,
            national(),
            "not_eligible",
            "Trường Mẫu đã giải thể từ ngày 01/03/2025: không khen thưởng đơn vị đã giải thể "
            "(TT 15/2025)",
            id="dissolved-under-nd152",
        ),
        pytest.param(
            GONE,
            national("luat-2022-nd98-2023"),
            "eligible",
            "Không áp dụng: bộ quy định luat-2022-nd98-2023 không có “Không khen thưởng đơn vị "
            "đã giải thể”",
            id="dissolved-rule-absent-in-nd98",
        ),
    ],
)
def test_dissolved(facts, params, verdict, expected):
    result = run(Batch(units={"U1": facts}), ("U1", "TTLDXS", 2025), params=params)[0]
    assert result.verdict == verdict
    assert any(line.startswith(expected) for line in texts(result)), texts(result)


def test_duplicate_record_and_row():
    facts = UnitFacts(
        "U1",
        "Trường Mẫu",
        1,
        years={2025: cy()},
        awards=(AwardFact("TTLDXS", 2025, decision="5/QĐ-UBND"),),
    )
    result = run(Batch(units={"U1": facts}), ("U1", "TTLDXS", 2025))[0]
    assert result.verdict == "not_eligible"
    assert (
        "Đã được tặng Tập thể lao động xuất sắc cho thành tích năm 2025 (quyết định 5/QĐ-UBND) "
        "(khoản 2 Điều 5 Luật TĐKT 2022)"
    ) in texts(result)
    first, second = run(Batch(units={"U1": LIVE}), ("U1", "TTLDXS", 2025), ("U1", "TTLDXS", 2025))
    assert first.verdict == "eligible"
    assert (
        "Đã đề nghị Tập thể lao động xuất sắc năm 2025 ở dòng 1 của cùng đợt "
        "(khoản 2 Điều 5 Luật TĐKT 2022)"
    ) in texts(second)


@pytest.mark.parametrize(
    ("received_on", "rule_set", "verdict"),
    [
        pytest.param(D(2025, 6, 30), "luat-2022-nd98-2023", "eligible", id="30-6-2025-ND98"),
        pytest.param(D(2025, 7, 1), "luat-2022-nd152-2025", "not_eligible", id="1-7-2025-ND152"),
    ],
)
def test_pending_depends_on_the_dossier_date(received_on, rule_set, verdict):
    facts = PersonFacts(
        "P1",
        "A",
        1,
        2015,
        {2024: 3},
        disciplines=(DisciplineFact(None, D(2025, 5, 1), pending=True),),
    )
    result = run(
        Batch(people={"P1": facts}), ("P1", "LDTT", 2024, received_on), params=national(rule_set)
    )[0]
    assert result.verdict == verdict
    if verdict == "eligible":
        assert (
            "Không áp dụng: bộ quy định luat-2022-nd98-2023 không có “Không khen khi đang bị xem "
        ) in "".join(texts(result))
    else:
        assert (
            "Đang bị thanh tra, kiểm tra, xem xét từ ngày 01/05/2025: chưa xét khen thưởng "
            "(khoản 4 Điều 4 NĐ 152/2025) — [S-mirror] theo bản sao của bên thứ ba, cần đối "
            "chiếu Công báo"
        ) in texts(result)


def test_no_rule_set_is_review():
    result = run(
        Batch(people={}), ("P1", "LDTT", 2022, D(2026, 1, 15)), params=national().__class__()
    )[0]
    assert result.verdict == "needs_review"
    assert texts(result) == [
        "Chưa có bộ quy định áp dụng cho thành tích năm 2022, hồ sơ nhận ngày 15/01/2026"
    ]
