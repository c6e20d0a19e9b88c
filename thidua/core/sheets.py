"""Reading an uploaded spreadsheet into rows of cells: CSV (UTF-8) or XLSX (its first sheet).

Shared by every import (units and clusters, users): each import says how to recognise its
header row (``is_header``) and what to tell a person whose file has none. Everything that makes
the file as a whole unreadable raises ``ImportFileError`` with a Vietnamese message that says how
to fix the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.sheet_bounds import (
    MAX_ROWS,
    ImportFileError,
    SheetLimits,
    check_csv,
    check_xlsx,
    column_letter,
    damaged,
    thousands,
)
from thidua.core.vntext import fold

__all__ = [  # the limits, the error and two helpers live in sheet_bounds, imported from here
    "MAX_COLUMNS",
    "MAX_ROWS",
    "ImportFileError",
    "Sheet",
    "SheetFormat",
    "SheetLimits",
    "clean_text",
    "column_letter",
    "decode_csv",
    "file_kind",
    "normalize_header",
    "read_csv",
    "read_sheet",
    "read_xlsx",
    "thousands",
]

# UTF-8 Vietnamese read once as Windows-1252 and saved again: “Sở” → “Sá»Ÿ”, “đ” → “Ä‘”,
# “ư” → “Æ°”, “á” → “Ã¡”. None of these pairs occurs in real Vietnamese text.
MOJIBAKE = re.compile("á[»º]|Æ[°¡]|Ä[‘\u0090]|Ã[\u00a1-\u00bf]")
MAX_COLUMNS = 60
HEADER_SEARCH_ROWS = 10  # a title block above the header row is common in office spreadsheets

HeaderTest = Callable[[list[Any]], bool]


def normalize_header(text: object) -> str:
    """'Mã đơn vị (bắt buộc) *' → 'ma don vi'; 'Tỉnh/Thành phố' → 'tinh thanh pho'."""
    folded = fold(str(text) if text is not None else "")
    folded = re.sub(r"\(.*?\)", " ", folded)
    return re.sub(r"[^a-z0-9]+", " ", folded).strip()


def clean_text(value: object) -> str:
    """Cell → text: NFC (names typed on a Mac arrive decomposed), single spaces, no '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    text = unicodedata.normalize("NFC", str(value))
    return " ".join(text.split())


@dataclass
class Sheet:
    """Raw rows of one sheet (or of the CSV file): ``(row number, cells)``, blank rows kept out."""

    name: str
    max_rows: int = MAX_ROWS
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    truncated: bool = False

    def find_header(self, is_header: HeaderTest) -> tuple[int, list[Any]] | None:
        """The first row among the first few that ``is_header`` recognises."""
        for number, cells in self.rows[:HEADER_SEARCH_ROWS]:
            if is_header(cells):
                return number, cells
        return None


def file_kind(data: bytes, filename: str) -> str:
    """'xlsx' or 'csv' from the extension, checked against the content."""
    name = PurePath(filename).name
    extension = PurePath(filename).suffix.lower().lstrip(".")
    if not data:
        raise ImportFileError(_("Tệp “{name}” rỗng.").format(name=name))
    if extension == "xls" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _(
                "Tệp “{name}” là tệp Excel 97-2003 (.xls), không được hỗ trợ. Hãy mở tệp trong "
                "Excel và lưu lại dưới dạng “Excel Workbook (.xlsx)” hoặc “CSV UTF-8”."
            ).format(name=name)
        )
    if extension == "xlsx":
        if not _is_xlsx(data):
            raise ImportFileError(
                _(
                    "Tệp “{name}” không phải tệp Excel (XLSX) hợp lệ (có thể đã hỏng hoặc chỉ "
                    "được đổi đuôi). Hãy mở bằng Excel và lưu lại dưới dạng .xlsx."
                ).format(name=name)
            )
        return "xlsx"
    if extension == "csv":
        if data.startswith(b"PK"):
            raise ImportFileError(
                _(
                    "Tệp “{name}” có đuôi .csv nhưng nội dung là tệp Excel. Hãy đổi đuôi thành "
                    ".xlsx hoặc lưu lại dưới dạng “CSV UTF-8”."
                ).format(name=name)
            )
        return "csv"
    raise ImportFileError(
        _("Tệp “{name}” không đúng loại. Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).").format(
            name=name
        )
    )


def _is_xlsx(data: bytes) -> bool:
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and "xl/workbook.xml" in names


def decode_csv(data: bytes, filename: str) -> str:
    """UTF-8 text (with or without BOM), or a message that says how to save it from Excel."""
    name = PurePath(filename).name
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _(
                "Tệp “{name}” không dùng bảng mã UTF-8 (lỗi ở byte thứ {position}), nên chữ có "
                "dấu sẽ bị sai. Lưu tệp dưới dạng CSV UTF-8: trong Excel chọn Tệp › Lưu thành › "
                "“CSV UTF-8 (Comma delimited) (*.csv)”."
            ).format(name=name, position=exc.start + 1)
        ) from None
    if match := MOJIBAKE.search(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.start())
        words = re.split(r"[\s,;]", text[line_start : line_end if line_end >= 0 else None])
        word = next((w for w in words if MOJIBAKE.search(w)), match.group())
        line = text.count("\n", 0, match.start()) + 1
        raise ImportFileError(
            _(
                "Tệp “{name}” có chữ bị lỗi bảng mã ở dòng {row} (“{word}”): có lẽ tệp đã được mở "
                "và lưu lại bằng bảng mã khác. Hãy lấy lại dữ liệu gốc và lưu tệp dưới dạng CSV "
                "UTF-8."
            ).format(name=name, row=line, word=word[:30])
        )
    if "\x00" in text:
        raise ImportFileError(
            _("Tệp “{name}” không phải tệp văn bản CSV. Lưu tệp dưới dạng CSV UTF-8.").format(
                name=name
            )
        )
    return text


