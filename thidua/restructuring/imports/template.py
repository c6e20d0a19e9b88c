"""The downloadable XLSX template of the restructuring import: headers, help and example rows."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.utils import translation

from thidua.core import xlsx
from thidua.restructuring.imports.columns import COLUMNS

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def example_rows() -> list[dict[str, Any]]:
    """Three communes merged into a ward, and a department renamed (1/7/2025)."""
    common = {
        "decision_number": "1656/NQ-UBTVQH15",
        "decision_date": dt.date(2025, 6, 16),
        "issuing_body": "Ủy ban Thường vụ Quốc hội",
        "effective_date": dt.date(2025, 7, 1),
    }
    merge = {**common, "kind": "Sáp nhập", "new_code": "NB-P-HOALU", "new_name": "Phường Hoa Lư"}
    return [
        {**merge, "old_code": "NB-X-NINHNHAT"},
        {**merge, "old_code": "NB-X-NINHTIEN"},
        {**merge, "old_code": "NB-X-NINHPHONG"},
        {
            **common,
            "old_code": "NB-SKHDT",
            "kind": "Đổi tên",
            "new_code": "NB-STC",
            "new_name": "Sở Tài chính",
        },
    ]


def build_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sắp xếp đơn vị"
    sheet.append([c.header for c in COLUMNS])
    for number, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=number)
        cell.font = Font(bold=True)
        with translation.override("vi"):
            if column.help:
                cell.comment = Comment(str(column.help), "Thi Đua")
        sheet.column_dimensions[cell.column_letter].width = max(16, len(column.header) + 4)
    for example in example_rows():
        xlsx.append_safe(sheet, [example.get(c.key) for c in COLUMNS])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"
    xlsx.print_setup(sheet, landscape=True, title_rows=(1, 1))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
