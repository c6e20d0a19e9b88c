"""The formulas of the blank self-scoring sheet, so that the totals follow what the unit types:
the points of a computed criterion from its measure, each group's SUM (capped at the group's
maximum), and the totals capped by the criteria set (``max_total``, ``bonus_cap``,
``penalty_cap``) exactly as ``ranking.score_unit`` counts them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from thidua.scoring.enums import ScoringMethod, Section

if TYPE_CHECKING:
    from thidua.scoring.selectors import CriteriaTable

POINTS, MEASURE = "D", "E"


def number(value: Decimal | int) -> str:
    """A number as a formula writes it (a dot, whatever the locale)."""
    return format(Decimal(value).normalize(), "f")


def capped(terms: str, cap: Decimal | None) -> str:
    return f"MIN({terms},{number(cap)})" if cap is not None else terms


def total_of(cells: Sequence[str]) -> str:
    return f"SUM({','.join(cells)})" if cells else "0"


def criterion_points(criterion: Any, row: int) -> str | None:
    """The points of a criterion computed from its measure (column E), or None to type them."""
    measure = f"{MEASURE}{row}"
    top = number(criterion.max_points)
    if criterion.method == ScoringMethod.PROPORTIONAL:
        if not criterion.target or criterion.target <= 0:
            return None
        points = f"{top}*{measure}/{number(criterion.target)}"
    elif criterion.method == ScoringMethod.TIERS:
        points = "0"
        tiers = sorted(((Decimal(str(t)), Decimal(str(p))) for t, p in criterion.tiers or []))
        for threshold, value in tiers:  # lowest first: the highest ends up outermost
            points = f"IF({measure}>={number(threshold)},{number(value)},{points})"
    else:
        return None
    return f'=IF({measure}="","",ROUND(MAX(0,MIN({top},{points})),2))'


def group_points(table: CriteriaTable, rows: dict[tuple[str, int], int]) -> dict[int, str]:
    """Each group's formula: the SUM of its criteria and subgroups, capped at its maximum."""
    formulas = {}
    for group in table.groups:
        cells = [
            f"{POINTS}{rows['criterion', c.pk]}" for c in table.criteria if c.group_id == group.pk
        ]
        cells += [f"{POINTS}{rows['group', g.pk]}" for g in table.groups if g.parent_id == group.pk]
        formulas[group.pk] = "=" + capped(total_of(cells), group.max_points)
    return formulas


def totals(
    table: CriteriaTable, rows: dict[tuple[str, int], int], first_row: int
) -> list[tuple[str, str]]:
    """(section, formula) of the four total rows written from ``first_row`` on."""
    cs = table.criteria_set

    def section_sum(section: str) -> str:
        return total_of(
            [f"{POINTS}{rows['group', g.pk]}" for g in table.top_groups if g.section == section]
        )

    normal, bonus, penalty = first_row, first_row + 1, first_row + 2
    return [
        (Section.NORMAL, "=" + capped(section_sum(Section.NORMAL), cs.max_total)),
        (Section.BONUS, "=" + capped(section_sum(Section.BONUS), cs.bonus_cap)),
        (Section.PENALTY, "=" + capped(section_sum(Section.PENALTY), cs.penalty_cap)),
        ("total", f"=MAX(0,{POINTS}{normal}+{POINTS}{bonus}-{POINTS}{penalty})"),
    ]
