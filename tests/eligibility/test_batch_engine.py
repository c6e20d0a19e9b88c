"""The batch file's own columns in the engine: the initiatives a row names (“Sáng kiến”) and
the point of khoản 1 Điều 74 proposed for a BK tỉnh (“Điểm/khoản đề nghị”)."""

from __future__ import annotations

import pytest

from tests.eligibility.helpers import D, national, texts
from thidua.eligibility.engine import (
    AwardFact,
    Batch,
    Candidate,
    InitiativeFact,
    PersonFacts,
    evaluate_many,
)

ART23 = "(Điều 23 Luật TĐKT 2022)"
ART74 = "(điểm d khoản 1 Điều 74 Luật TĐKT 2022)"
SK1 = InitiativeFact("SK-1", 2024, 1)
SK2 = InitiativeFact("SK-2", 2025, 1)
SK_OLD = InitiativeFact("SK-U", 2023, 1, used_for="CSTDCS 2023")
SK_LATE = InitiativeFact("SK-L", 2026, 1)
SK_PROV = InitiativeFact("SK-T", 2024, 3)


def ldtt(year: int) -> AwardFact:
    return AwardFact("LDTT", year, D(year + 1, 1, 10), f"{year}/QĐ")


def cstdcs(*years: int) -> tuple[AwardFact, ...]:
    return tuple(AwardFact("CSTDCS", y, D(y + 1, 3, 1), f"{y}/QĐ") for y in years)


def person(*awards: AwardFact, ratings=None, initiatives=()) -> PersonFacts:
    return PersonFacts(
        "P1",
        "Nguyễn Văn A",
        unit_id=1,
        history_from=2015,
        ratings=ratings or {2024: 3, 2025: 3},
        awards=awards,
        initiatives=initiatives,
    )


def check(facts: PersonFacts, *rows: tuple):
    """Rows (award, initiatives or None, route) of the subject P1, achievement year 2025."""
    params = national()
    batch = Batch(people={"P1": facts}, params_for=lambda c, f: params)
    candidates = [
        Candidate("P1", award, 2025, D(2026, 1, 15), i + 1, True, named, route)
        for i, (award, named, route) in enumerate(rows)
    ]
    return evaluate_many(candidates, batch)


@pytest.mark.parametrize(
    ("named", "verdict", "expected"),
    [
        pytest.param(
            ("SK-2",),
            "eligible",
            f"Sáng kiến nêu trong tệp, phạm vi cơ sở trở lên, chưa dùng: SK-2 {ART23}",
            id="named-initiative-is-used-not-the-oldest",
        ),
        pytest.param(
            ("SK-9", "SK-2"),
            "eligible",
            "Sáng kiến nêu trong tệp, phạm vi cơ sở trở lên, chưa dùng: SK-2; không tính: SK-9 "
            f"không phải sáng kiến được công nhận của người này {ART23}",
            id="unknown-named-is-explained",
        ),
        pytest.param(
            ("SK-U",),
            "not_eligible",
            "Sáng kiến nêu trong tệp (SK-U) chưa đủ 1 sáng kiến phạm vi cơ sở trở lên chưa dùng; "
            f"tính được: —; không tính: SK-U đã dùng cho CSTDCS 2023 {ART23}",
            id="used-named-fails-although-another-is-free",
        ),
        pytest.param(
            ("SK-L",),
            "not_eligible",
            "Sáng kiến nêu trong tệp (SK-L) chưa đủ 1 sáng kiến phạm vi cơ sở trở lên chưa dùng; "
            f"tính được: —; không tính: SK-L được công nhận năm 2026, sau năm thành tích {ART23}",
            id="recognised-after-the-year",
        ),
        pytest.param(
            (),
            "not_eligible",
            "Sáng kiến nêu trong tệp (—) chưa đủ 1 sáng kiến phạm vi cơ sở trở lên chưa dùng; "
            f"tính được: —; không tính: — {ART23}",
            id="empty-tuple-means-none-named",
        ),
        pytest.param(
            None,
            "eligible",
            f"Có sáng kiến phạm vi cơ sở chưa dùng: SK-1 {ART23}",
            id="not-named-picks-the-oldest-unused",
        ),
    ],
)
def test_cstdcs_uses_only_the_named_initiatives(named, verdict, expected):
    facts = person(ldtt(2025), initiatives=(SK_OLD, SK1, SK2, SK_LATE))
    (result,) = check(facts, ("CSTDCS", named, ""))
    assert result.verdict == verdict
    assert expected in texts(result)


