"""Excel (and CSV) exports that print as an office expects, shared by every export.

- **Print setup** (``print_setup``): A4, portrait or landscape (a parameter: landscape where the
  table is wide), fit to one page wide and as many pages long as needed, the title rows repeated
  on every page, "Trang &P/&N" in the footer, margins close to Nghị định 30/2020 (left 30 mm,
  right 15 mm, top and bottom 20 mm).
- **Title block** (``title_block``): lines merged across the table and centred (the body or
  cluster name, the title, the cluster and year line).
- **Tables** (``Column``, ``header_row``, ``table_row``): column widths given per table, Times New
  Roman, borders, wrapped text, row heights estimated from the text length and column width
  (``fit_row_heights``); numbers written as numbers and dates as dates with Vietnamese formats.
- **Safe cells** (``put`` and ``csv_value``): text beginning with ``=``, ``+``, ``-``, ``@``, a
  tab or a carriage return is always written as text — in XLSX a string cell with the quote
  prefix (never a formula), in CSV behind a single quote — so that a unit named
  ``=HYPERLINK(…)`` is shown, never run.

openpyxl is imported inside the functions (it is heavy and only needed for a download).
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import math
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT = "Times New Roman"
SIZE = 12
FOOTER = "Trang &P/&N"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Vietnamese number formats (Excel shows the separators of the reader's locale: 1.234,50).
DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"
INTEGER = "#,##0"
DECIMAL = "#,##0.00"
YEAR = "0"
FORMATS = {"int": INTEGER, "decimal": DECIMAL, "points": DECIMAL, "year": YEAR}

MM_PER_INCH = 25.4
MARGINS_MM = {"left": 30, "right": 15, "top": 20, "bottom": 20, "header": 8, "footer": 8}
A4 = 9  # the paper size code of A4 in SpreadsheetML
LINE_HEIGHT = 15.75  # points per line of 12 pt Times New Roman
CHARS_PER_WIDTH = 0.95  # characters of Vietnamese text per unit of column width, roughly
BOLD_WIDTH = 0.85  # bold text is wider


@dataclass(frozen=True)
class Column:
    """One column of a table: its title, its width (in Excel's units) and what it holds
    ("text", "center", "int", "decimal", "points", "year", "date", "datetime")."""

    title: str
    width: float
    kind: str = "text"


# ----------------------------------------------------------------- safe values


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_value(value: Any) -> Any:
    """A CSV field that a spreadsheet will never run: risky text behind a single quote."""
    if value is None:
        return ""
    if is_formula_like(value):
        return "'" + value
    return value


def csv_text(header: Sequence[Any], rows: Iterable[Sequence[Any]], **writer: Any) -> str:
    """A whole CSV (with a byte-order mark so that Excel reads UTF-8), every field safe."""
    buffer = io.StringIO()
    write_csv(csv.writer(buffer, **writer), [header, *rows])
    return "\ufeff" + buffer.getvalue()


def write_csv(writer: Any, rows: Iterable[Sequence[Any]]) -> None:
    for row in rows:
        writer.writerow([csv_value(value) for value in row])


def put(ws: Any, row: int, col: int, value: Any, *, number_format: str | None = None) -> Any:
    """Write a value as what it is: risky text as text, a date as a date, a number as a number."""
    cell = ws.cell(row=row, column=col)
    _set_value(cell, value)
    if isinstance(value, dt.datetime):
        cell.number_format = number_format or DATETIME
    elif isinstance(value, dt.date):
        cell.number_format = number_format or DATE
    elif is_formula_like(value):
        cell.quotePrefix = True
    elif number_format and isinstance(value, int | float | Decimal):
        cell.number_format = number_format
    if cell.font is None or cell.font.name != FONT:
        cell.font = font()
    return cell


def _set_value(cell: Any, value: Any) -> None:
    """The value part of ``put`` (its style apart): dates without time zone, risky text as text."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        cell.value = value.replace(tzinfo=None)
    else:
        cell.value = value
        if is_formula_like(value):
            cell.data_type = "s"


def _value_kind(value: Any) -> str:
    """What decides the style ``put`` gives a value (its number format, the quote prefix)."""
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if is_formula_like(value):
        return "text-quoted"
    if isinstance(value, int | float | Decimal):
        return "number"
    return "other"


def append_safe(ws: Any, values: Sequence[Any]) -> None:
    """``ws.append`` for sheets built row by row (the import templates), risky text kept text."""
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        if is_formula_like(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True


def formula(ws: Any, row: int, col: int, text: str, *, number_format: str = DECIMAL) -> Any:
    """A formula we build (never from user text): the only way a cell becomes one."""
    cell = ws.cell(row=row, column=col, value=text)
    cell.data_type = "f"
    cell.number_format = number_format
    cell.font = font(bold=True)
    return cell


# ----------------------------------------------------------------- styles


def font(*, bold: bool = False, italic: bool = False, size: float = SIZE) -> Any:
    from openpyxl.styles import Font

    return Font(name=FONT, bold=bold, italic=italic, size=size)


def border() -> Any:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="000000")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def alignment(kind: str = "text") -> Any:
    from openpyxl.styles import Alignment

    horizontal = {"text": "left", "center": "center"}.get(kind, "right")
    if kind in ("date", "datetime", "year"):
        horizontal = "center"
    return Alignment(horizontal=horizontal, vertical="center", wrap_text=True)


def fill(color: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor=color)


HEADER_FILL = "E8EAEE"
GROUP_FILL = "F5F0E1"
LOCKED_FILL = "EEEEEE"


# ----------------------------------------------------------------- workbook and page


def new_sheet(title: str) -> tuple[Any, Any]:
    """A workbook with one sheet named ``title`` (Excel allows 31 characters)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31].strip()
    return workbook, sheet


def save(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def print_setup(ws: Any, *, landscape: bool, title_rows: tuple[int, int] | None = None) -> None:
    """A4, one page wide, the title rows on every page, page numbers, the decree's margins."""
    ws.page_setup.paperSize = A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for side, mm in MARGINS_MM.items():
        setattr(ws.page_margins, side, round(mm / MM_PER_INCH, 3))
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.font = f"{FONT},Regular"
    ws.oddFooter.center.size = 11
    if title_rows is not None:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"


def set_widths(ws: Any, columns: Sequence[Column]) -> None:
    from openpyxl.utils import get_column_letter

    for number, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(number)].width = column.width


