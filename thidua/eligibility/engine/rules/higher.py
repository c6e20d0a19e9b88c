"""Titles and forms built on a chain of years: CSTĐ tỉnh, CSTĐTQ, BK tỉnh (d), BK TTg (b)."""

from __future__ import annotations

from thidua.eligibility.engine.context import Ctx
from thidua.eligibility.engine.facts import RATING
from thidua.eligibility.engine.params import P, holds
from thidua.eligibility.engine.rules.individual import (
    _either,
    _initiative_route,
    _r,
    _years,
    chain,
)
from thidua.eligibility.engine.verdict import Outcome, Reason


def _chain_reason(ctx: Ctx, rule: str, award: str, code: str, step: int = 1) -> Reason:
    p = ctx.param(code)
    if p is None:
        return ctx.missing(rule, code)
    held, missing, unknown = chain(ctx, award, ctx.candidate.year, p.value, step)
    args = {"n": p.value, "award": award, "held": _years(held) or "—", "missing": _years(missing)}
    if missing:
        return _r(rule, Outcome.FAIL, "chain_gap", p, **args)
    if unknown:
        return _r(rule, Outcome.REVIEW, "chain_unknown", p, **args, unknown=_years(unknown))
    mid = "chain_ok_batch" if ctx.has_title(award, ctx.candidate.year) == "batch" else "chain_ok"
    return _r(rule, Outcome.PASS, mid, p, **args)


def cstd_tinh(ctx: Ctx) -> list[Reason]:
    rule = "CSTD_TINH"
    reasons = [_chain_reason(ctx, rule, "CSTDCS", "cstd_tinh_consecutive_cstdcs")]
    scope = ctx.param("cstd_tinh_initiative_min_scope")
    reasons.append(
        _initiative_route(ctx, rule, scope)
        if scope
        else ctx.missing(rule, "cstd_tinh_initiative_min_scope")
    )
    return reasons


def cstdtq(ctx: Ctx) -> list[Reason]:
    """2 consecutive CSTĐ tỉnh (each a 3-year cycle after the last), proposed in the year right
    after the second [R], and an initiative of nationwide effect."""
    rule, year = "CSTDTQ", ctx.candidate.year
    n = ctx.param("cstdtq_consecutive_cstd_tinh")
    cycle = ctx.param("cstd_tinh_consecutive_cstdcs")
    window = ctx.param("cstdtq_max_years_after_chain")
    if n is None or cycle is None:
        return [ctx.missing(rule, "cstdtq_consecutive_cstd_tinh")]
    titles = sorted(y for y in ctx.person.award_years("CSTD_TINH") if y <= year)
    if not titles:
        return [_r(rule, Outcome.FAIL, "no_cstd_tinh", n, n=n.value)]
    last = titles[-1]
    held = [last - cycle.value * i for i in range(n.value - 1, -1, -1)]
    args = {"n": n.value, "held": _years(titles), "needed": _years(held)}
    reasons = []
    if all(y in titles for y in held):
        reasons.append(_r(rule, Outcome.PASS, "cstd_tinh_chain_ok", n, **args))
    else:
        reasons.append(_r(rule, Outcome.FAIL, "cstd_tinh_chain_short", n, **args))
    if window is None:
        reasons.append(ctx.missing(rule, "cstdtq_max_years_after_chain"))
    else:
        ok = holds(year - last, window.operator, window.value) and year > last
        mid = "window_ok" if ok else "window_late"
        out = Outcome.PASS if ok else Outcome.FAIL
        reasons.append(_r(rule, out, mid, window, last=last, year=year, n=window.value))
    scope = ctx.param("cstdtq_initiative_min_scope")
    if scope is not None:
        reasons.append(_initiative_route(ctx, rule, scope))
    return reasons


# Points a–c of khoản 1 Điều 74 Luật TĐKT 2022 (exemplary, sudden or long achievements) are
# judged by the council from the dossier: nothing in the data can decide them.
COUNCIL_ROUTES = frozenset({"a", "b", "c"})


def _council_route(ctx: Ctx, rule: str) -> Reason:
    """Needs review, citing the point proposed: the citation of point d with its letter changed
    (the set in force says where Điều 74 is), or none when the set has no BK tỉnh parameters."""
    p = ctx.param("bk_tinh_consecutive_cstdcs")
    route = ctx.candidate.route
    citation = ""
    if p is not None and p.citation.startswith("điểm d "):
        citation = f"điểm {route} {p.citation.removeprefix('điểm d ')}"
    mark = p.mark if p is not None else "S"
    return Reason(rule, Outcome.REVIEW, "bk_route_council", {"route": route}, citation, mark)


