"""What the catalogue page shows per award on a chosen day: who decides (and the periods when
that changed), the reward in words with its article, the marks. Constant queries: the awards,
their deciders, the rule set and its parameters, the base salaries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from thidua.awards.models import AwardDecider, AwardType
from thidua.awards.rewards import reward_amount, reward_inputs, reward_words, salary_on
from thidua.awards.selectors import DeciderPeriod, decider_on, decider_periods
from thidua.legal.selectors import ParameterBook
from thidua.legal.wording import mark_words

# The armed forces' names of the same titles share their reward (domain-rules §1.6 rows
# "TTLĐXS / Đơn vị quyết thắng", "TTLĐTT / Đơn vị tiên tiến", "LĐTT / CSTT").
SAME_REWARD_AS = {"DVQT": "TTLDXS", "DVTT": "TTLDTT", "CSTT": "LDTT"}


def reward_code(award: AwardType, book: ParameterBook) -> str:
    """The code whose ``reward_multiple`` applies: the award's own, else the national title a
    local variant or an armed-forces name stands for."""
    if book.get("reward_multiple", award.code) is not None:
        return award.code
    if award.variant_of is not None:
        return award.variant_of.code
    return SAME_REWARD_AS.get(award.code, award.code)


@dataclass(frozen=True)
class CatalogueRow:
    award: AwardType
    deciders: list[AwardDecider]
    # (period, contains the chosen day), only when the deciding level changed over time
    periods: list[tuple[DeciderPeriod, bool]]
    reward: str
    reward_mark: str
    reward_mark_label: str


def catalogue_rows(awards: Iterable[AwardType], on: dt.date) -> list[CatalogueRow]:
    """One row per award (prefetched with ``with_deciders``) for decisions dated ``on``."""
    book, salaries = reward_inputs(on)
    salary = salary_on(salaries, on)
    rows = []
    for award in awards:
        code = reward_code(award, book)
        reward = reward_amount(code, on, book, salary)
        entry = book.get("reward_multiple", code)
        mark = entry.param.mark if reward is not None and entry is not None else ""
        periods = decider_periods(award)
        rows.append(
            CatalogueRow(
                award=award,
                deciders=decider_on(award, on),
                periods=[(p, p.contains(on)) for p in periods] if len(periods) > 1 else [],
                reward=reward_words(reward, salary) if reward and salary else "",
                reward_mark=mark,
                reward_mark_label=mark_words(mark) if mark else "",
            )
        )
    return rows