# ----------------------------------------------------------------- blocks


def merged_text(
    ws: Any,
    row: int,
    text: str,
    *,
    first_col: int,
    last_col: int,
    bold: bool = False,
    italic: bool = False,
    size: float = SIZE,
    align: str = "center",
) -> Any:
    """A line of text merged over ``first_col``–``last_col``, tall enough for its wrapped text."""
    cell = put(ws, row, first_col, text)
    cell.font = font(bold=bold, italic=italic, size=size)
    cell.alignment = alignment(align)
    if last_col > first_col:
        ws.merge_cells(start_row=row, start_column=first_col, end_row=row, end_column=last_col)
    lines = _lines(text, _span_width(ws, first_col, last_col) * SIZE / size)
    ws.row_dimensions[row].height = LINE_HEIGHT * size / SIZE * lines + 4
    return cell


def title_block(
    ws: Any, lines: Sequence[str], *, last_col: int, start_row: int = 1, first_col: int = 1
) -> int:
    """Each line merged across the table and centred; the first two bold. Returns the next row.
    Set the column widths first: the row heights follow them."""
    sizes = [13, 14] + [12] * max(0, len(lines) - 2)
    for index, text in enumerate(lines):
        merged_text(
            ws,
            start_row + index,
            text,
            first_col=first_col,
            last_col=last_col,
            bold=index < 2,
            italic=index >= 2,
            size=sizes[index],
        )
    return start_row + len(lines)


