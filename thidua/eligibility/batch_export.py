"""The results of a batch as a file: CSV (UTF-8 with BOM, so Excel reads the accents) or XLSX;
and the empty template of a batch file. Rows are read in chunks, never all at once."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from thidua.core import xlsx
from thidua.eligibility.batch_reader import COLUMNS
from thidua.eligibility.engine import wording
from thidua.eligibility.models import CheckBatch, CheckResult

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
BAD = ("fail", "review")


def header() -> list[str]:
    return [
        _("Dòng"),
        _("Mã đối tượng"),
        _("Tên"),
        _("Đơn vị"),
        _("Mã danh hiệu/hình thức"),
        _("Năm thành tích"),
        _("Ngày nhận hồ sơ"),
        _("Bộ quy định"),
        _("Kết luận"),
        _("Quy tắc chưa đạt hoặc cần xem xét"),
        _("Lý do chưa đạt hoặc cần xem xét"),
        _("Mọi lý do"),
    ]


def result_line(r: CheckResult) -> list[Any]:
    return [
        r.row,
        r.subject_code,
        r.subject_name,
        r.unit_name,
        r.award_code,
        r.achievement_year,
        r.received_on.strftime("%d/%m/%Y"),
        r.rule_set,
        wording.verdict_words(r.verdict),
        ", ".join(code for code in r.failing.split("|") if code),
        "; ".join(x["text"] for x in r.reasons if x["outcome"] in BAD),
        "; ".join(x["text"] for x in r.reasons),
    ]


def _lines(batch: CheckBatch) -> Iterator[list[Any]]:
    yield header()
    for r in CheckResult.objects.filter(batch=batch).order_by("row").iterator(chunk_size=2000):
        yield result_line(r)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(batch: CheckBatch) -> Iterator[bytes]:
    """The CSV, a line at a time (a streaming response), BOM first; risky text never a formula."""
    writer = csv.writer(_Echo())
    yield "\ufeff".encode()
    for line in _lines(batch):
        yield writer.writerow([xlsx.csv_value(v) for v in line]).encode("utf-8")


def safe_cells(sheet: Any, line: list[Any]) -> list[Any]:
    """A row of a write-only sheet: text that a spreadsheet would run stays text."""
    from openpyxl.cell import WriteOnlyCell

    cells: list[Any] = []
    for value in line:
        if xlsx.is_formula_like(value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def results_xlsx(batch: CheckBatch) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Kết quả"))
    for line in _lines(batch):
        sheet.append(safe_cells(sheet, line))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _notes() -> list[str]:
    return [
        _("Mỗi dòng là một lần kiểm tra; cột có dấu * là bắt buộc; tối đa 100.000 dòng."),
        _("Mã đối tượng: mã cá nhân, hoặc mã đơn vị với danh hiệu tập thể (TTLDTT, TTLDXS, Cờ)."),
        _("Ngày nhận hồ sơ: dd/mm/yyyy; để trống thì dùng ngày nhận hồ sơ dự kiến của đợt."),
        _(
            "Sáng kiến: mã các sáng kiến dùng cho dòng này, cách nhau bằng dấu “;”; chỉ những "
            "sáng kiến này được tính. Để trống: chọn sáng kiến chưa dùng, công nhận sớm nhất."
        ),
        _(
            "Điểm/khoản đề nghị (chỉ Bằng khen cấp tỉnh): a, b, c hoặc d của khoản 1 Điều 74 Luật "
            "TĐKT 2022; a–c do Hội đồng xét (Cần xem xét); d hoặc để trống: kiểm tra theo dữ liệu."
        ),
    ]


def template_headers() -> list[str]:
    return [f"{c.header}*" if c.required else c.header for c in COLUMNS]


def template_csv() -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(template_headers())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Danh sách")
    sheet.append(template_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(16, len(str(cell.value)) + 4)
    notes = workbook.create_sheet(_("Hướng dẫn"))
    for line in _notes():
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
