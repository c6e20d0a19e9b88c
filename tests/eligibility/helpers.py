"""Parameters straight from the national data (thidua/legal/data/national.py) — the same values
the migration publishes — so the engine tests read the law as the database does, without it."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from thidua.eligibility.engine import Batch, Candidate, P, Params, evaluate_many
from thidua.legal.data.national import INSTRUMENTS, NATIONAL

SHORT = {i.code: i.short_name for i in INSTRUMENTS}
D = dt.date


def national(code: str = "luat-2022-nd152-2025", **local: Any) -> Params:
    """The national version's parameters; ``local`` adds or (None) removes codes."""
    version = next(v for v in NATIONAL if v.code == code)
    entries = {}
    for p in version.params:
        value = Fraction(*p.value) if isinstance(p.value, tuple) else p.value
        citation = f"{p.article} {SHORT.get(p.instrument, '')}".strip()
        entries[(p.code, p.award_code)] = P(
            p.code, value, p.operator, citation, p.mark, p.award_code
        )
    for key, value in local.items():
        if value is None:
            entries.pop((key, ""), None)
        else:
            entries[(key, "")] = value
    return Params(code, entries, "UBND tỉnh Mẫu")


def run(batch: Batch, *rows: tuple, params: Params | None = None):
    """Evaluate rows (subject, award, year[, received_on]) with the given parameters."""
    chosen = params or national()
    batch.params_for = lambda c, f: chosen
    candidates = [
        Candidate(r[0], r[1], r[2], r[3] if len(r) > 3 else D(2026, 1, 15), row=i + 1)
        for i, r in enumerate(rows)
    ]
    return evaluate_many(candidates, batch)


def texts(result, *outcomes: str) -> list[str]:
    return [r.text for r in result.reasons if not outcomes or r.outcome in outcomes]