def read_csv(
    data: bytes, filename: str, max_rows: int = MAX_ROWS, limits: SheetLimits | None = None
) -> Sheet:
    """Rows of a CSV file no larger than ``limits`` (``SheetLimits.for_rows(max_rows)``)."""
    limits = limits or SheetLimits.for_rows(max_rows)
    check_csv(data, filename, limits)
    text = decode_csv(data, filename)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    try:
        delimiter = csv.Sniffer().sniff(first_line, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    sheet = Sheet(name="", max_rows=max_rows)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, start=1):
            if number > limits.rows:  # blank lines are not kept, but they are counted
                raise ImportFileError(
                    _(
                        "Tệp có hơn {limit} dòng (kể cả dòng trống), vượt giới hạn của một lần "
                        "nhập: hãy xóa các dòng thừa hoặc chia nhỏ tệp rồi gửi lại."
                    ).format(limit=thousands(limits.rows))
                )
            if _add_row(sheet, number, cells):
                break
    except csv.Error as exc:
        raise ImportFileError(
            _("Tệp CSV bị lỗi ở dòng {row}: {error}.").format(row=reader.line_num, error=exc)
        ) from None
    return sheet


def _add_row(sheet: Sheet, number: int, cells: list[Any] | tuple[Any, ...]) -> bool:
    """Keep a non-blank row; True once the sheet is over the row limit."""
    cells = list(cells[:MAX_COLUMNS])
    if any(cell is not None and str(cell).strip() for cell in cells):
        sheet.rows.append((number, cells))
    if len(sheet.rows) > sheet.max_rows + HEADER_SEARCH_ROWS:
        sheet.truncated = True
        return True
    return False


def read_xlsx(
    data: bytes, filename: str, max_rows: int = MAX_ROWS, limits: SheetLimits | None = None
) -> list[Sheet]:
    """All worksheets, each read only as far as needed; the importer uses the first one.
    The file is checked against ``limits`` (``SheetLimits.for_rows(max_rows)``) first, then
    streamed (openpyxl read-only mode): never more than the limits in memory or time."""
    from openpyxl import load_workbook

    check_xlsx(data, filename, limits or SheetLimits.for_rows(max_rows))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a damaged workbook
        raise damaged(filename) from None
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            sheet = Sheet(name=worksheet.title, max_rows=max_rows)
            worksheet.reset_dimensions()  # a wrong stored size must not hide rows or pad columns
            for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1):
                if _add_row(sheet, number, cells):
                    break
            sheets.append(sheet)
    except Exception:  # a damaged sheet is only found while reading it in read-only mode
        raise damaged(filename) from None
    finally:
        workbook.close()
    return sheets


@dataclass(frozen=True)
class SheetFormat:
    """What one import expects: how its header row is recognised and how the file is named."""

    is_header: HeaderTest
    missing_header: Callable[[str], str]  # the sheet's name → what to tell the person
    what: str  # what a sheet holds, for messages: "danh sách đơn vị"
    command: str  # the command that imports more rows than a web request may


def read_sheet(data: bytes, filename: str, fmt: SheetFormat, max_rows: int = MAX_ROWS) -> Sheet:
    """The one sheet to import, refusing files whose data is not (only) on the first sheet."""
    if file_kind(data, filename) == "csv":
        sheet = read_csv(data, filename, max_rows)
    else:
        sheet = _pick_sheet(read_xlsx(data, filename, max_rows), fmt)
    if sheet.truncated:
        message = _("Tệp có quá nhiều dòng: tối đa {limit} dòng mỗi lần nhập; hãy chia nhỏ tệp.")
        if max_rows < MAX_ROWS:
            message = _(
                "Tệp có quá nhiều dòng để nhập trên trang web: tối đa {limit} dòng mỗi lần. Hãy "
                "chia nhỏ tệp, hoặc nhờ quản trị viên dùng lệnh “{command}” "
                "(tối đa {command_limit} dòng)."
            )
        raise ImportFileError(
            message.format(
                limit=thousands(max_rows),
                command=fmt.command,
                command_limit=thousands(MAX_ROWS),
            )
        )
    if not sheet.rows:
        raise ImportFileError(_("Tệp không có dữ liệu (không có dòng nào)."))
    if sheet.find_header(fmt.is_header) is None:
        raise ImportFileError(fmt.missing_header(sheet.name))
    return sheet


def _pick_sheet(sheets: list[Sheet], fmt: SheetFormat) -> Sheet:
    if not sheets:
        raise ImportFileError(_("Tệp Excel không có trang tính nào."))
    first, others = sheets[0], sheets[1:]
    with_data = [s.name for s in others if s.find_header(fmt.is_header) is not None]
    if first.find_header(fmt.is_header) is None and with_data:
        raise ImportFileError(
            _(
                "Dữ liệu phải nằm ở trang tính đầu tiên, nhưng trang đầu “{first}” không có dòng "
                "tiêu đề còn trang “{other}” thì có. Hãy chuyển trang “{other}” lên đầu hoặc xóa "
                "các trang khác."
            ).format(first=first.name, other=with_data[0])
        )
    if with_data:
        raise ImportFileError(
            _(
                "Tệp có nhiều trang tính chứa {what} (“{first}”, {others}); chỉ nhập "
                "được một trang. Hãy gộp dữ liệu vào trang đầu tiên và xóa các trang còn lại."
            ).format(what=fmt.what, first=first.name, others=", ".join(f"“{n}”" for n in with_data))
        )
    return first
