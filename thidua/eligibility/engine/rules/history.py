"""A collective's history across restructurings: whether a predecessor's years count is the
authority-only parameter ``predecessor_history_counts`` [R] (none / rename / rename_merge / all);
absent, a predecessor's fact needs review. Reasons name the predecessor ("của Sở TT&TT, trước
khi hợp nhất 01/03/2025")."""

from __future__ import annotations

from thidua.eligibility.engine.context import Ctx
from thidua.eligibility.engine.facts import AwardFact, CollectiveFact, ForebearFacts
from thidua.eligibility.engine.verdict import Outcome, Reason

CODE = "predecessor_history_counts"
COUNTED = {
    "none": frozenset(),
    "rename": frozenset({"rename"}),
    "rename_merge": frozenset({"rename", "merge"}),
    "all": frozenset({"rename", "merge", "split", "transfer"}),
}


def marker(f: ForebearFacts) -> dict[str, object]:
    return {"unit": f.name, "event": f.kind, "date": f.effective_date.strftime("%d/%m/%Y")}


def _counts(ctx: Ctx, f: ForebearFacts) -> bool | None:
    """Whether the forebear's facts count: ``None`` when the authority has not said."""
    p = ctx.param(CODE)
    if p is None:
        return None
    return f.kind in COUNTED.get(p.value, frozenset())


def _decided(ctx: Ctx, f: ForebearFacts, rule: str, counted: bool | None) -> Reason:
    p = ctx.param(CODE)
    if counted is None:
        review = ctx.missing(rule, CODE)
        args = {**marker(f), **review.args, "year": ctx.candidate.year}
        return Reason(rule, review.outcome, "history_unknown", args)
    mid = "history_counted" if counted else "history_not_counted"
    args = {**marker(f), "year": ctx.candidate.year}
    return Reason(rule, Outcome.INFO, mid, args, p.citation if p else "", p.mark if p else "R")


def collective_year(ctx: Ctx, rule: str) -> tuple[CollectiveFact | None, list[Reason]]:
    """The unit's facts of the achievement year, or a counted predecessor's (with why)."""
    year = ctx.candidate.year
    own = ctx.unit.years.get(year)
    if own is not None:
        return own, []
    for f in ctx.unit.forebears:
        if year in f.years:
            counted = _counts(ctx, f)
            return (f.years[year] if counted else None), [_decided(ctx, f, rule, counted)]
    return None, []


def forebear_award(ctx: Ctx) -> tuple[AwardFact, ForebearFacts, bool | None] | None:
    """A predecessor's same award for the same year (the duplicate rule)."""
    c = ctx.candidate
    for f in ctx.unit.forebears:
        for a in f.awards:
            if a.award_code == c.award_code and a.year == c.year:
                return a, f, _counts(ctx, f)
    return None
