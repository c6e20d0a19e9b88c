"""The downloadable user import template: the headers (with their help as comments), two
example rows and a drop-down list of roles."""

from __future__ import annotations

import io

from django.utils import translation

from thidua.accounts.enums import Role
from thidua.accounts.imports.columns import COLUMNS, describe
from thidua.core import xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def example_rows(unit_code: str, authority_code: str) -> list[dict[str, str]]:
    with translation.override("vi"):
        officer, board = str(Role.UNIT_OFFICER.label), str(Role.COUNCIL_MEMBER.label)
    return [
        {
            "full_name": "Nguyễn Văn An",
            "email": "an.nguyen@example.vn",
            "position": "Chuyên viên",
            "unit_code": unit_code,
            "role": officer,
        },
        {
            "full_name": "Trần Thị Bình",
            "email": "binh.tran@example.vn",
            "username": "binhtt",
            "position": "Phó Chủ tịch Hội đồng",
            "authority_code": authority_code,
            "role": board,
        },
    ]


def build_xlsx(unit_code: str = "HN-SNV", authority_code: str = "HN") -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Người dùng"
    sheet.append([c.header for c in COLUMNS])
    for number, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=number)
        cell.font = Font(bold=True)
        cell.comment = Comment(describe(column), "Thi Đua")
        sheet.column_dimensions[cell.column_letter].width = max(16, len(column.header) + 6)
        if column.key == "role":
            with translation.override("vi"):
                labels = ",".join(str(label).replace(",", "") for label in Role.labels)
            rule = DataValidation(
                type="list", formula1=f'"{labels}"', allow_blank=True, showErrorMessage=False
            )
            rule.add(f"{cell.column_letter}2:{cell.column_letter}2000")
            sheet.add_data_validation(rule)
    for example in example_rows(unit_code, authority_code):
        xlsx.append_safe(sheet, [example.get(c.key, "") for c in COLUMNS])
    sheet.freeze_panes = "A2"
    xlsx.print_setup(sheet, landscape=True, title_rows=(1, 1))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
