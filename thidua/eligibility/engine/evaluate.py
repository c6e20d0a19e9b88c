"""Evaluating candidates: the common rules, then the rules of the award, then batch quotas."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from thidua.eligibility.engine.context import BatchState, Ctx
from thidua.eligibility.engine.facts import Candidate, PersonFacts, UnitFacts
from thidua.eligibility.engine.params import Params
from thidua.eligibility.engine.rules import collective, common, higher, individual
from thidua.eligibility.engine.rules.quota import apply_quotas
from thidua.eligibility.engine.verdict import Outcome, Reason, Result, verdict_of

RuleFn = Callable[[Ctx], list[Reason]]
COMMON: tuple[RuleFn, ...] = (common.dissolved, common.duplicate, common.pending)
RULES: dict[str, tuple[RuleFn, ...]] = {
    "LDTT": (individual.ldtt,),
    "CSTDCS": (individual.cstdcs,),
    "CSTD_TINH": (higher.cstd_tinh,),
    "CSTDTQ": (higher.cstdtq,),
    "BK_TINH": (higher.bk_tinh,),
    "BK_TTG": (higher.bk_ttg,),
    "TTLDXS": (collective.ttldxs,),
    "TTLDTT": (collective.ttldtt,),
    "CTD_TINH": (collective.ctd_tinh,),
    "CTD_CP": (collective.ctd_cp,),
}


def _no_params(candidate: Candidate, facts: PersonFacts | UnitFacts | None) -> Params:
    return Params()


@dataclass
class Batch:
    """Everything the rules read for a batch, preloaded (``thidua.eligibility.preload``)."""

    people: Mapping[str, PersonFacts] = field(default_factory=dict)
    units: Mapping[str, UnitFacts] = field(default_factory=dict)
    params_for: Callable[[Candidate, PersonFacts | UnitFacts | None], Params] = _no_params
    ldtt_counts: Mapping[tuple[int, int], int] = field(default_factory=dict)
    leaders: Mapping[int, int] = field(default_factory=dict)  # year → cluster leaders
    base_award: Mapping[str, str] = field(default_factory=dict)  # local variant → base code

    def facts(self, candidate: Candidate) -> PersonFacts | UnitFacts | None:
        if candidate.collective:
            return self.units.get(candidate.subject_code)
        return self.people.get(candidate.subject_code)


def evaluate(candidate: Candidate, batch: Batch, state: BatchState | None = None) -> Result:
    """One candidate: reasons and verdict. Pure."""
    state = state or BatchState()
    facts = batch.facts(candidate)
    params = batch.params_for(candidate, facts)
    ctx = Ctx(candidate, facts, params, state)
    reasons = common.rule_set(ctx)
    if not params.rule_set:
        return Result(candidate, verdict_of(reasons), tuple(reasons))
    if facts is None:
        args = {"code": candidate.subject_code}
        reasons.append(Reason("common.subject", Outcome.FAIL, "unknown_subject", args))
        return Result(candidate, verdict_of(reasons), tuple(reasons), params.rule_set)
    award = batch.base_award.get(candidate.award_code, candidate.award_code)
    rules = RULES.get(award)
    if rules is None:
        args = {"award": candidate.award_code}
        reasons.append(Reason("common.award", Outcome.REVIEW, "no_rule_for_award", args))
    for rule in (*COMMON, *(rules or ())):
        reasons.extend(rule(ctx))
    return Result(candidate, verdict_of(reasons), tuple(reasons), params.rule_set)


def evaluate_many(candidates: Iterable[Candidate], batch: Batch) -> list[Result]:
    """A batch: titles proposed in it count for each other ("dự kiến, cùng đợt"), initiatives
    are allocated once in row order, then the quotas."""
    rows = list(candidates)
    state = BatchState()
    for c in rows:
        state.planned.add((c.subject_code, c.award_code, c.year))
        state.seen.setdefault((c.subject_code, c.award_code, c.year), c.row)
    results = [evaluate(c, batch, state) for c in rows]
    return apply_quotas(
        results,
        lambda r: batch.params_for(r.candidate, batch.facts(r.candidate)),
        lambda r: batch.facts(r.candidate),
        _ldtt_counts(rows, batch, results),
        batch.leaders,
    )


def _ldtt_counts(
    rows: list[Candidate], batch: Batch, results: list[Result]
) -> dict[tuple[int, int], int]:
    """LĐTT of each unit and year: decided records plus open LĐTT rows of this batch."""
    counts = dict(batch.ldtt_counts)
    for c, r in zip(rows, results, strict=True):
        facts = batch.people.get(c.subject_code)
        if c.award_code != "LDTT" or facts is None or r.verdict == "not_eligible":
            continue
        key = (facts.unit_id or 0, c.year)
        counts[key] = counts.get(key, 0) + 1
    return counts
