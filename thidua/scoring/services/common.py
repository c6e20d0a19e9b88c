"""Pieces shared by the scoring services: the year's round with its rule-set defaults, and the
conflict error of optimistic locking."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.clusters.models import ClusterYear
from thidua.legal.selectors import scoring_scale
from thidua.scoring.models import ScoringRound

RULE_KEYS = {
    "max_total": "max_total",
    "bonus_cap": "bonus_cap",
    "bands": "bands",
    "tie_break": "tie_break",
    "aggregation": "cross_aggregation",
    "outlier_mad_k": "outlier_mad_k",
    "outlier_gap_points": "outlier_gap_points",
}


def scoring_defaults(cluster_year: ClusterYear) -> tuple[dict[str, Any], str]:
    """Defaults for a cluster year from the rule sets in force on 1 January of that year
    (a local set of the authority wins over the national one); and where they came from.

    The rule set is the only source of these values: without one in force, scoring cannot
    start and the person reads which parameters are missing (a ``ValidationError``).
    """
    on = dt.date(cluster_year.year, 1, 1)
    book = scoring_scale(on, cluster_year.cluster.authority_id)
    values: dict[str, Any] = {}
    sources: set[str] = set()
    missing: list[str] = []
    for name, key in RULE_KEYS.items():
        entry = book.get(key)
        if entry is None:
            missing.append(key)
            continue
        sources.add(entry.rule_set.name)
        values[name] = entry.value
    if missing:
        raise ValidationError(
            _(
                "Chưa có bộ quy định về thang điểm chấm điểm thi đua có hiệu lực ngày {day} "
                "(thiếu tham số: {keys}). Quản trị hệ thống cần nhập bộ quy định trước khi chấm "
                "điểm năm {year}."
            ).format(day=on.strftime("%d/%m/%Y"), keys=", ".join(missing), year=cluster_year.year),
            code="no_rule_set",
        )
    return values, "; ".join(sorted(sources))


def ensure_round(cluster_year: ClusterYear) -> ScoringRound:
    """The year's scoring round, created with the rule-set defaults the first time."""
    existing = ScoringRound.objects.filter(cluster_year=cluster_year).first()
    if existing is not None:
        return existing
    defaults, source = scoring_defaults(cluster_year)
    scoring_round = ScoringRound.objects.create(
        cluster_year=cluster_year,
        aggregation=defaults["aggregation"],
        outlier_mad_k=_decimal_or_none(defaults["outlier_mad_k"]),
        outlier_gap_points=_decimal_or_none(defaults["outlier_gap_points"]),
        bands=defaults["bands"],
        tie_break=defaults["tie_break"],
        defaults_source=source,
    )
    record_event(
        action="scoring.round.create",
        obj=scoring_round,
        after={
            "bands": scoring_round.bands,
            "tie_break": scoring_round.tie_break,
            "source": source,
        },
    )
    return scoring_round


def _decimal_or_none(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


@dataclass(frozen=True)
class ConflictItem:
    code: str
    name: str
    theirs: Decimal | None  # the value saved meanwhile by someone else
    yours: Decimal | None
    changed_by_other: bool  # the other person changed it since you opened the sheet


class SheetConflict(ValidationError):
    """Someone saved the sheet after you opened it. Nothing of yours was written."""

    def __init__(self, *, message: str, current_version: int, items: list[ConflictItem]) -> None:
        super().__init__(message, code="conflict")
        self.current_version = current_version
        self.items = items
