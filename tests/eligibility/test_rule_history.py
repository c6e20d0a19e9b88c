"""A merged unit's history under each ``predecessor_history_counts`` value [R]."""

from __future__ import annotations

import pytest

from tests.eligibility.helpers import D, national, run, texts
from thidua.eligibility.engine import AwardFact, Batch, CollectiveFact, ForebearFacts, P, UnitFacts

R = "— [R] chưa xác nhận, cần kiểm tra"
YEAR = CollectiveFact(4, 10, 10, 7, 1)
OLD = ForebearFacts("Sở TT&TT", "merge", D(2025, 3, 1), years={2024: YEAR})
OLD_AWARDED = ForebearFacts(
    "Sở TT&TT",
    "merge",
    D(2025, 3, 1),
    years={2024: YEAR},
    awards=(AwardFact("TTLDXS", 2024, decision="9/QĐ-UBND"),),
)


def counts(value: str | None):
    if value is None:
        return national()
    return national(
        predecessor_history_counts=P(
            "predecessor_history_counts", value, None, "Điều 4 QĐ mẫu", "R"
        )
    )


@pytest.mark.parametrize(
    ("forebear", "value", "verdict", "expected"),
    [
        pytest.param(
            OLD,
            None,
            "needs_review",
            "Số liệu năm 2024 là của Sở TT&TT, trước khi hợp nhất 01/03/2025: chưa có quy định "
            "của UBND tỉnh Mẫu về việc tính thành tích của đơn vị trước khi sắp xếp",
            id="authority-has-not-said",
        ),
        pytest.param(
            OLD,
            "rename_merge",
            "eligible",
            "Số liệu năm 2024 là của Sở TT&TT, trước khi hợp nhất 01/03/2025: được tính "
            f"(Điều 4 QĐ mẫu) {R}",
            id="merge-counts",
        ),
        pytest.param(
            OLD,
            "rename",
            "needs_review",
            "Số liệu năm 2024 là của Sở TT&TT, trước khi hợp nhất 01/03/2025: không được tính "
            f"theo quy định (Điều 4 QĐ mẫu) {R}",
            id="only-renames-count",
        ),
        pytest.param(
            OLD_AWARDED,
            "rename_merge",
            "not_eligible",
            "Đã được tặng Tập thể lao động xuất sắc cho thành tích năm 2024 (quyết định "
            "9/QĐ-UBND) — của Sở TT&TT, trước khi hợp nhất 01/03/2025 (khoản 2 Điều 5 Luật TĐKT 2022)",
            id="forebear-already-awarded",
        ),
        pytest.param(
            OLD_AWARDED,
            None,
            "needs_review",
            "Sở TT&TT (trước khi hợp nhất 01/03/2025) đã được tặng Tập thể lao động xuất sắc năm "
            "2024: chưa có quy định của UBND tỉnh Mẫu về việc tính thành tích của đơn vị trước "
            "khi sắp xếp",
            id="forebear-awarded-authority-has-not-said",
        ),
    ],
)
def test_merged_unit_history(forebear, value, verdict, expected):
    unit = UnitFacts("U1", "Sở KH&CN", 1, forebears=(forebear,))
    result = run(
        Batch(units={"U1": unit}), ("U1", "TTLDXS", 2024, D(2025, 6, 1)), params=counts(value)
    )[0]
    assert result.verdict == verdict
    assert expected in texts(result), texts(result)
