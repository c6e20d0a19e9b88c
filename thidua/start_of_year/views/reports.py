"""Reports of the start of the year: the follow-up list of late units (one cluster year, or every
cluster year the user runs in a year) with XLSX/CSV exports, the board's roll-up, and evidence
downloads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.clusters.enums import ClusterKind
from thidua.clusters.models import ClusterMembership
from thidua.clusters.selectors import (
    cluster_year_detail,
    cluster_year_or_404,
    cluster_years_for_user,
    managed_cluster_years,
)
from thidua.core.http import AuthedRequest, get_object_for_user_or_404, is_htmx, serve_stored_file
from thidua.core.numbers import is_digits
from thidua.core.web import require
from thidua.start_of_year.enums import LateKind
from thidua.start_of_year.export_jobs import (
    SYNC_MAX_ROWS,
    Built,
    build_rollup,
    follow_up_file,
    follow_up_years,
    rollup_row_count,
    scope_name,
)
from thidua.start_of_year.exports import late_table, title_lines, to_csv, to_xlsx
from thidua.start_of_year.followup import (
    LateRow,
    count_by_kind,
    filter_rows,
    late_rows,
    late_unit_count,
)
from thidua.start_of_year.rollup import rollup_rows, rollup_years
from thidua.start_of_year.rules import VIEW_FOLLOW_UP, VIEW_ROLLUP
from thidua.start_of_year.selectors import evidence_for_user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FOLLOW_UP_PAGE_SIZE = 50  # rows of the late-units table per page (the exports have them all)


def _late_context(request: AuthedRequest, cluster_years: list[Any]) -> dict[str, Any]:
    kind = request.GET.get("kind", "")
    kind = kind if kind in LateKind.values else ""
    rows = late_rows(cluster_years, at=timezone.now())
    shown = filter_rows(rows, kind)
    return {
        "rows": shown,  # every row: the exports
        "page": Paginator(shown, FOLLOW_UP_PAGE_SIZE).get_page(request.GET.get("page")),
        "late_units": late_unit_count(rows),
        "counts": count_by_kind(rows),
        "kind": kind,
        "kinds": LateKind.choices,
        "now": timezone.now(),
    }


def _download(body: bytes | str, fmt: str, filename: str) -> HttpResponse:
    content_type = XLSX if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _export(
    rows: list[LateRow], fmt: str, filename: str, *, body_name: str, year: int | None
) -> HttpResponse:
    columns, body = late_table(rows)
    if fmt == "xlsx":
        lines = title_lines(body_name, _("Danh sách đơn vị chậm tiến độ"), year)
        return _download(to_xlsx(_("Đơn vị chậm"), lines, columns, body), fmt, filename)
    return _download(to_csv(columns, body), fmt, filename)


def _built(built: Built) -> HttpResponse:
    response = HttpResponse(built.content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    return response


def _too_big(request: AuthedRequest, page: str) -> HttpResponse:
    """A file too big to build in the request: the page, whose “Xuất Excel” builds it in the
    background (the same builder, so both ways give the same file)."""
    messages.info(
        request,
        _(
            "Bảng có hơn {n} dòng, quá lớn để tải ngay: bấm “Xuất Excel” để tạo tệp trong nền."
        ).format(n=SYNC_MAX_ROWS),
    )
    query = request.GET.urlencode()
    return redirect(reverse(page) + (f"?{query}" if query else ""))


@login_required
def follow_up(request: AuthedRequest, code: str, year: int, fmt: str = "") -> HttpResponse:
    cluster_year = cluster_year_or_404(
        request.user, code, year, queryset=cluster_year_detail(request.user)
    )
    require(request, VIEW_FOLLOW_UP.name, cluster_year)
    context = _late_context(request, [cluster_year])
    if fmt:
        return _export(
            context["rows"],
            fmt,
            f"don-vi-cham-{code}-{year}",
            body_name=cluster_year.cluster.name,
            year=year,
        )
    context.update({"cy": cluster_year, "cluster_years": [cluster_year]})
    return render(request, "start_of_year/follow_up.html", context)


def _selected_year(request: AuthedRequest, years: list[int]) -> int | None:
    raw = request.GET.get("year", "")
    if is_digits(raw) and int(raw) in years:
        return int(raw)
    return years[0] if years else None


@login_required
def follow_up_all(request: AuthedRequest, fmt: str = "") -> HttpResponse:
    """Every cluster year the user runs in one year (secretariat, board, admin)."""
    require(request, VIEW_FOLLOW_UP.name)
    managed = managed_cluster_years(request.user)
    years = list(managed.order_by("-year").values_list("year", flat=True).distinct())
    year = _selected_year(request, years)
    cluster_years = follow_up_years(request.user, year)
    context = _late_context(request, cluster_years)
    if fmt == "xlsx":
        if len(context["rows"]) > SYNC_MAX_ROWS:
            return _too_big(request, "start_of_year:follow_up_all")
        return _built(follow_up_file(cluster_years, context["rows"], year=year))
    if fmt:
        return _export(
            context["rows"],
            fmt,
            f"don-vi-cham-{year}",
            body_name=scope_name(cluster_years),
            year=year,
        )
    context.update({"cy": None, "cluster_years": cluster_years, "year": year, "years": years})
    return render(request, "start_of_year/follow_up.html", context)


ROLLUP_PAGE_SIZE = 20  # cluster years per page (each lists its members)
CLUSTER_CHOICES_MAX = 200  # beyond this the cluster filter asks for an authority first


def _rollup_filters(request: AuthedRequest, scope: Any, year: int | None) -> dict[str, Any]:
    """The roll-up's filters, each kept only if it is one of the choices offered."""
    in_year = scope.filter(year=year) if year else scope.none()
    authorities = list(
        in_year.order_by("cluster__authority__sort_key")
        .values_list("cluster__authority__code", "cluster__authority__name")
        .distinct()
    )
    authority = request.GET.get("authority", "")
    authority = authority if authority in {code for code, _name in authorities} else ""
    kind = request.GET.get("kind", "")
    clusters = in_year.filter(cluster__authority__code=authority) if authority else in_year
    cluster_choices = list(
        clusters.order_by("cluster__kind", "cluster__number", "cluster__sort_key").values_list(
            "cluster__code", "cluster__name"
        )[: CLUSTER_CHOICES_MAX + 1]
    )
    return {
        "authority": authority,
        "authorities": authorities if len(authorities) > 1 else [],
        "kind": kind if kind in ClusterKind.values else "",
        "cluster_code": request.GET.get("cluster", ""),
        # too many to offer in a select: the page asks for an authority first
        "cluster_choices": cluster_choices if len(cluster_choices) <= CLUSTER_CHOICES_MAX else [],
    }


