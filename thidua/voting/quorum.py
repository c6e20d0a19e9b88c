"""Quorum as a pure function with exact integer arithmetic (no floats, no rounding)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from thidua.voting.enums import Operator, QuorumBasis


def meets(count: int, base: int, *, operator: str, num: int, den: int) -> bool:
    """``count`` compared with ``num/den`` of ``base``: ``count·den > num·base`` (or ≥)."""
    if base <= 0 or den <= 0:
        return False
    left, right = count * den, num * base
    return left > right if operator == Operator.GT else left >= right


@dataclass(frozen=True)
class QuorumStatus:
    present: int
    members: int
    met: bool
    rule_text: str  # "≥ 2/3 tổng số đơn vị thành viên (Điều 9 Quy chế…)"


def rule_text(*, basis: str, operator: str, num: int, den: int, source: str) -> str:
    sign = ">" if operator == Operator.GT else "≥"
    return _("{sign} {num}/{den} {basis} ({source})").format(
        sign=sign, num=num, den=den, basis=QuorumBasis(basis).label, source=source
    )


def evaluate(
    *, present: int, members: int, basis: str, operator: str, num: int, den: int, source: str
) -> QuorumStatus:
    """The quorum of ``present`` units out of ``members``; the base is all members (or, with the
    ``present`` basis, the units present)."""
    base = members if basis == QuorumBasis.ALL else present
    return QuorumStatus(
        present=present,
        members=members,
        met=meets(present, base, operator=operator, num=num, den=den),
        rule_text=rule_text(basis=basis, operator=operator, num=num, den=den, source=source),
    )
