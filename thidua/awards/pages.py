"""What the catalogue page shows per award on a chosen day: who decides (and the periods when
that changed), the reward in words with its article, the marks. Constant queries: the awards,
their deciders, the rule set and its parameters, the base salaries. The labels of the choices
are translated once per page (``get_FOO_display`` translates every choice of the field at each
call: ~150 calls a page)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models

from thidua.awards.enums import AwardLevel, AwardSubject, Decider
from thidua.awards.models import AwardDecider, AwardType
from thidua.awards.rewards import reward_amount, reward_inputs, reward_words, salary_on
from thidua.awards.selectors import decider_on, decider_periods
from thidua.legal.enums import Confidence
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
class DeciderLine:
    """A decider row with its labels: who decides, and the mark of its source."""

    row: AwardDecider
    label: str
    mark_label: str


@dataclass(frozen=True)
class PeriodLine:
    start: dt.date
    end: dt.date | None
    deciders: list[DeciderLine]


@dataclass(frozen=True)
class CatalogueRow:
    award: AwardType
    deciders: list[DeciderLine]
    # (period, contains the chosen day), only when the deciding level changed over time
    periods: list[tuple[PeriodLine, bool]]
    reward: str
    reward_mark: str
    reward_mark_label: str
    subject_label: str
    level_label: str
    confidence_label: str


def _labels(choices: type[models.TextChoices]) -> dict[str, str]:
    """Value → label in the request's language; an unknown value stands for itself, as in
    ``get_FOO_display``."""
    return {value: str(label) for value, label in choices.choices}


def catalogue_rows(awards: Iterable[AwardType], on: dt.date) -> list[CatalogueRow]:
    """One row per award (prefetched with ``with_deciders``) for decisions dated ``on``."""
    book, salaries = reward_inputs(on)
    salary = salary_on(salaries, on)
    subjects, levels = _labels(AwardSubject), _labels(AwardLevel)
    deciders, marks = _labels(Decider), _labels(Confidence)

    def lines(rows: Iterable[AwardDecider]) -> list[DeciderLine]:
        return [
            DeciderLine(d, deciders.get(d.decider, d.decider), marks.get(d.mark, d.mark))
            for d in rows
        ]

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
                deciders=lines(decider_on(award, on)),
                periods=[
                    (PeriodLine(p.start, p.end, lines(p.deciders)), p.contains(on)) for p in periods
                ]
                if len(periods) > 1
                else [],
                reward=reward_words(reward, salary) if reward and salary else "",
                reward_mark=mark,
                reward_mark_label=mark_words(mark) if mark else "",
                subject_label=subjects.get(award.subject, award.subject),
                level_label=levels.get(award.level, award.level),
                confidence_label=marks.get(award.confidence, award.confidence),
            )
        )
    return rows
