"""The two national exports of the start of the year, built the same way in the request (a small
scope, ``rollup.xlsx`` / ``follow-up.xlsx``) and in the background (``ExportJob``, any scope):
the filters of a job are checked against the requester's scope (``*_parameters``, when queued
and again in the task), then one builder makes the file (``build_rollup``, ``build_follow_up``)
through ``rollup`` / ``late_rows`` with the requester's scope, exactly as the pages do.

``EXPORTS`` maps each ``ExportKind`` to its permission, its parameter check and its builder."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.clusters.enums import ClusterKind
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.clusters.selectors import cluster_years_for_user, managed_cluster_years
from thidua.core.numbers import is_digits
from thidua.start_of_year.enums import ExportKind, LateKind
from thidua.start_of_year.exports import (
    Progress,
    late_table,
    rollup_table,
    title_lines,
    to_xlsx,
)
from thidua.start_of_year.followup import LateRow, filter_rows, late_rows
from thidua.start_of_year.rollup import rollup, rollup_years
from thidua.start_of_year.rules import EXPORT_FOLLOW_UP, EXPORT_ROLLUP

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from thidua.accounts.models import User

# A request builds the file itself up to this many rows; beyond, ``rollup.xlsx`` and
# ``follow-up.xlsx`` send the person to the page's “Xuất Excel” (a background job).
SYNC_MAX_ROWS = 2000


@dataclass(frozen=True)
class Built:
    content: bytes
    filename: str
    rows: int


def scope_name(cluster_years: list[ClusterYear]) -> str:
    """The cluster of the export, or every cluster in scope."""
    if len(cluster_years) == 1:
        return str(cluster_years[0].cluster.name)
    return _("Các cụm, khối thi đua")


def _year(raw: Any, years: QuerySet[ClusterYear]) -> int:
    text = str(raw if raw is not None else "")
    if not is_digits(text) or not years.filter(year=int(text)).exists():
        raise ValidationError(
            _("Năm “%(year)s” không có trong phạm vi của bạn."), params={"year": text}
        )
    return int(text)


def kind_label(export_kind: str, parameters: Mapping[str, Any]) -> str:
    """The ``kind`` filter of a job as the person chose it: a cluster or bloc (roll-up), the
    kind of lateness (follow-up)."""
    kind = str(parameters.get("kind") or "")
    labels = dict(ClusterKind.choices if export_kind == ExportKind.ROLLUP else LateKind.choices)
    return str(labels.get(kind, kind))


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key, "")
    return value.strip() if isinstance(value, str) else ""


# ---------------------------------------------------------------- the roll-up


def rollup_parameters(user: User, data: Mapping[str, Any]) -> dict[str, Any]:
    """The roll-up's filters (year, authority, cluster, kind) if each is in the user's scope."""
    scope = cluster_years_for_user(user)
    year = _year(data.get("year"), scope)
    in_year = scope.filter(year=year)
    authority, cluster, kind = _text(data, "authority"), _text(data, "cluster"), _text(data, "kind")
    if authority and not in_year.filter(cluster__authority__code=authority).exists():
        raise ValidationError(
            _("Cơ quan “%(code)s” không có cụm, khối nào trong phạm vi của bạn năm %(year)s."),
            params={"code": authority, "year": year},
        )
    if kind and kind not in ClusterKind.values:
        raise ValidationError(_("Loại “%(kind)s” không phải cụm hay khối."), params={"kind": kind})
    if cluster and not in_year.filter(cluster__code=cluster).exists():
        raise ValidationError(
            _("Cụm, khối “%(code)s” không có trong phạm vi của bạn năm %(year)s."),
            params={"code": cluster, "year": year},
        )
    return {"year": year, "authority": authority, "cluster": cluster, "kind": kind}


def rollup_row_count(
    user: User, *, year: int, cluster: str = "", kind: str = "", authority: str = ""
) -> int:
    """The rows of the roll-up file (one per member unit), counted by the database."""
    years = rollup_years(user, year=year, cluster_code=cluster, kind=kind, authority=authority)
    return ClusterMembership.objects.filter(cluster_year__in=years.order_by()).count()


def build_rollup(
    user: User,
    *,
    year: int | None,
    cluster: str = "",
    kind: str = "",
    authority: str = "",
    progress: Progress | None = None,
) -> Built:
    """The roll-up file of these filters in the user's scope (every row)."""
    clusters = rollup(user, year=year or 0, cluster_code=cluster, kind=kind, authority=authority)
    columns, body = rollup_table(clusters)
    lines = title_lines(
        scope_name([c.cluster_year for c in clusters]),
        _("Tổng hợp đăng ký thi đua và giao ước"),
        year,
    )
    content = to_xlsx(_("Tổng hợp đăng ký"), lines, columns, body, progress=progress)
    return Built(content, f"tong-hop-dang-ky-{year}.xlsx", len(body))


# ---------------------------------------------------------------- the follow-up list


def follow_up_years(user: User, year: int | None) -> list[ClusterYear]:
    """The cluster years the user runs in ``year``, in the order of the page."""
    managed = managed_cluster_years(user)
    return list(
        (managed.filter(year=year) if year else managed.none())
        .select_related("cluster")
        .order_by("cluster__kind", "cluster__number", "cluster__sort_key")
    )


def follow_up_parameters(user: User, data: Mapping[str, Any]) -> dict[str, Any]:
    """The follow-up list's filters (year, kind of lateness) if in the user's scope."""
    year = _year(data.get("year"), managed_cluster_years(user))
    kind = _text(data, "kind")
    if kind and kind not in LateKind.values:
        raise ValidationError(
            _("Việc chậm “%(kind)s” không có trong danh sách."), params={"kind": kind}
        )
    return {"year": year, "kind": kind}


def build_follow_up(
    user: User, *, year: int | None, kind: str = "", progress: Progress | None = None
) -> Built:
    """The late units of every cluster year the user runs in ``year`` (every row)."""
    cluster_years = follow_up_years(user, year)
    rows = filter_rows(late_rows(cluster_years, at=timezone.now()), kind)
    return follow_up_file(cluster_years, rows, year=year, progress=progress)


def follow_up_file(
    cluster_years: list[ClusterYear],
    rows: Sequence[LateRow],
    *,
    year: int | None,
    progress: Progress | None = None,
) -> Built:
    """The file of these late rows (the page has them already; the job computes them)."""
    columns, body = late_table(rows)
    lines = title_lines(scope_name(cluster_years), _("Danh sách đơn vị chậm tiến độ"), year)
    content = to_xlsx(_("Đơn vị chậm"), lines, columns, body, progress=progress)
    return Built(content, f"don-vi-cham-{year}.xlsx", len(body))


# ---------------------------------------------------------------- the kinds


@dataclass(frozen=True)
class Export:
    permission: str
    parameters: Callable[[User, Mapping[str, Any]], dict[str, Any]]
    build: Callable[..., Built]
    page: str  # the URL name of the page the export comes from


EXPORTS: dict[str, Export] = {
    ExportKind.ROLLUP: Export(
        EXPORT_ROLLUP.name, rollup_parameters, build_rollup, "start_of_year:rollup"
    ),
    ExportKind.FOLLOW_UP: Export(
        EXPORT_FOLLOW_UP.name, follow_up_parameters, build_follow_up, "start_of_year:follow_up_all"
    ),
}