@login_required
def rollup_page(request: AuthedRequest, fmt: str = "") -> HttpResponse:
    """The roll-up, one page of cluster years at a time; the Excel file has every row."""
    require(request, VIEW_ROLLUP.name)
    scope = cluster_years_for_user(request.user)
    years = list(scope.order_by("-year").values_list("year", flat=True).distinct())
    year = _selected_year(request, years)
    filters = _rollup_filters(request, scope, year)
    chosen = {k: filters[k] for k in ("cluster_code", "kind", "authority")}
    if fmt == "xlsx":
        filters_of_file = {
            "cluster": filters["cluster_code"],
            "kind": filters["kind"],
            "authority": filters["authority"],
        }
        if rollup_row_count(request.user, year=year or 0, **filters_of_file) > SYNC_MAX_ROWS:
            return _too_big(request, "start_of_year:rollup")
        return _built(build_rollup(request.user, year=year, **filters_of_file))
    selected = rollup_years(request.user, year=year or 0, **chosen)
    page = Paginator(selected, ROLLUP_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **filters,
        "page": page,
        "clusters": rollup_rows(list(page.object_list)),
        "year": year,
        "years": years,
        "kinds": ClusterKind.choices,
        "unit_count": ClusterMembership.objects.filter(cluster_year__in=selected).count(),
    }
    if is_htmx(request):
        return render(request, "start_of_year/rollup.html#results", context)
    return render(request, "start_of_year/rollup.html", context)


@login_required
def evidence_download(request: AuthedRequest, pk: int) -> FileResponse:
    """Evidence is never served from /media/: only to users who see the cluster year."""
    evidence = get_object_for_user_or_404(evidence_for_user(request.user), pk=pk)
    return serve_stored_file(evidence.file, evidence.original_name)
