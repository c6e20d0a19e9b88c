"""The unit that answers for a subject (a person's current unit, or the unit itself), to
decide whether a user may check it: outside the scope, a code is reported as unknown. The batches
a person sees, their results and the filters of the results page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.enums import Role
from thidua.core.vntext import sort_key
from thidua.eligibility.engine.facts import COLLECTIVE_AWARDS
from thidua.eligibility.engine.wording import AWARDS
from thidua.eligibility.enums import VerdictChoice
from thidua.eligibility.models import CheckBatch, CheckResult
from thidua.organizations.models import Organization
from thidua.organizations.selectors import lineage_ids_subquery
from thidua.people.models import Employment


def subject_unit(subject_code: str, award_code: str) -> Organization | None:
    """One query: the unit, or the unit of the person's latest employment."""
    if award_code in COLLECTIVE_AWARDS:
        return Organization.objects.filter(code=subject_code).first()
    employment = (
        Employment.objects.filter(person__code=subject_code)
        .select_related("organization")
        .order_by("-valid_from")
        .first()
    )
    return employment.organization if employment else None


def may_check(user: Any, subject_code: str, award_code: str) -> bool:
    unit = subject_unit(subject_code, award_code)
    return unit is not None and user.has_perm("eligibility.check", unit)


# ---------------------------------------------------------------- batch checks


def batches_for_user(user: Any) -> QuerySet[CheckBatch]:
    """The batches ``eligibility.view_batch`` lets the user see: their own, and for a board
    officer those of their authority's lineage. Without the stored rows (large)."""
    mine = Q(created_by_id=user.pk)
    if user.is_authenticated and user.role == Role.BOARD_OFFICER and user.authority_id:
        mine |= Q(authority_id__in=lineage_ids_subquery(user.authority_id))
    return CheckBatch.objects.filter(mine).defer("rows").select_related("created_by")


@dataclass(frozen=True)
class ResultFilters:
    verdict: str = ""
    award: str = ""
    unit: str = ""
    rule: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> ResultFilters:
        verdict = query.get("verdict", "")
        return cls(
            verdict=verdict if verdict in VerdictChoice.values else "",
            award=query.get("award", "").strip()[:40],
            unit=query.get("unit", "").strip()[:300],
            rule=query.get("rule", "").strip()[:80].replace("|", ""),
        )

    def apply(self, qs: QuerySet[CheckResult]) -> QuerySet[CheckResult]:
        if self.verdict:
            qs = qs.filter(verdict=self.verdict)
        if self.award:
            qs = qs.filter(award_code=self.award)
        if self.unit:
            qs = qs.filter(unit_name=self.unit)
        if self.rule:
            qs = qs.filter(failing__contains=f"|{self.rule}|")
        return qs


def results_of(batch: CheckBatch, filters: ResultFilters | None = None) -> QuerySet[CheckResult]:
    qs = CheckResult.objects.filter(batch=batch).order_by("row")
    return (filters or ResultFilters()).apply(qs)


@dataclass(frozen=True)
class FilterChoices:
    awards: list[tuple[str, str]]
    units: list[str]
    rules: list[str]


def filter_choices(batch: CheckBatch) -> FilterChoices:
    """What the results of a batch hold: awards, units, failing rules (three queries)."""
    base = CheckResult.objects.filter(batch=batch)
    awards = sorted(set(base.values_list("award_code", flat=True).distinct()))
    units = sorted(
        (u for u in set(base.values_list("unit_name", flat=True).distinct()) if u), key=sort_key
    )
    failing: set[str] = set()
    for text in base.exclude(failing="").values_list("failing", flat=True).distinct():
        failing.update(code for code in text.split("|") if code)
    return FilterChoices(
        awards=[(code, str(AWARDS.get(code, code))) for code in awards],
        units=units,
        rules=sorted(failing),
    )
