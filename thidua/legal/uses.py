"""What depends on a published version (filled by the apps above: awards, eligibility): a set
cannot be closed before the last day it was used."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise


@dataclass(frozen=True)
class RuleSetUse:
    slug: str
    label: str | Promise
    last_use: Callable[[int], dt.date | None]


RULE_SET_USES: list[RuleSetUse] = []


def register_use(use: RuleSetUse) -> None:
    """Called from an app's ``ready()``; a second use with the same slug is a wiring mistake."""
    if any(known.slug == use.slug for known in RULE_SET_USES):
        raise ImproperlyConfigured(f"RULE_SET_USES: '{use.slug}' is registered twice.")
    RULE_SET_USES.append(use)


def last_use(rule_set_id: int) -> tuple[dt.date, str] | None:
    """The latest recorded use of a version, with what used it."""
    found = [(day, str(use.label)) for use in RULE_SET_USES if (day := use.last_use(rule_set_id))]
    return max(found) if found else None
