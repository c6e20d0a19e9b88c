"""Individual titles and forms: LĐTT, CSTĐCS, CSTĐ tỉnh, CSTĐTQ, BK tỉnh (d), BK TTg (b)."""

from __future__ import annotations

from thidua.eligibility.engine.context import Ctx
from thidua.eligibility.engine.facts import DISCIPLINE, RATING, SCOPE, SCOPE_CODES
from thidua.eligibility.engine.params import P, holds
from thidua.eligibility.engine.verdict import Outcome, Reason

RATING_NAMES = {4: "HTXS", 3: "HTT", 2: "HT", 1: "KHT"}


def _years(years: list[int]) -> str:
    return ", ".join(str(y) for y in years)


def _r(rule: str, outcome: Outcome, mid: str, p: P | None, **args: object) -> Reason:
    return Reason(rule, outcome, mid, args, p.citation if p else "", p.mark if p else "S")


def _rating(ctx: Ctx, rule: str, p: P, year: int) -> Reason:
    rating = ctx.person.ratings.get(year)
    if rating is None:
        mid = "rating_missing" if ctx.known(year) else "no_data"
        out = Outcome.FAIL if ctx.known(year) else Outcome.REVIEW
        return _r(rule, out, mid, p, year=year)
    ok = holds(rating, p.operator, RATING[p.value])
    return _r(
        rule,
        Outcome.PASS if ok else Outcome.FAIL,
        "rating_ok" if ok else "rating_low",
        p,
        year=year,
        rating=RATING_NAMES[rating],
        min=p.value,
    )


def ldtt(ctx: Ctx) -> list[Reason]:
    rule, year = "LDTT", ctx.candidate.year
    p = ctx.param("ldtt_min_rating")
    reasons = [_rating(ctx, rule, p, year) if p else ctx.missing(rule, "ldtt_min_rating")]
    months = ctx.param("ldtt_min_months_employed")
    if months is None:
        reasons.append(ctx.missing(rule, "ldtt_min_months_employed"))
    elif (worked := ctx.person.months.get(year)) is not None:
        ok = holds(worked, months.operator, months.value)
        mid = "months_ok" if ok else "months_low"
        out = Outcome.PASS if ok else Outcome.FAIL
        reasons.append(_r(rule, out, mid, months, months=worked, min=months.value))
    level = ctx.param("ldtt_disqualifying_discipline")
    if level is None:
        reasons.append(ctx.missing(rule, "ldtt_disqualifying_discipline"))
    else:
        reasons += _discipline(ctx, rule, level, year)
    return reasons


def _discipline(ctx: Ctx, rule: str, p: P, year: int) -> list[Reason]:
    bar = DISCIPLINE[p.value]
    for d in ctx.person.disciplines:
        in_year = d.effective_from.year <= year and (
            d.effective_to is None or d.effective_to.year >= year
        )
        if not d.pending and d.level is not None and in_year and d.level >= bar:
            return [_r(rule, Outcome.FAIL, "disciplined", p, year=year, level=d.level)]
    return []


def _initiative_route(ctx: Ctx, rule: str, p: P, count: int = 1) -> Reason:
    if ctx.candidate.initiatives is not None:
        return _named_initiatives(ctx, rule, p, count)
    year = ctx.candidate.year
    free = ctx.free_initiatives(SCOPE[p.value], year)
    used = [i for i in ctx.person.initiatives if i.used_for and i.scope >= SCOPE[p.value]]
    if len(free) >= count:
        chosen = free[:count]
        for i in chosen:
            ctx.batch.taken[i.code] = f"{ctx.candidate.award_code} {year}"
        codes = ", ".join(i.code for i in chosen)
        mid = "initiative_reused" if any(i.used_for for i in chosen) else "initiative_ok"
        return _r(rule, Outcome.PASS, mid, p, codes=codes, scope=p.value)
    if used:
        note = "; ".join(f"{i.code} ({i.used_for})" for i in used)
        return _r(rule, Outcome.FAIL, "initiative_used", p, used=note, scope=p.value, n=count)
    return _r(rule, Outcome.FAIL, "initiative_none", p, scope=p.value, n=count)


