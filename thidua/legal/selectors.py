"""Reading the law: which versions apply (a pure choice over preloaded sets) and their
parameters in bulk (``ParameterBook``: one query for all parameters of the chosen sets)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from thidua.legal.enums import Family, RuleSetStatus
from thidua.legal.models import RuleParameter, RuleSet
from thidua.organizations.selectors import Lineage


class MissingRule(LookupError):
    pass


def published_sets(family: str = Family.TDKT) -> list[RuleSet]:
    """Every published version of a family (one query), for ``select_rule_sets``."""
    return list(RuleSet.objects.filter(family=family, status=RuleSetStatus.PUBLISHED))


def covers(rule_set: RuleSet, achievement_year: int | None, received_on: dt.date) -> bool:
    """Whether a version covers a dossier received on a day for an achievement year."""
    if rule_set.status != RuleSetStatus.PUBLISHED or received_on < rule_set.effective_from:
        return False
    if rule_set.effective_to is not None and received_on > rule_set.effective_to:
        return False
    if achievement_year is None:
        return True
    low, high = rule_set.achievement_year_from, rule_set.achievement_year_to
    return (low is None or achievement_year >= low) and (high is None or achievement_year <= high)


@dataclass(frozen=True)
class Selection:
    """The national version and the local one layered over it (either may be missing)."""

    national: RuleSet | None
    local: RuleSet | None = None

    @property
    def rule_sets(self) -> tuple[RuleSet, ...]:
        """Local first: its parameters win."""
        return tuple(s for s in (self.local, self.national) if s is not None)

    @property
    def found(self) -> bool:
        return self.national is not None or self.local is not None


def select_rule_sets(
    authority_id: int | None,
    achievement_year: int | None,
    received_on: dt.date,
    sets: Iterable[RuleSet],
    *,
    lineage: Lineage | None = None,
) -> Selection:
    """The versions for a dossier (docs/dev/awards-design.md §2.2): the national version that
    covers the received day and the achievement year, and the local version of the first
    authority of the lineage that has one; a predecessor's set only for dossiers received
    before its work passed on. Pure: ``sets`` and ``lineage`` are preloaded."""
    sets = [s for s in sets if covers(s, achievement_year, received_on)]
    national = next((s for s in sets if s.authority_id is None), None)
    if authority_id is None:
        return Selection(national)
    passed = lineage.passed_on if lineage is not None else {authority_id: None}
    order = sorted(passed, key=lambda pk: (pk != authority_id, -(_ordinal(passed[pk]))))
    for pk in order:
        until = passed[pk]
        if until is not None and received_on >= until:
            continue
        local = next((s for s in sets if s.authority_id == pk), None)
        if local is not None:
            return Selection(national, local)
    return Selection(national)


def _ordinal(day: dt.date | None) -> int:
    return day.toordinal() if day is not None else 0


@dataclass(frozen=True)
class Entry:
    """A parameter read from a version: its value and where it comes from."""

    param: RuleParameter
    rule_set: RuleSet

    @property
    def value(self) -> Any:
        return self.param.value


@dataclass
class ParameterBook:
    """The parameters of a selection, local over national, loaded in one query."""

    rule_sets: Sequence[RuleSet]
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)

    @classmethod
    def load(cls, rule_sets: Sequence[RuleSet]) -> ParameterBook:
        book = cls(rule_sets)
        by_id = {s.pk: s for s in rule_sets}
        params = RuleParameter.objects.filter(rule_set_id__in=by_id).select_related("instrument")
        rank = {s.pk: i for i, s in enumerate(rule_sets)}
        for param in sorted(params, key=lambda p: -rank[p.rule_set_id]):
            book.entries[(param.code, param.award_code)] = Entry(param, by_id[param.rule_set_id])
        return book

    def get(self, code: str, award_code: str = "") -> Entry | None:
        return self.entries.get((code, award_code))

    def value(self, code: str, award_code: str = "") -> Any:
        entry = self.get(code, award_code)
        if entry is None:
            raise MissingRule(f"Không có tham số '{code}'.")
        return entry.value


def scoring_scale(on: dt.date, authority_id: int | None) -> ParameterBook:
    """The scoring scale in force on a day: the authority's own over the national default."""
    sets = published_sets(Family.SCORING_SCALE)
    chosen = select_rule_sets(authority_id, None, on, sets)
    return ParameterBook.load(chosen.rule_sets)


def rule_sets_page() -> QuerySet[RuleSet]:
    """Every version with its authority, instruments and parameters (constant queries)."""
    return RuleSet.objects.select_related("authority", "supersedes").prefetch_related(
        "instruments",
        Prefetch(
            "parameters",
            queryset=RuleParameter.objects.select_related("instrument").order_by(
                "code", "award_code"
            ),
        ),
    )