def test_an_initiative_named_twice_in_one_batch_counts_once():
    facts = person(ldtt(2025), initiatives=(SK1,))
    first, second = check(facts, ("CSTDCS", ("SK-1",), ""), ("CSTD_TINH", ("SK-1",), ""))
    assert first.verdict == "eligible"
    assert (
        "Sáng kiến nêu trong tệp (SK-1) chưa đủ 1 sáng kiến phạm vi cấp bộ, ban, ngành, tỉnh trở "
        "lên chưa dùng; tính được: —; không tính: SK-1 chỉ có phạm vi cơ sở "
        "(Điều 22 Luật TĐKT 2022)"
    ) in texts(second)


def test_a_named_initiative_taken_by_an_earlier_row_is_explained():
    facts = person(ldtt(2025), *cstdcs(2023, 2024), initiatives=(SK_PROV,))
    first, second = check(facts, ("CSTD_TINH", ("SK-T",), ""), ("CSTDCS", ("SK-T",), ""))
    assert "Sáng kiến nêu trong tệp, phạm vi cấp bộ, ban, ngành, tỉnh trở lên, chưa dùng: SK-T" in (
        " ".join(texts(first))
    )
    assert (
        "Sáng kiến nêu trong tệp (SK-T) chưa đủ 1 sáng kiến phạm vi cơ sở trở lên chưa dùng; "
        "tính được: —; không tính: SK-T đã dùng cho CSTD_TINH 2025 ở dòng trước của cùng đợt "
        + ART23
    ) in texts(second)


@pytest.mark.parametrize(
    ("route", "facts", "verdict", "expected"),
    [
        pytest.param(
            "a",
            person(),
            "needs_review",
            [
                "Đề nghị theo điểm a: thành tích do Hội đồng Thi đua - Khen thưởng xét, không kiểm "
                "tra được từ dữ liệu (điểm a khoản 1 Điều 74 Luật TĐKT 2022)"
            ],
            id="point-a-goes-to-the-council",
        ),
        pytest.param(
            "c",
            person(*cstdcs(2024, 2025)),
            "needs_review",
            [
                "Đề nghị theo điểm c: thành tích do Hội đồng Thi đua - Khen thưởng xét, không kiểm "
                "tra được từ dữ liệu (điểm c khoản 1 Điều 74 Luật TĐKT 2022)"
            ],
            id="point-c-even-with-the-chain",
        ),
        pytest.param(
            "d",
            person(*cstdcs(2025)),
            "not_eligible",
            [
                "Đề nghị theo điểm d: kiểm tra theo Chiến sĩ thi đua cơ sở, xếp loại và sáng kiến "
                + ART74,
                f"Chưa đủ 2 lần liên tục đạt Chiến sĩ thi đua cơ sở {ART74}: 2025 đạt; 2024 không "
                "đạt",
            ],
            id="point-d-is-checked",
        ),
        pytest.param(
            "",
            person(*cstdcs(2024, 2025)),
            "eligible",
            [f"Đủ 2 lần liên tục đạt Chiến sĩ thi đua cơ sở {ART74}: 2024, 2025"],
            id="no-point-is-d",
        ),
    ],
)
def test_bk_tinh_point_of_article_74(route, facts, verdict, expected):
    (result,) = check(facts, ("BK_TINH", None, route))
    assert result.verdict == verdict
    for line in expected:
        assert line in texts(result)


def test_bk_tinh_alternative_route_with_named_initiatives():
    facts = person(*cstdcs(2025), ratings={2024: 4, 2025: 4}, initiatives=(SK1, SK2, SK_OLD))
    (ok,) = check(facts, ("BK_TINH", ("SK-2", "SK-1"), "d"))
    assert ok.verdict == "eligible"
    assert (
        f"Cách khác: 2024, 2025 đạt Hoàn thành xuất sắc nhiệm vụ và có sáng kiến SK-2, SK-1 {ART74}"
    ) in texts(ok)
    (short,) = check(facts, ("BK_TINH", ("SK-2", "SK-U"), "d"))
    assert short.verdict == "not_eligible"
    assert (
        "Sáng kiến nêu trong tệp (SK-2, SK-U) chưa đủ 2 sáng kiến phạm vi cơ sở trở lên chưa "
        f"dùng; tính được: SK-2; không tính: SK-U đã dùng cho CSTDCS 2023 {ART74}"
    ) in texts(short)


def test_point_a_without_the_parameters_of_the_set_cites_nothing():
    facts = person()
    params = national(bk_tinh_consecutive_cstdcs=None)
    batch = Batch(people={"P1": facts}, params_for=lambda c, f: params)
    candidate = Candidate("P1", "BK_TINH", 2025, D(2026, 1, 15), 1, True, None, "b")
    (result,) = evaluate_many([candidate], batch)
    assert result.verdict == "needs_review"
    assert (
        "Đề nghị theo điểm b: thành tích do Hội đồng Thi đua - Khen thưởng xét, không kiểm tra "
        "được từ dữ liệu"
    ) in texts(result)
