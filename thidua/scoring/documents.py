"""The official score documents of a cluster year (Nghị định 30/2020, landscape):

- ``score-summary`` (bảng tổng hợp kết quả chấm điểm thi đua): one row per unit in rank order
  with its points by group, total, rank and class (``scoring/documents/score_summary.html``);
- ``score-matrix`` (bảng điểm thi đua chi tiết): the full layout offices use, criteria as rows
  and the member units as columns in protocol order, split into several tables when the units
  are many (``scoring/documents/score_matrix.html``). Its values are those of the Excel score
  table (``selectors.ranking_data`` and ``selectors.group_points_by_unit``).

Both carry the day the results were approved, or blanks before: never the print date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
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
from thidua.documents.selectors import (
    drafting_unit,
    leader_on,
    organizations_in_order,
    signing_day,
)
from thidua.documents.signatures import cluster_head_signature
from thidua.scoring import selectors
from thidua.scoring.enums import Section

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
    day = _results_day(data, options)
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
            **_frame(cluster_year, day, "Bảng tổng hợp kết quả chấm điểm thi đua"),
            "data": data,
            "criteria_set": data.table.criteria_set if data.table else None,
            "groups": groups,
            "rows": rows,
        },
        filename=f"bang-tong-hop-cham-diem-{cluster.code}-{cluster_year.year}",
        landscape=True,
    )


def _frame(cluster_year: Any, day: dt.date | None, type_title: str) -> dict[str, Any]:
    """What both score documents share: the header (N-5…N-9), the cluster head's signature
    (the leader in office on the document's day) and the drafting unit of "Lưu: VT, …"."""
    cluster = cluster_year.cluster
    authority = cluster.authority
    return {
        "doc": {
            "issuer_parent": authority.name,
            "issuer": cluster.name,
            "place": authority.province,
            "date": day,
            "type_title": type_title,
            "summary": f"Năm {cluster_year.year}",
        },
        "cy": cluster_year,
        "signatures": [
            cluster_head_signature(
                cluster_year, leader_on(cluster_year.head, signing_day(cluster_year, day))
            )
        ],
        "drafter": drafting_unit(cluster_year),
    }


def _results_day(data: selectors.RankingData, options: dict[str, Any]) -> dt.date | None:
    """The approving meeting's date; before approval none: blanks, never the print date."""
    scoring_round = data.scoring_round
    day: dt.date | None = options.get("date")
    return day or (approval_day(scoring_round) if scoring_round and data.approved else None)


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
    # The year's own round, kept on the instance: the documents page asks both score kinds.
    scoring_round = selectors.round_or_none(cluster_year)
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


# ------------------------------------------------- bảng điểm thi đua chi tiết (criteria × units)

MATRIX_SLUG = "score-matrix"
# More member units than this are split into several tables, each repeating the criteria
# column, so that a unit's column stays about 2 cm wide on a landscape A4 page.
UNITS_PER_TABLE = 8


@dataclass(frozen=True)
class MatrixCell:
    value: Any  # points (Decimal), a rank (int), a class (str) or None (not scored)
    capped: bool = False  # the bonus was cut to the criteria set's bonus cap: marked (*)


@dataclass(frozen=True)
class MatrixRow:
    """A group (printed bold) or a criterion, with its value for each unit of the table."""

    kind: str  # "group" or "criterion"
    code: str
    name: str
    max_points: Decimal | None
    cells: list[MatrixCell]


@dataclass(frozen=True)
class MatrixTable:
    """One table of the document: its units (columns, in protocol order), the criteria rows,
    then each closing row by name (the template words them)."""

    number: int
    lines: list[selectors.UnitLine]
    rows: list[MatrixRow]
    criteria_total: list[MatrixCell]
    bonus: list[MatrixCell]  # capped; ``capped`` marks the units over the cap
    penalty: list[MatrixCell]
    total: list[MatrixCell]
    ranks: list[MatrixCell]
    classes: list[MatrixCell]
    capped: list[tuple[selectors.UnitLine, Decimal]]  # units over the bonus cap, before the cap


def unit_chunks(items: list[Any], size: int = UNITS_PER_TABLE) -> list[list[Any]]:
    """``items`` cut into as few tables as hold at most ``size`` each, evenly: 12 units → 6 + 6,
    9 → 5 + 4 (never a last table with a single unit)."""
    if not items:
        return []
    count = -(-len(items) // size)
    per_table = -(-len(items) // count)
    return [items[start : start + per_table] for start in range(0, len(items), per_table)]


def in_protocol_order(cluster_year: Any, lines: list[selectors.UnitLine]) -> list[Any]:
    """The units' lines in protocol order (head, deputy, the others alphabetically)."""
    order = {org.pk: i for i, org in enumerate(organizations_in_order(cluster_year))}
    return sorted(lines, key=lambda line: order.get(line.organization.pk, len(order)))


def _matrix_rows(
    table: selectors.CriteriaTable,
    lines: list[selectors.UnitLine],
    group_points: dict[int, dict[int, Decimal]],
) -> list[MatrixRow]:
    rows = []
    for item in table.rows:
        obj = item.obj
        if item.kind == "group":
            values = [group_points[line.organization.pk].get(obj.pk) for line in lines]
        else:
            values = [line.values.get(obj.pk) for line in lines]
        cells = [MatrixCell(value) for value in values]
        rows.append(MatrixRow(item.kind, obj.code, obj.name, obj.max_points, cells))
    return rows


def _matrix_table(
    number: int,
    table: selectors.CriteriaTable,
    lines: list[selectors.UnitLine],
    group_points: dict[int, dict[int, Decimal]],
    before_cap: dict[int, Decimal],
) -> MatrixTable:
    cap = table.criteria_set.bonus_cap
    over = [line for line in lines if before_cap.get(line.organization.pk, cap) > cap]
    scores = [line.row.score for line in lines]
    return MatrixTable(
        number=number,
        lines=lines,
        rows=_matrix_rows(table, lines, group_points),
        criteria_total=[MatrixCell(score.criteria_total) for score in scores],
        bonus=[MatrixCell(line.row.score.bonus, line in over) for line in lines],
        penalty=[MatrixCell(score.penalty) for score in scores],
        total=[MatrixCell(score.total) for score in scores],
        ranks=[MatrixCell(line.row.rank) for line in lines],
        classes=[MatrixCell(line.row.classification) for line in lines],
        capped=[(line, before_cap[line.organization.pk]) for line in over],
    )


def matrix_tables(data: selectors.RankingData) -> list[MatrixTable]:
    """The tables of the detailed score document, from the ranking data the Excel score table
    prints: the final value of every criterion, group subtotals, the totals (bonus capped)."""
    assert data.table is not None
    group_points = selectors.group_points_by_unit(data)
    before_cap = selectors.bonus_before_cap(data, group_points)
    lines = in_protocol_order(data.cluster_year, data.lines)
    return [
        _matrix_table(number, data.table, chunk, group_points, before_cap)
        for number, chunk in enumerate(unit_chunks(lines), start=1)
    ]


def build_score_matrix(*, cluster_year: Any, user: Any = None, **options: Any) -> DocumentContent:
    data = selectors.ranking_data(cluster_year)
    cluster = cluster_year.cluster
    if data.table is None:
        raise DocumentUnavailable(
            _(
                "{cluster} chưa thông qua bộ tiêu chí chấm điểm năm {year}: chưa có bảng điểm thi "
                "đua chi tiết."
            ).format(cluster=cluster.name, year=cluster_year.year)
        )
    day = _results_day(data, options)
    cs = data.table.criteria_set
    return DocumentContent(
        template_name="scoring/documents/score_matrix.html",
        context={
            **_frame(cluster_year, day, "Bảng điểm thi đua chi tiết"),
            "data": data,
            "criteria_set": cs,
            # the most a unit can reach, as the Excel score table says: the scale and the bonus
            "total_max": cs.max_total + cs.bonus_cap,
            "tables": matrix_tables(data),
        },
        filename=f"bang-diem-chi-tiet-{cluster.code}-{cluster_year.year}",
        landscape=True,
    )


SCORE_MATRIX = DocumentKind(
    slug=MATRIX_SLUG,
    title=cast(str, gettext_lazy("Bảng điểm thi đua chi tiết")),
    build=build_score_matrix,
    permission="scoring.view_ranking",
    dated_by=score_summary_date,
)
register_document(SCORE_MATRIX)
