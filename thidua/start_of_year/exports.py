"""Spreadsheets of the follow-up list and the board roll-up (XLSX via openpyxl, and CSV)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.start_of_year.followup import LateRow
from thidua.start_of_year.rollup import ClusterRow


def _moment(value: Any) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def late_table(rows: Sequence[LateRow]) -> tuple[list[str], list[list[str]]]:
    header = [
        _("Cụm, khối"),
        _("Năm"),
        _("Đơn vị"),
        _("Việc chậm"),
        _("Chi tiết"),
        _("Hạn"),
        _("Mở lại đến"),
    ]
    body = [
        [
            r.cluster_year.cluster.name,
            str(r.cluster_year.year),
            r.organization.name,
            r.kind_label,
            r.detail,
            _moment(r.due_at),
            _moment(r.reopened_until),
        ]
        for r in rows
    ]
    return header, body


def rollup_table(clusters: Sequence[ClusterRow]) -> tuple[list[str], list[list[Any]]]:
    header = [
        _("Cụm, khối"),
        _("Năm"),
        _("Đơn vị"),
        _("Danh hiệu, hình thức đăng ký"),
        _("Số mô hình"),
        _("Số chuyên đề"),
        _("Trạng thái đăng ký"),
        _("Giao ước (phiên bản)"),
        _("Đã ký giao ước"),
    ]
    body: list[list[Any]] = [
        [
            cluster.cluster_year.cluster.name,
            cluster.cluster_year.year,
            unit.organization.name,
            unit.award_name,
            unit.model_count,
            unit.topic_count,
            unit.status_label,
            cluster.pledge.version if cluster.pledge else "",
            f"{cluster.signed_count}/{cluster.member_count}" if cluster.pledge else "",
        ]
        for cluster in clusters
        for unit in cluster.units
    ]
    return header, body


def to_xlsx(title: str, header: list[str], body: list[list[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in body:
        sheet.append(row)
    for column, width in zip("ABCDEFGHI", (28, 8, 36, 24, 60, 18, 18, 14, 14), strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_csv(header: list[str], body: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(body)
    # A byte-order mark so that Excel opens the Vietnamese text as UTF-8.
    return "\ufeff" + buffer.getvalue()
