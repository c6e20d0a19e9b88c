"""Parameters as the rules read them (resolved local over national by the preload) and exact
integer comparisons: ``count × den (op) num × total``, never floats."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from thidua.legal.definitions import BY_CODE


@dataclass(frozen=True, slots=True)
class P:
    """One parameter value with its citation ("Điều 22 Luật TĐKT 2022") and mark."""

    code: str
    value: Any
    operator: str | None = None
    citation: str = ""
    mark: str = "S"
    award_code: str = ""


@dataclass(frozen=True, slots=True)
class Params:
    """The parameters of the chosen rule sets, or none (``rule_set`` empty: no set applies)."""

    rule_set: str = ""
    entries: Mapping[tuple[str, str], P] = field(default_factory=dict)
    authority: str = ""

    def get(self, code: str, award_code: str = "") -> P | None:
        return self.entries.get((code, award_code))


def when_missing(code: str) -> str:
    """``review`` or ``skip``: what the vocabulary says an absent parameter means."""
    definition = BY_CODE.get(code)
    return definition.when_missing if definition else "review"


def holds(left: int, operator: str | None, right: int) -> bool:
    """``left (op) right`` for integers."""
    if operator == "gt":
        return left > right
    if operator == "lt":
        return left < right
    if operator == "lte":
        return left <= right
    if operator == "eq" or operator is None:
        return left == right
    return left >= right


def ratio_holds(count: int, total: int, operator: str | None, value: Fraction) -> bool:
    """``count / total (op) num / den`` as ``count × den (op) num × total``."""
    return holds(count * value.denominator, operator, value.numerator * total)
