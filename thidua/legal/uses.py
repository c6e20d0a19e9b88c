"""What depends on a published version (filled by the apps above: awards, eligibility): a set
cannot be closed before the last day it was used."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RuleSetUse:
    slug: str
    label: str
    last_use: Callable[[int], dt.date | None]


RULE_SET_USES: list[RuleSetUse] = []


def last_use(rule_set_id: int) -> tuple[dt.date, str] | None:
    """The latest recorded use of a version, with what used it."""
    found = [(day, use.label) for use in RULE_SET_USES if (day := use.last_use(rule_set_id))]
    return max(found) if found else None