def bk_tinh(ctx: Ctx) -> list[Reason]:
    """Route (d): 2 consecutive CSTĐCS; or 2 consecutive years HTXS + 2 unused initiatives.
    Points a–c named in the batch file are left to the council (needs review)."""
    rule, route = "BK_TINH", ctx.candidate.route
    if route in COUNCIL_ROUTES:
        return [_council_route(ctx, rule)]
    chain_p = ctx.param("bk_tinh_consecutive_cstdcs")
    named = [_r(rule, Outcome.INFO, "bk_route_data", chain_p, route=route)] if route else []
    return named + _bk_tinh_d(ctx, rule)


def _bk_tinh_d(ctx: Ctx, rule: str) -> list[Reason]:
    year = ctx.candidate.year
    routes = [_chain_reason(ctx, rule, "CSTDCS", "bk_tinh_consecutive_cstdcs")]
    years_p, rating_p = ctx.param("bk_tinh_alt_rating_years"), ctx.param("bk_tinh_alt_min_rating")
    count_p = ctx.param("bk_tinh_alt_initiatives")
    scope_p = ctx.param("bk_tinh_alt_initiative_min_scope")
    if routes[0].outcome == Outcome.PASS or None in (years_p, rating_p, count_p, scope_p):
        return _either(routes)
    assert years_p and rating_p and count_p and scope_p
    span = list(range(year - years_p.value + 1, year + 1))
    low = _low_years(ctx, span, rating_p)
    if low:
        alt = _r(
            rule, Outcome.FAIL, "alt_rating_low", rating_p, years=_years(low), min=rating_p.value
        )
    else:
        alt = _initiative_route(ctx, rule, scope_p, count_p.value)
        if alt.outcome == Outcome.PASS:
            alt = _r(rule, Outcome.PASS, "alt_ok", rating_p, years=_years(span), **alt.args)
    return _either([*routes, alt])


def _low_years(ctx: Ctx, span: list[int], p: P) -> list[int]:
    """The years of ``span`` rated below the parameter (a year without a rating counts)."""
    bar = RATING[p.value]
    return [y for y in span if not holds(ctx.person.ratings.get(y, 0), p.operator, bar)]


def bk_ttg(ctx: Ctx) -> list[Reason]:
    """Route (b): a prior BK tỉnh, 5 consecutive years ≥ HTT, 3 CSTĐCS among them."""
    rule, c = "BK_TTG", ctx.candidate
    prior, years_p = ctx.param("bk_ttg_prior_award"), ctx.param("bk_ttg_rating_years")
    rating_p, count_p = ctx.param("bk_ttg_min_rating"), ctx.param("bk_ttg_cstdcs_in_period")
    if None in (prior, years_p, rating_p, count_p):
        return [ctx.missing(rule, "bk_ttg_rating_years")]
    assert prior and years_p and rating_p and count_p
    reasons = []
    before = [
        a
        for a in ctx.person.awards
        if a.award_code == prior.value and (a.decided_on is None or a.decided_on < c.received_on)
    ]
    mid = "prior_ok" if before else "prior_missing"
    reasons.append(
        _r(rule, Outcome.PASS if before else Outcome.FAIL, mid, prior, award=prior.value)
    )
    span = list(range(c.year - years_p.value + 1, c.year + 1))
    low = _low_years(ctx, span, rating_p)
    mid, out = ("period_rating_low", Outcome.FAIL) if low else ("period_rating_ok", Outcome.PASS)
    args = {"years": _years(low), "min": rating_p.value, "n": years_p.value}
    reasons.append(_r(rule, out, mid, rating_p, **args))
    held = [y for y in span if ctx.has_title("CSTDCS", y)]
    ok = holds(len(held), count_p.operator, count_p.value)
    mid = "period_cstdcs_ok" if ok else "period_cstdcs_low"
    out = Outcome.PASS if ok else Outcome.FAIL
    reasons.append(
        _r(rule, out, mid, count_p, count=len(held), min=count_p.value, years=_years(held) or "—")
    )
    return reasons
