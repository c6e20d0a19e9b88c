"""Batch quotas: the authority's CSTĐCS cap, flags per cluster, the Government-flag share.
Over a quota, every row of the group needs review: the council chooses."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from thidua.eligibility.engine.context import missing
from thidua.eligibility.engine.facts import PersonFacts, UnitFacts
from thidua.eligibility.engine.params import P, Params, holds, ratio_holds
from thidua.eligibility.engine.verdict import Outcome, Reason, Result, Verdict, verdict_of
from thidua.eligibility.engine.wording import ratio_words

Group = tuple[str, object]


def _open(result: Result) -> bool:
    return result.verdict != Verdict.NOT_ELIGIBLE


def _add(result: Result, reason: Reason) -> Result:
    reasons = (*result.reasons, reason)
    return dataclasses.replace(result, reasons=reasons, verdict=verdict_of(reasons))


def apply_quotas(
    results: list[Result],
    params_of: Callable[[Result], Params],
    facts_of: Callable[[Result], PersonFacts | UnitFacts | None],
    ldtt_counts: Mapping[tuple[int, int], int],
    leaders: Mapping[int, int],
) -> list[Result]:
    """Group the open rows and add the quota reasons (one per row of a group)."""
    groups: dict[Group, list[int]] = defaultdict(list)
    for i, r in enumerate(results):
        c, facts = r.candidate, facts_of(r)
        if not _open(r) or facts is None:
            continue
        if c.award_code == "CSTDCS" and isinstance(facts, PersonFacts):
            groups[("CSTDCS", (facts.unit_id, c.year))].append(i)
        elif c.award_code == "CTD_TINH" and isinstance(facts, UnitFacts):
            groups[("CTD_TINH", (facts.clusters.get(c.year, ""), c.year))].append(i)
        elif c.award_code == "CTD_CP":
            groups[("CTD_CP", c.year)].append(i)
    out = list(results)
    for (award, key), rows in groups.items():
        params = params_of(results[rows[0]])
        reason = _quota(
            award, key, len(rows), params=params, ldtt_counts=ldtt_counts, leaders=leaders
        )
        for i in rows:
            out[i] = _add(out[i], reason)
    return out


def _quota(
    award: str,
    key: object,
    count: int,
    *,
    params: Params,
    ldtt_counts: Mapping[tuple[int, int], int],
    leaders: Mapping[int, int],
) -> Reason:
    if award == "CSTDCS":
        code, rule = "cstdcs_max_ratio_of_ldtt", "quota.cstdcs"
        total = ldtt_counts.get(key, 0)  # type: ignore[call-overload]
    elif award == "CTD_TINH":
        code, rule, total = "cluster_leaders_per_cluster", "quota.ctd_tinh", 0
    else:
        code, rule = "ctdcp_max_ratio_of_cluster_leaders", "quota.ctd_cp"
        total = leaders.get(key, 0)  # type: ignore[call-overload]
    p = params.get(code)
    if p is None:
        return missing(rule, code, params)
    return _judge(rule, p, count, total)


def _judge(rule: str, p: P, count: int, total: int) -> Reason:
    if rule == "quota.ctd_tinh":
        ok = holds(count, p.operator, p.value)
        args: dict[str, object] = {"count": count, "max": p.value}
        return Reason(
            rule,
            Outcome.PASS if ok else Outcome.REVIEW,
            "flags_ok" if ok else "flags_over",
            args,
            p.citation,
            p.mark,
        )
    ok = total > 0 and ratio_holds(count, total, p.operator, p.value)
    pct = f"{count * 100 // total} %" if total else "—"
    args = {"count": count, "total": total, "share": pct, "max": ratio_words(p.value)}
    mid = {"quota.cstdcs": "cstdcs_quota", "quota.ctd_cp": "ctdcp_quota"}[rule]
    return Reason(
        rule,
        Outcome.PASS if ok else Outcome.REVIEW,
        mid + ("_ok" if ok else "_over"),
        args,
        p.citation,
        p.mark,
    )


__all__: Sequence[str] = ["apply_quotas"]
