"""The quorum is exact integer arithmetic at its boundaries (no floats, no rounding)."""

from __future__ import annotations

import pytest

from thidua.voting.enums import Operator, QuorumBasis
from thidua.voting.quorum import evaluate, meets

pytestmark = pytest.mark.unit

GE, GT = Operator.GE, Operator.GT


@pytest.mark.parametrize(
    ("count", "base", "rule", "expected"),
    [
        # ≥ 2/3 of 13 = 8.67: 9 meets, 8 does not
        (9, 13, (GE, 2, 3), True),
        (8, 13, (GE, 2, 3), False),
        # ≥ 2/3 of 12 = 8 exactly: 8 meets
        (8, 12, (GE, 2, 3), True),
        (7, 12, (GE, 2, 3), False),
        # > 1/2 of 12 = 6: 6 does not, 7 does
        (6, 12, (GT, 1, 2), False),
        (7, 12, (GT, 1, 2), True),
        # ≥ 1/2 of 12: 6 meets
        (6, 12, (GE, 1, 2), True),
        # > 1/2 of 13 = 6.5: 7 meets
        (7, 13, (GT, 1, 2), True),
        (6, 13, (GT, 1, 2), False),
        # ≥ 80% of 7 = 5.6; ≥ 90% of 10 = 9
        (6, 7, (GE, 4, 5), True),
        (5, 7, (GE, 4, 5), False),
        (9, 10, (GE, 9, 10), True),
        (8, 10, (GE, 9, 10), False),
        # 100% and an empty electorate
        (7, 7, (GE, 1, 1), True),
        (0, 0, (GE, 1, 2), False),
    ],
)
def test_meets_at_each_boundary(
    count: int, base: int, rule: tuple[str, int, int], expected: bool
) -> None:
    operator, num, den = rule
    assert meets(count, base, operator=operator, num=num, den=den) is expected


def test_evaluate_on_all_members_names_the_rule_and_its_source() -> None:
    status = evaluate(
        present=8, members=13, basis=QuorumBasis.ALL, operator=GE, num=2, den=3, source="Điều 9"
    )
    assert (status.present, status.members, status.met) == (8, 13, False)
    assert status.rule_text == "≥ 2/3 tổng số đơn vị thành viên (Điều 9)"


def test_evaluate_on_present_basis_compares_with_those_present() -> None:
    status = evaluate(
        present=5, members=13, basis=QuorumBasis.PRESENT, operator=GT, num=1, den=2, source="x"
    )
    assert status.met is True
