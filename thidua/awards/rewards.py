"""Reward money (tiền thưởng): the multiple of the base salary (lương cơ sở) that the rule set
in force at the decision date gives an award (``reward_multiple``, NĐ 98/2023 Điều 54, NĐ
152/2025 Điều 50), times the base salary of that day, rounded as ``reward_rounding_vnd`` says.
:func:`reward_amount` is pure; :func:`reward_inputs` loads what it needs in three queries."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal
from typing import NamedTuple

from django.utils.translation import gettext as _

from thidua.awards.models import BaseSalary
from thidua.legal.selectors import ParameterBook, published_sets, select_rule_sets
from thidua.legal.wording import citation, number


class Reward(NamedTuple):
    """``multiple × salary = amount`` and the article that gives the multiple."""

    multiple: Decimal
    amount: int
    citation: str


def salary_on(salaries: list[BaseSalary], day: dt.date) -> BaseSalary | None:
    """The base salary in force on ``day`` among preloaded rows (``None`` before the first)."""
    return next((s for s in salaries if s.in_force_on(day)), None)


def reward_amount(
    award_code: str, decision_date: dt.date, book: ParameterBook, salary: BaseSalary | None
) -> Reward | None:
    """The reward of an award decided on ``decision_date``; ``book`` holds the parameters of
    the rule set in force that day. ``None`` when the set gives no multiple for the award or no
    base salary is known for the day. Rounded up to the ``reward_rounding_vnd`` step."""
    entry = book.get("reward_multiple", award_code)
    if entry is None or salary is None or not salary.in_force_on(decision_date):
        return None
    multiple = Decimal(entry.value)
    raw = multiple * salary.amount
    rounding = book.get("reward_rounding_vnd")
    step = int(rounding.value) if rounding is not None and rounding.value else 1
    steps = (raw / step).to_integral_value(rounding=ROUND_CEILING)
    return Reward(multiple, int(steps) * step, citation(entry.param))


def reward_words(reward: Reward, salary: BaseSalary) -> str:
    """ "4,5 × 2.340.000 ₫ = 10.530.000 ₫ (Điều 50 NĐ 152/2025)"."""
    text = f"{number(reward.multiple)} × {number(salary.amount)} ₫ = {number(reward.amount)} ₫"
    if not reward.citation:
        return text
    return _("{text} ({citation})").format(text=text, citation=reward.citation)


def reward_inputs(on: dt.date) -> tuple[ParameterBook, list[BaseSalary]]:
    """The parameters of the national rule set for a decision dated ``on`` and every base
    salary row (three queries whatever the catalogue's size)."""
    selection = select_rule_sets(None, None, on, published_sets())
    book = ParameterBook.load(selection.rule_sets)
    salaries = list(BaseSalary.objects.select_related("instrument"))
    return book, salaries
