"""Shared set-up for the legal tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.legal.models import RuleParameter, RuleSet

ND91, ND98, ND152 = "luat-2003-nd91-2017", "luat-2022-nd98-2023", "luat-2022-nd152-2025"


def national(code: str = ND152) -> RuleSet:
    return RuleSet.objects.get(code=code)


def local_set(
    authority: Any, *, code: str = "bac-ninh-2025", start: dt.date | None = None, version: int = 1
) -> RuleSet:
    """A published local version with one authority-only parameter (TTLĐTT ≥ 70 %)."""
    rule_set = RuleSet.objects.create(
        code=code,
        name="Quy định thi đua, khen thưởng của tỉnh (thử)",
        legal_basis="QĐ 86/2025/QĐ-UBND",
        family="tdkt",
        authority=authority,
        effective_from=start or dt.date(2025, 12, 15),
        achievement_year_from=2025,
        version=version,
    )
    RuleParameter.objects.create(
        rule_set=rule_set,
        code="ttldtt_min_ratio_ldtt",
        value_type="ratio",
        operator="gte",
        num=7,
        den=10,
        article="Điều 4(2)",
        mark="S-mirror",
    )
    rule_set.status = "published"
    rule_set.save()
    return rule_set
