"""Spreadsheets of the follow-up list and the board roll-up (XLSX via ``core.xlsx``, and CSV).

Each table is a list of ``Column`` (its own widths and kinds) and rows of typed values: the
year and counts as numbers, deadlines as dates. The XLSX prints A4 landscape, one page wide,
under a title block; the CSV writes the same rows with dates as dd/mm/yyyy hh:mm. Text that a
spreadsheet would run (``=…``, ``+…``) is written as text in both."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import xlsx
from thidua.core.xlsx import Column
from thidua.start_of_year.followup import LateRow
from thidua.start_of_year.rollup import ClusterRow

HEADER_ROW = 5  # three title lines, a blank row, then the header
PROGRESS_EVERY = 500  # rows written between two calls of ``progress`` (a background export)

Progress = Callable[[int, int], None]
"""Told (rows written, rows in all) every ``PROGRESS_EVERY`` rows and once at the end."""


def late_table(rows: Sequence[LateRow]) -> tuple[list[Column], list[list[Any]]]:
    columns = [
        Column(_("Cụm, khối"), 24),
        Column(_("Năm"), 7, "year"),
        Column(_("Đơn vị"), 30),
        Column(_("Việc chậm"), 20),
        Column(_("Chi tiết"), 44),
        Column(_("Hạn"), 17, "datetime"),
        Column(_("Mở lại đến"), 17, "datetime"),
    ]
    body = [
        [
            r.cluster_year.cluster.name,
            r.cluster_year.year,
            r.organization.name,
            r.kind_label,
            r.detail,
            r.due_at,
            r.reopened_until,
        ]
        for r in rows
    ]
    return columns, body


def rollup_table(clusters: Sequence[ClusterRow]) -> tuple[list[Column], list[list[Any]]]:
    columns = [
        Column(_("Cụm, khối"), 22),
        Column(_("Năm"), 7, "year"),
        Column(_("Đơn vị"), 28),
        Column(_("Danh hiệu, hình thức đăng ký"), 28),
        Column(_("Số mô hình"), 9, "int"),
        Column(_("Số chuyên đề"), 9, "int"),
        Column(_("Trạng thái đăng ký"), 18),
        Column(_("Giao ước (phiên bản)"), 11, "int"),
        Column(_("Đã ký giao ước"), 11, "center"),
    ]
    body: list[list[Any]] = [
        [
            cluster.cluster_year.cluster.name,
            cluster.cluster_year.year,
            unit.name,
            unit.award_name,
            unit.model_count,
            unit.topic_count,
            unit.status_label,
            cluster.pledge.version if cluster.pledge else None,
            f"{cluster.signed_count}/{cluster.member_count}" if cluster.pledge else "",
        ]
        for cluster in clusters
        for unit in cluster.units
    ]
    return columns, body


def title_lines(body_name: str, title: str, year: int | None) -> list[str]:
    """The title block: who (a cluster, or every cluster in scope), what, which year and when."""
    moment = timezone.localtime().strftime("%d/%m/%Y %H:%M")
    when = _("Năm {year}, số liệu đến {moment}").format(year=year or "", moment=moment)
    return [body_name.upper(), title.upper(), when]


def to_xlsx(
    sheet_title: str,
    lines: Sequence[str],
    columns: Sequence[Column],
    body: list[list[Any]],
    *,
    progress: Progress | None = None,
) -> bytes:
    workbook, sheet = xlsx.new_sheet(sheet_title)
    xlsx.set_widths(sheet, columns)
    xlsx.title_block(sheet, lines, last_col=len(columns))
    xlsx.header_row(sheet, HEADER_ROW, columns)
    if progress is not None:
        progress(0, len(body))
    for written, values in enumerate(body, start=1):
        xlsx.table_row(sheet, HEADER_ROW + written, values, columns)
        if progress is not None and written % PROGRESS_EVERY == 0:
            progress(written, len(body))
    xlsx.fit_row_heights(sheet, HEADER_ROW, HEADER_ROW + len(body))
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    xlsx.print_setup(sheet, landscape=True, title_rows=(HEADER_ROW, HEADER_ROW))
    content = xlsx.save(workbook)
    if progress is not None:
        progress(len(body), len(body))
    return content


def to_csv(columns: Sequence[Column], body: list[list[Any]]) -> str:
    return xlsx.csv_text([c.title for c in columns], ([_text(v) for v in row] for row in body))


def _text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    return value
