"""The official score summary (bảng tổng hợp kết quả chấm điểm thi đua), kind ``score-summary``:
landscape, one row per unit in rank order with its points by group, total, rank and class.
The layout is the template ``scoring/documents/score_summary.html`` (Nghị định 30/2020)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.documents.registry import (
    DocumentContent,
    DocumentKind,
    DocumentUnavailable,
    register_document,
)
from thidua.documents.selectors import drafting_unit, leader_on, signing_day
from thidua.documents.signatures import cluster_head_signature
from thidua.scoring import selectors
from thidua.scoring.enums import Section
from thidua.scoring.models import ScoringRound

SLUG = "score-summary"


def build_score_summary(*, cluster_year: Any, user: Any = None, **options: Any) -> DocumentContent:
    data = selectors.ranking_data(cluster_year)
    cluster = cluster_year.cluster
    if data.table is None:
        raise DocumentUnavailable(
            _(
                "{cluster} chưa thông qua bộ tiêu chí chấm điểm năm {year}: chưa có bảng tổng hợp "
                "kết quả chấm điểm."
            ).format(cluster=cluster.name, year=cluster_year.year)
        )
    authority = cluster.authority
    scoring_round = data.scoring_round
    # The approving meeting's date; before approval none: blanks, never the print date.
    day = options.get("date") or (
        approval_day(scoring_round) if scoring_round and data.approved else None
    )
    groups = [g for g in data.table.top_groups if g.section == Section.NORMAL] if data.table else []
    rows = [
        {
            "line": line,
            "groups": [line.row.score.group_scores.get(g.code) for g in groups],
        }
        for line in data.lines
    ]
    return DocumentContent(
        template_name="scoring/documents/score_summary.html",
        context={
            "doc": {
                "issuer_parent": authority.name,
                "issuer": cluster.name,
                "place": authority.province,
                "date": day,
                "type_title": "Bảng tổng hợp kết quả chấm điểm thi đua",
                "summary": f"Năm {cluster_year.year}",
            },
            "cy": cluster_year,
            "data": data,
            "criteria_set": data.table.criteria_set if data.table else None,
            "groups": groups,
            "rows": rows,
            "signatures": [
                cluster_head_signature(
                    cluster_year, leader_on(cluster_year.head, signing_day(cluster_year, day))
                )
            ],
            "drafter": drafting_unit(cluster_year),
        },
        filename=f"bang-tong-hop-cham-diem-{cluster.code}-{cluster_year.year}",
        landscape=True,
    )


def approval_day(scoring_round: Any) -> dt.date | None:
    """The day the results were adopted (entered after the fact: the day given), else the day
    they were approved in the app."""
    if scoring_round.approved_on:
        return cast(dt.date, scoring_round.approved_on)
    if scoring_round.approved_at:
        return timezone.localtime(scoring_round.approved_at).date()
    return None


def score_summary_date(cluster_year: Any) -> Any:
    """The day the results were adopted; ``None`` before approval (the page warns)."""
    scoring_round = ScoringRound.objects.filter(cluster_year=cluster_year).first()
    if scoring_round is None or not scoring_round.is_approved:
        return None
    return approval_day(scoring_round)


SCORE_SUMMARY = DocumentKind(
    slug=SLUG,
    title=cast(str, gettext_lazy("Bảng tổng hợp kết quả chấm điểm thi đua")),
    build=build_score_summary,
    permission="scoring.view_ranking",
    dated_by=score_summary_date,
)
register_document(SCORE_SUMMARY)
