"""Collective titles: TTLĐXS, TTLĐTT, the provincial and the Government flags."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as t

from thidua.eligibility.engine.context import Ctx
from thidua.eligibility.engine.facts import DISCIPLINE, RATING, CollectiveFact
from thidua.eligibility.engine.params import P, holds, ratio_holds
from thidua.eligibility.engine.rules.history import collective_year
from thidua.eligibility.engine.rules.individual import RATING_NAMES, _r
from thidua.eligibility.engine.verdict import Outcome, Reason
from thidua.eligibility.engine.wording import ratio_words

COMPLETED = t("hoàn thành nhiệm vụ")
LDTT = t("đạt Lao động tiên tiến")


def _year(ctx: Ctx, rule: str) -> tuple[CollectiveFact | None, list[Reason]]:
    fact, reasons = collective_year(ctx, rule)
    if fact is None and not any(r.outcome == Outcome.REVIEW for r in reasons):
        reasons += [
            Reason(rule, Outcome.REVIEW, "no_collective_year", {"year": ctx.candidate.year})
        ]
    return fact, reasons


def _rating(rule: str, p: P | None, fact: CollectiveFact, ctx: Ctx, code: str) -> Reason:
    if p is None:
        return ctx.missing(rule, code)
    ok = fact.rating is not None and holds(fact.rating, p.operator, RATING[p.value])
    rating = RATING_NAMES.get(fact.rating or 0, "—")
    mid = "unit_rating_ok" if ok else "unit_rating_low"
    return _r(rule, Outcome.PASS if ok else Outcome.FAIL, mid, p, rating=rating, min=p.value)


def _ratio(ctx: Ctx, rule: str, code: str, *, count: int, total: int, what: object) -> Reason:
    p = ctx.param(code)
    if p is None:
        return ctx.missing(rule, code)
    ok = total > 0 and ratio_holds(count, total, p.operator, p.value)
    op = {"gt": "trên", "gte": "≥", "lt": "dưới", "lte": "≤", "eq": "="}.get(p.operator or "", "")
    args = {"count": count, "total": total, "what": what, "op": op, "min": ratio_words(p.value)}
    return _r(
        rule, Outcome.PASS if ok else Outcome.FAIL, "ratio_ok" if ok else "ratio_low", p, **args
    )


def _discipline(rule: str, p: P | None, ctx: Ctx, code: str, fact: CollectiveFact) -> list[Reason]:
    if p is None:
        return [ctx.missing(rule, code)]
    if fact.max_discipline is not None and fact.max_discipline >= DISCIPLINE[p.value]:
        return [_r(rule, Outcome.FAIL, "member_disciplined", p, level=p.value)]
    return []


def ttldxs(ctx: Ctx) -> list[Reason]:
    rule = "TTLDXS"
    fact, history = _year(ctx, rule)
    if fact is None:
        return history
    reasons = [
        *history,
        _rating(rule, ctx.param("ttldxs_min_rating"), fact, ctx, "ttldxs_min_rating"),
        _ratio(
            ctx,
            rule,
            "ttldxs_min_ratio_completed",
            count=fact.completed,
            total=fact.members,
            what=COMPLETED,
        ),
        _ratio(ctx, rule, "ttldxs_min_ratio_ldtt", count=fact.ldtt, total=fact.members, what=LDTT),
    ]
    if (p := ctx.param("ttldxs_min_cstdcs")) is not None:
        ok = holds(fact.cstdcs, p.operator, p.value)
        mid = "cstdcs_count_ok" if ok else "cstdcs_count_low"
        reasons.append(
            _r(rule, Outcome.PASS if ok else Outcome.FAIL, mid, p, count=fact.cstdcs, min=p.value)
        )
    code = "ttldxs_disqualifying_discipline"
    return reasons + _discipline(rule, ctx.param(code), ctx, code, fact)


def ttldtt(ctx: Ctx) -> list[Reason]:
    rule = "TTLDTT"
    fact, history = _year(ctx, rule)
    if fact is None:
        return history
    code = "ttldtt_disqualifying_discipline"
    return [
        *history,
        _rating(rule, ctx.param("ttldtt_min_rating"), fact, ctx, "ttldtt_min_rating"),
        _ratio(ctx, rule, "ttldtt_min_ratio_ldtt", count=fact.ldtt, total=fact.members, what=LDTT),
        *_discipline(rule, ctx.param(code), ctx, code, fact),
    ]


def _leader(ctx: Ctx) -> bool:
    awards = ctx.unit.lead_years.get(ctx.candidate.year, frozenset())
    return bool(awards & {"CTD_TINH", "CTD_CP"})


def ctd_tinh(ctx: Ctx) -> list[Reason]:
    p = ctx.param("ctd_tinh_requires_cluster_lead")
    if p is None or not p.value:
        return []
    year = ctx.candidate.year
    if _leader(ctx):
        return [_r("CTD_TINH", Outcome.PASS, "cluster_lead_ok", p, year=year)]
    return [_r("CTD_TINH", Outcome.REVIEW, "cluster_lead_review", p, year=year)]


def ctd_cp(ctx: Ctx) -> list[Reason]:
    p = ctx.param("ctdcp_requires_cluster_lead")
    if p is None or not p.value:
        return []
    year = ctx.candidate.year
    if _leader(ctx):
        return [_r("CTD_CP", Outcome.PASS, "cluster_lead_ok", p, year=year)]
    return [_r("CTD_CP", Outcome.FAIL, "cluster_lead_missing", p, year=year)]
