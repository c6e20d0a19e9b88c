"""The downloadable template of the history import: every sheet with its headers (required ones
marked “*”, each with a comment that says how to fill it), one example row marked “Ví dụ” in the
STT column (skipped by the import), drop-down lists for the choices, and a notes sheet."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _

from thidua.awards.imports.columns import (
    SHEETS,
    Column,
    SheetSpec,
)
from thidua.awards.imports.reader import NOTES_SHEET
from thidua.core import xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
EXAMPLE = "Ví dụ"
CHOICES = {
    "gender": ["Nam", "Nữ"],
    "category": ["cán bộ", "công chức", "viên chức", "người lao động"],
    "subject": ["cá nhân", "tập thể"],
    "scope": ["cơ sở", "xã", "tỉnh-bộ", "toàn quốc"],
    "kind": ["kỷ luật", "đang xem xét"],
    "rating": ["HTXS", "HTT", "HT", "KHT"],
    "level": [
        "khiển trách",
        "cảnh cáo",
        "hạ bậc lương",
        "giáng chức",
        "cách chức",
        "buộc thôi việc",
    ],
}
CHOICES["max_discipline"] = CHOICES["level"]


def example_row(spec: SheetSpec, unit_code: str) -> list[Any]:
    """The example: the unit code is one the downloading person may import for."""
    return [EXAMPLE] + [unit_code if c.key == "unit" else c.example for c in spec.columns]


def _headers(spec: SheetSpec) -> list[str]:
    return ["STT"] + [c.label for c in spec.columns]


def build_xlsx(unit_code: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    notes = workbook.active
    notes.title = NOTES_SHEET
    for line in _notes():
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    for spec in SHEETS:
        sheet = workbook.create_sheet(spec.name)
        sheet.append(_headers(spec))
        xlsx.append_safe(sheet, example_row(spec, unit_code))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for cell in sheet[2]:
            cell.font = Font(italic=True, color="808080")
        for index, column in enumerate(spec.columns, start=2):
            cell = sheet.cell(row=1, column=index)
            cell.comment = Comment(str(column.help), "Thi Đua")
            sheet.column_dimensions[cell.column_letter].width = max(14, len(column.label) + 4)
            _add_choices(sheet, DataValidation, column, cell.column_letter)
        xlsx.print_setup(sheet, landscape=True, title_rows=(1, 1))
    xlsx.print_setup(notes, landscape=False)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _add_choices(sheet: Any, validation_type: Any, column: Column, letter: str) -> None:
    if column.key not in CHOICES:
        return
    validation = validation_type(
        type="list", formula1='"' + ",".join(CHOICES[column.key]) + '"', allow_blank=True
    )
    validation.showErrorMessage = False  # the import says what is wrong, in words
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}5000")


def _notes() -> list[str]:
    return [
        _("Mẫu nhập lịch sử thi đua, khen thưởng — hướng dẫn chi tiết: docs/import-history.md."),
        _("Mỗi trang tính là một loại dữ liệu; có thể xóa các trang không dùng."),
        _("Cột có dấu * là bắt buộc. Dòng có chữ “Ví dụ” ở cột STT là dòng mẫu, không được nhập."),
        _("Ngày ghi dd/mm/yyyy; năm ghi 4 chữ số; nhiều mã trong một ô cách nhau bằng dấu “;”."),
        _("Có một lỗi là cả tệp bị từ chối, không ghi gì; gửi lại cùng tệp không tạo trùng."),
        _("Dữ liệu đã có và giống hệt thì bỏ qua; khác với dữ liệu đã có là lỗi (không ghi đè)."),
    ]


def build_csv(spec: SheetSpec, unit_code: str) -> bytes:
    """One sheet as CSV UTF-8 with BOM (Excel opens it with the accents right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    xlsx.write_csv(writer, [_headers(spec), example_row(spec, unit_code)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