def header_row(ws: Any, row: int, columns: Sequence[Column]) -> None:
    """Bold, shaded, bordered and centred titles; the widths of this table."""
    for number, column in enumerate(columns, start=1):
        cell = put(ws, row, number, column.title)
        cell.font = font(bold=True)
        cell.fill = fill(HEADER_FILL)
        cell.border = border()
        cell.alignment = alignment("center")
    set_widths(ws, columns)


def table_row(
    ws: Any,
    row: int,
    values: Sequence[Any],
    columns: Sequence[Column],
    *,
    bold: bool = False,
    shade: str | None = None,
) -> None:
    """One bordered row; each value written as its column's kind says.

    The first cell of each style (column, kind of value, bold, shade) is styled in full; the
    next ones copy its style (openpyxl's own ``copy_worksheet`` does the same): building a font,
    border and alignment per cell, each looked up by hash in the workbook, was most of the time
    of a 10,000-row export."""
    styles = _ROW_STYLES.setdefault(ws, {})
    for number, (value, column) in enumerate(zip(values, columns, strict=False), start=1):
        key = (number, column.kind, _value_kind(value), bold, shade)
        known = styles.get(key)
        if known is not None:
            cell = ws.cell(row=row, column=number)
            _set_value(cell, value)
            cell._style = copy.copy(known)
            continue
        cell = put(ws, row, number, value, number_format=FORMATS.get(column.kind))
        cell.border = border()
        cell.alignment = alignment(column.kind)
        if bold:
            cell.font = font(bold=True)
        if shade:
            cell.fill = fill(shade)
        styles[key] = copy.copy(cell._style)


# the styles ``table_row`` has made, per worksheet (an entry goes with its worksheet)
_ROW_STYLES: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], Any]] = (
    weakref.WeakKeyDictionary()
)


def fit_row_heights(ws: Any, first_row: int, last_row: int) -> None:
    """Row heights from the longest wrapped text of each row and its column's width."""
    if last_row < first_row:
        return
    # ``max_column`` once: asked per row (``ws[row]``) it scans every cell, quadratic in rows
    rows = ws.iter_rows(min_row=first_row, max_row=last_row, max_col=ws.max_column)
    widths: dict[str, float] = {}
    for row, cells in enumerate(rows, start=first_row):
        lines = 1
        for cell in cells:
            if cell.value is None or cell.data_type == "f":
                continue
            letter = cell.column_letter
            if letter not in widths:
                widths[letter] = ws.column_dimensions[letter].width or 8.43
            width = widths[letter] * (BOLD_WIDTH if cell.font is not None and cell.font.b else 1)
            lines = max(lines, _lines(str(cell.value), width))
        ws.row_dimensions[row].height = LINE_HEIGHT * lines + 4


def signature_block(
    ws: Any, row: int, *, first_col: int, last_col: int, lines: Sequence[tuple[str, str]]
) -> int:
    """Lines of a signature block merged over ``first_col``–``last_col``; each line is
    (text, style) with style "place" (italic), "title" (bold), "note" (italic) or "space"
    (blank rows to sign in). Returns the next row."""
    for text, style in lines:
        merged_text(
            ws,
            row,
            text,
            first_col=first_col,
            last_col=last_col,
            bold=style == "title",
            italic=style in ("place", "note"),
        )
        if style == "space":
            ws.row_dimensions[row].height = LINE_HEIGHT * 4
        row += 1
    return row


def _span_width(ws: Any, first_col: int, last_col: int) -> float:
    from openpyxl.utils import get_column_letter

    return sum(
        ws.column_dimensions[get_column_letter(c)].width or 8.43
        for c in range(first_col, last_col + 1)
    )


def _lines(text: str, width: float) -> int:
    per_line = max(1, int(width * CHARS_PER_WIDTH))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
