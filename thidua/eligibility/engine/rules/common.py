"""Rules for every award: the rule set, a dissolved unit, a duplicate, a pending examination."""

from __future__ import annotations

from thidua.eligibility.engine.context import Ctx
from thidua.eligibility.engine.facts import UnitFacts
from thidua.eligibility.engine.rules.history import forebear_award, marker
from thidua.eligibility.engine.verdict import Outcome, Reason


def rule_set(ctx: Ctx) -> list[Reason]:
    c = ctx.candidate
    args = {"year": c.year, "date": c.received_on.strftime("%d/%m/%Y")}
    if not ctx.params.rule_set:
        return [Reason("common.rule_set", Outcome.REVIEW, "no_rule_set", args, mark="S")]
    args["rule_set"] = ctx.params.rule_set
    reasons = [Reason("common.rule_set", Outcome.INFO, "rule_set", args)]
    if not c.date_given:
        reasons.append(Reason("common.rule_set", Outcome.INFO, "default_date", args))
    return reasons


def dissolved(ctx: Ctx) -> list[Reason]:
    unit = ctx.facts
    if not isinstance(unit, UnitFacts) or unit.valid_to is None:
        return []
    if unit.valid_to > ctx.candidate.received_on:
        return []
    args = {"unit": unit.name, "date": unit.valid_to.strftime("%d/%m/%Y")}
    if unit.successor:
        args["successor"] = unit.successor
        return [Reason("common.dissolved", Outcome.FAIL, "merged_away", args, mark="R")]
    p = ctx.param("dissolved_unit_excluded")
    if p is None:
        return [ctx.missing("common.dissolved", "dissolved_unit_excluded")]
    if not p.value:
        return []
    return [Reason("common.dissolved", Outcome.FAIL, "dissolved", args, p.citation, p.mark)]


def duplicate(ctx: Ctx) -> list[Reason]:
    c = ctx.candidate
    p = ctx.param("one_award_per_achievement")
    if p is None or not p.value:
        return []
    args = {"award": c.award_code, "year": c.year}
    facts = ctx.facts
    if facts is not None:
        for award in facts.awards:
            if award.award_code == c.award_code and award.year == c.year:
                args["decision"] = award.decision or "—"
                return [
                    Reason("common.duplicate", Outcome.FAIL, "duplicate", args, p.citation, p.mark)
                ]
    if isinstance(facts, UnitFacts) and (found := forebear_award(ctx)) is not None:
        award, forebear, counted = found
        args |= {"decision": award.decision or "—", **marker(forebear)}
        if counted:
            return [
                Reason(
                    "common.duplicate", Outcome.FAIL, "duplicate_forebear", args, p.citation, p.mark
                )
            ]
        if counted is None:
            review = ctx.missing("common.duplicate", "predecessor_history_counts")
            return [
                Reason(
                    "common.duplicate",
                    review.outcome,
                    "duplicate_forebear_unknown",
                    {**args, **review.args},
                )
            ]
    first = ctx.batch.seen.get((c.subject_code, c.award_code, c.year))
    if first is not None and first != c.row:
        args["row"] = first
        return [Reason("common.duplicate", Outcome.FAIL, "duplicate_row", args, p.citation, p.mark)]
    return []


def pending(ctx: Ctx) -> list[Reason]:
    c = ctx.candidate
    if c.collective or ctx.facts is None:
        return []
    p = ctx.param("pending_review_blocks")
    if p is None:
        return [ctx.missing("common.pending", "pending_review_blocks")]
    if not p.value:
        return []
    for d in ctx.person.disciplines:
        if d.pending and d.open_on(c.received_on):
            args = {"date": d.effective_from.strftime("%d/%m/%Y")}
            return [Reason("common.pending", Outcome.FAIL, "pending", args, p.citation, p.mark)]
    return []