def _rejection(ctx: Ctx, code: str, min_scope: int, once: bool) -> tuple[str, ...] | None:
    """Why a named initiative cannot count for this row (``None`` when it can)."""
    found = next((i for i in ctx.person.initiatives if i.code == code), None)
    if found is None:
        return ("unknown", code)
    if found.scope < min_scope:
        return ("scope", code, SCOPE_CODES.get(found.scope, ""))
    if found.year > ctx.candidate.year:
        return ("later", code, str(found.year))
    if once and found.used_for:
        return ("used", code, found.used_for)
    if once and code in ctx.batch.taken:
        return ("taken", code, ctx.batch.taken[code])
    return None


def _named_initiatives(ctx: Ctx, rule: str, p: P, count: int) -> Reason:
    """The initiatives named in the file for this row, and only those: each one is an
    initiative of this person, wide enough, recognised by the achievement year, not used."""
    c = ctx.candidate
    single = ctx.param("initiative_single_use")
    once = single is None or bool(single.value)
    good: list[str] = []
    rejected: list[tuple[str, ...]] = []
    for code in dict.fromkeys(c.initiatives or ()):
        why = _rejection(ctx, code, SCOPE[p.value], once)
        if why is None and len(good) < count:
            good.append(code)
        elif why is not None:
            rejected.append(why)
    args = {
        "named": ", ".join(dict.fromkeys(c.initiatives or ())) or "—",
        "good": ", ".join(good) or "—",
        "codes": ", ".join(good),
        "rejected": tuple(rejected),
        "scope": p.value,
        "n": count,
    }
    if len(good) < count:
        return _r(rule, Outcome.FAIL, "initiative_named_short", p, **args)
    for code in good:
        ctx.batch.taken[code] = f"{c.award_code} {c.year}"
    mid = "initiative_named_ok_partly" if rejected else "initiative_named_ok"
    return _r(rule, Outcome.PASS, mid, p, **args)


def cstdcs(ctx: Ctx) -> list[Reason]:
    rule, year = "CSTDCS", ctx.candidate.year
    title = ctx.param("cstdcs_requires_title")
    reasons: list[Reason] = []
    if title is not None:
        how = ctx.has_title(title.value, year)
        mid = {"record": "title_ok", "batch": "title_batch"}.get(how, "title_missing")
        out = Outcome.PASS if how else Outcome.FAIL
        reasons.append(_r(rule, out, mid, title, award=title.value, year=year))
    routes = []
    if (alt := ctx.param("cstdcs_alt_min_rating")) is not None:
        routes.append(_rating(ctx, rule, alt, year))
    if (scope := ctx.param("cstdcs_initiative_min_scope")) is not None:
        if routes and routes[0].outcome == Outcome.PASS:
            routes.append(_r(rule, Outcome.INFO, "route_not_needed", scope))
        else:
            routes.append(_initiative_route(ctx, rule, scope))
    return reasons + _either(routes)


def _either(routes: list[Reason]) -> list[Reason]:
    """Alternative routes: one passing is enough; the others become information."""
    if any(r.outcome == Outcome.PASS for r in routes):
        return [r if r.outcome == Outcome.PASS else _as_info(r) for r in routes]
    return routes


def _as_info(r: Reason) -> Reason:
    return Reason(r.rule, Outcome.INFO, r.message_id, r.args, r.citation, r.mark)


def chain(ctx: Ctx, award: str, last: int, length: int, step: int = 1) -> tuple[list, list, list]:
    """Years ``last − (length−1)·step … last``: (held, missing, unknown)."""
    years = [last - step * i for i in range(length - 1, -1, -1)]
    start = _discipline_end(ctx)
    held, missing, unknown = [], [], []
    for y in years:
        if ctx.has_title(award, y) and (start is None or y > start):
            held.append(y)
        elif not ctx.known(y):
            unknown.append(y)
        else:
            missing.append(y)
    return held, missing, unknown


def _discipline_end(ctx: Ctx) -> int | None:
    """The last year a discipline covered, when ``discipline_resets_chain`` applies."""
    p = ctx.param("discipline_resets_chain")
    if p is None or not p.value:
        return None
    ends = [
        (d.effective_to or ctx.candidate.received_on).year
        for d in ctx.person.disciplines
        if not d.pending and d.effective_from <= ctx.candidate.received_on
    ]
    return max(ends, default=None)
