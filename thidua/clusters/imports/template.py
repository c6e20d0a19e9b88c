"""The downloadable import templates (XLSX and CSV): the headers and two example rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.utils import translation

from thidua.clusters.enums import HEAD_LABELS, ClusterKind
from thidua.clusters.imports.columns import COLUMNS, describe
from thidua.core import xlsx
from thidua.organizations.enums import OrganizationKind

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"


def example_rows(authority_code: str = "HN") -> list[dict[str, Any]]:
    """Two new units in a new cluster year: one the head, one a member (file values in Vietnamese)."""
    with translation.override("vi"):
        department = str(OrganizationKind.DEPARTMENT.label)
        head = str(HEAD_LABELS[ClusterKind.CLUSTER][0])
    common = {
        "kind": department,
        "province": "Hà Nội",
        "cluster_code": f"{authority_code}-C12",
        "year": 2025,
        "cluster_name": "Cụm thi đua số 12",
        "cluster_kind": "Cụm",
        "authority_code": authority_code,
    }
    return [
        {
            **common,
            "code": f"{authority_code}-SXD",
            "name": "Sở Xây dựng",
            "short_name": "Sở XD",
            "valid_from": dt.date(2008, 8, 1),
            "role": head,
        },
        {
            **common,
            "code": f"{authority_code}-SCT",
            "name": "Sở Công Thương",
            "short_name": "Sở CT",
            "role": "Thành viên",
        },
    ]


def build_xlsx(authority_code: str = "HN") -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đơn vị"
    sheet.append([c.header for c in COLUMNS])
    for number, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=number)
        cell.font = Font(bold=True)
        with translation.override("vi"):
            cell.comment = Comment(describe(column), "Thi Đua")
        sheet.column_dimensions[cell.column_letter].width = max(14, len(column.header) + 4)
    for example in example_rows(authority_code):
        xlsx.append_safe(sheet, [example.get(c.key) for c in COLUMNS])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    _add_choices(sheet, DataValidation)
    sheet.freeze_panes = "A2"
    xlsx.print_setup(sheet, landscape=True, title_rows=(1, 1))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _add_choices(sheet: Any, validation: Any) -> None:
    """Drop-down lists for the columns with fixed values (typing other text stays allowed)."""
    with translation.override("vi"):
        lists = {
            "kind": [str(label) for label in OrganizationKind.labels],
            "role": [
                *(str(label) for pair in HEAD_LABELS.values() for label in pair),
                "Thành viên",
            ],
            "cluster_kind": ["Cụm", "Khối"],
        }
    for number, column in enumerate(COLUMNS, start=1):
        if column.key not in lists:
            continue
        letter = sheet.cell(row=1, column=number).column_letter
        values = ",".join(value.replace(",", "") for value in lists[column.key])
        rule = validation(
            type="list", formula1=f'"{values}"', allow_blank=True, showErrorMessage=False
        )
        rule.add(f"{letter}2:{letter}5000")
        sheet.add_data_validation(rule)


def build_csv(authority_code: str = "HN") -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens the accents correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.header for c in COLUMNS])
    for example in example_rows(authority_code):
        writer.writerow([_csv_value(example.get(c.key)) for c in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(xlsx.csv_value(str(value)))
