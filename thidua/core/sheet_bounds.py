"""Bounds on an uploaded spreadsheet, checked before anything parses it.

A 189 KB XLSX can declare (``<dimension ref="A1:XFD1048576"/>``) or hold millions of cells, and
openpyxl — even read-only — then takes a minute and more than a gigabyte. ``check_xlsx`` reads
the zip directory (the uncompressed sizes, nothing decompressed), then streams each worksheet's
XML, counting, and refuses the file as soon as one limit is passed: the sheet's
declared dimension first, then the rows and cells it really holds (a dimension can be missing or
lie). ``check_csv`` bounds a CSV file by its size. The limits, and why, are in
docs/import-limits.md; every import of the project goes through here.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any
from xml.parsers import expat

from django.utils.translation import gettext as _

MB = 1024 * 1024
MAX_ROWS = 20_000  # data rows of one import: about twice the number of units in the country
MAX_SHEET_ROWS = 50_000  # rows a sheet may span (title, blank and formatted rows included)
MAX_SHEET_COLUMNS = 200  # columns a sheet may span (column GR); imports read the first 60
MAX_CELLS = 2_000_000  # cells a reader would walk through (rows × columns)
MAX_BYTES = 50 * MB  # an XLSX once unzipped, or a CSV file
BYTES_PER_ROW = 500  # imports of more than MAX_ROWS rows get this much room per row
MAX_RATIO = 500  # uncompressed ÷ compressed size of a part over RATIO_FROM: a zip bomb (≈1000)
RATIO_FROM = MB
CHUNK = 64 * 1024
DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CELL_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
TAG_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet\b")
DIMENSION = re.compile(TAG_PREFIX + rb'dimension\s[^>]*?\bref="([^"]*)"')
SHEET_DATA = re.compile(TAG_PREFIX + rb"sheetData\b")
ROW_NUMBER = re.compile(rb'[^>]*?\sr="(\d+)"')  # in a row tag, from its name's end


class ImportFileError(Exception):
    """The file cannot be read at all (wrong type, encoding, empty, no header, too large…)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Vietnamese digit grouping: 20.000


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how spreadsheet users name a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class SheetLimits:
    """What one import accepts, checked before the file is parsed."""

    rows: int = MAX_SHEET_ROWS
    columns: int = MAX_SHEET_COLUMNS
    cells: int = MAX_CELLS
    bytes: int = MAX_BYTES

    @classmethod
    def for_rows(cls, max_rows: int) -> SheetLimits:
        """An import of up to ``max_rows`` data rows: the defaults, or room for twice as many
        rows (blank and title rows) for the commands that import more than ``MAX_ROWS``."""
        return cls(
            rows=max(MAX_SHEET_ROWS, 2 * max_rows),
            cells=max(MAX_CELLS, 20 * max_rows),
            bytes=max(MAX_BYTES, BYTES_PER_ROW * max_rows),
        )


def damaged(filename: str) -> ImportFileError:
    return ImportFileError(
        _(
            "Không đọc được tệp Excel “{name}”: tệp bị hỏng hoặc không phải .xlsx. Hãy mở "
            "bằng Excel và lưu lại."
        ).format(name=PurePath(filename).name)
    )


def check_csv(data: bytes, filename: str, limits: SheetLimits) -> None:
    if len(data) > limits.bytes:
        raise ImportFileError(
            _(
                "Tệp “{name}” lớn {size} MB, vượt giới hạn {limit} MB của một lần nhập. Hãy "
                "chia nhỏ tệp rồi gửi lại."
            ).format(
                name=PurePath(filename).name,
                size=_megabytes(len(data)),
                limit=_megabytes(limits.bytes),
            )
        )


def check_xlsx(source: bytes | IO[bytes], filename: str, limits: SheetLimits) -> None:
    """Refuse an XLSX whose unzipped size or any worksheet exceeds ``limits``, without
    decompressing more than the few small parts that name the sheets."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with zipfile.ZipFile(stream) as archive:
            _check_sizes(archive, filename, limits)
            for name, part in _worksheets(archive, filename):
                _scan_sheet(archive, part, _SheetScan(name, limits, filename))
    except (zipfile.BadZipFile, EOFError, OSError, KeyError, RuntimeError, NotImplementedError):
        raise damaged(filename) from None


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",").removesuffix(",0")


def _check_sizes(archive: zipfile.ZipFile, filename: str, limits: SheetLimits) -> None:
    total = 0
    name = PurePath(filename).name
    for info in archive.infolist():
        total += info.file_size  # from the zip directory; zipfile never inflates past it
        if total > limits.bytes:
            raise ImportFileError(
                _(
                    "Tệp “{name}” khi giải nén lớn hơn {limit} MB (phần “{part}” đã {size} MB), "
                    "vượt giới hạn của một lần nhập. Hãy xóa các trang tính, hình ảnh hoặc dữ "
                    "liệu thừa, hoặc chia nhỏ tệp rồi gửi lại."
                ).format(
                    name=name,
                    limit=_megabytes(limits.bytes),
                    part=info.filename,
                    size=_megabytes(info.file_size),
                )
            )
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportFileError(
                _(
                    "Tệp “{name}” có phần “{part}” nén bất thường ({compressed} byte giải nén "
                    "thành {size} MB): tệp có thể đã bị làm hỏng có chủ ý nên không được đọc. "
                    "Hãy mở bằng Excel, lưu lại rồi gửi lại."
                ).format(
                    name=name,
                    part=info.filename,
                    compressed=thousands(info.compress_size),
                    size=_megabytes(info.file_size),
                )
            )


def _worksheets(archive: zipfile.ZipFile, filename: str) -> list[tuple[str, str]]:
    """(sheet name, part path) of every worksheet, from the workbook and its relationships;
    every ``xl/worksheets/*.xml`` part when those cannot be read (openpyxl will say why)."""
    parts = set(archive.namelist())
    targets = {}
    for tag, attrs in _elements(archive, "xl/_rels/workbook.xml.rels", filename):
        worksheet = attrs.get("Type", "").endswith("/worksheet")
        if tag == "Relationship" and worksheet and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target[1:] if target.startswith("/") else posixpath.join("xl", target)
            targets[attrs.get("Id")] = posixpath.normpath(path)
    sheets = []
    for tag, attrs in _elements(archive, "xl/workbook.xml", filename):
        part = targets.get(attrs.get(f"{DOC_REL_NS} id"))
        if tag == "sheet" and part in parts:
            sheets.append((attrs.get("name", ""), part))
    if sheets:
        return sheets
    return [
        (PurePath(p).stem, p)
        for p in sorted(parts)
        if p.startswith("xl/worksheets/") and p.endswith(".xml")
    ]


def _elements(
    archive: zipfile.ZipFile, part: str, filename: str
) -> list[tuple[str, dict[str, str]]]:
    """(local name, attributes) of every element of a small part; none if it is missing."""
    if part not in archive.namelist():
        return []
    found: list[tuple[str, dict[str, str]]] = []
    _parse(
        archive, part, lambda tag, attrs: found.append((tag.rpartition(" ")[2], attrs)), filename
    )
    return found


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _columns_past(limit: int) -> bytes:
    """A pattern of the column letters past column number ``limit`` (200 → after GR)."""
    letters = column_letter(limit - 1)
    size = len(letters)
    options = [f"[A-Z]{{{size + 1},3}}"] if size < 3 else []
    for i, letter in enumerate(letters):
        if letter != "Z":
            options.append(f"{letters[:i]}[{chr(ord(letter) + 1)}-Z]{'[A-Z]' * (size - i - 1)}")
    return "|".join(options).encode()


@dataclass
class _SheetScan:
    """Counts one worksheet's rows and cells from its raw XML, at the speed of ``bytes.count``
    and ``re`` (a Python call per cell would take seconds for two million), and refuses it at
    the first limit passed. Only complete tags are fed (``_scan_sheet`` cuts before a ``<``)."""

    sheet: str
    limits: SheetLimits
    filename: str
    rows: int = 0  # the highest row number seen
    cells: int = 0  # cell elements seen
    in_head: bool = True  # before <sheetData>: where the dimension is
    cell_tags: tuple[bytes, ...] = ()
    row_tags: tuple[bytes, ...] = ()
    wide_cell: re.Pattern[bytes] | None = None

    def feed(self, xml: bytes) -> None:
        if self.in_head:
            self.head(xml)
        assert self.wide_cell is not None  # set by head() on the first part
        last = max(xml.rfind(tag) for tag in self.row_tags)  # rows come in order
        if last >= 0:
            number = ROW_NUMBER.match(xml, last + len(self.row_tags[0]) - 1)
            if number:
                self.rows = int(number.group(1))
            else:  # rows without a number ("r") follow one another
                self.rows += sum(xml.count(tag) for tag in self.row_tags)
            if self.rows > self.limits.rows:
                raise self.too_many_rows(self.rows)
        self.cells += sum(xml.count(tag) for tag in self.cell_tags)
        if self.cells > self.limits.cells:
            raise self.too_many_cells()
        if wide := self.wide_cell.search(xml):
            raise self.too_many_columns(_column_number(wide.group(1).decode()))

    def head(self, xml: bytes) -> None:
        if not self.cell_tags:
            if b"<!DOCTYPE" in xml:  # entities ("billion laughs") for the parser after us
                raise damaged(self.filename)
            root = ROOT_TAG.search(xml)
            prefix = (root.group(1) if root else None) or b""
            self.cell_tags = tuple(b"<" + prefix + b"c" + end for end in (b" ", b">", b"/>"))
            self.row_tags = tuple(b"<" + prefix + b"row" + end for end in (b" ", b">"))
            # a cell reference past the last column: the only attribute "r" holding letters
            self.wide_cell = re.compile(rb'r="(' + _columns_past(self.limits.columns) + rb")\d")
        if dimension := DIMENSION.search(xml):
            self.dimension(dimension.group(1).decode())
        self.in_head = SHEET_DATA.search(xml) is None

    def dimension(self, ref: str) -> None:
        corners = CELL_REF.findall(ref.upper())
        if not corners:
            return
        letters, digits = corners[-1]
        rows, columns = int(digits), _column_number(letters)
        if rows * columns > self.limits.cells:
            raise ImportFileError(
                _(
                    "Tệp có trang tính “{sheet}” rộng {ref} ({cells} ô), vượt giới hạn {limit} "
                    "ô: hãy xóa các dòng, cột thừa rồi gửi lại."
                ).format(
                    sheet=self.sheet,
                    ref=ref,
                    cells=thousands(rows * columns),
                    limit=thousands(self.limits.cells),
                )
            )
        if rows > self.limits.rows:
            raise self.too_many_rows(rows)
        if columns > self.limits.columns:
            raise self.too_many_columns(columns)

    def too_many_rows(self, rows: int) -> ImportFileError:
        return ImportFileError(
            _(
                "Tệp có trang tính “{sheet}” kéo dài tới dòng {rows}, vượt giới hạn {limit} dòng: "
                "hãy xóa các dòng thừa (kể cả dòng trống đã định dạng) hoặc chia nhỏ tệp rồi "
                "gửi lại."
            ).format(sheet=self.sheet, rows=thousands(rows), limit=thousands(self.limits.rows))
        )

    def too_many_columns(self, columns: int) -> ImportFileError:
        return ImportFileError(
            _(
                "Tệp có trang tính “{sheet}” kéo dài tới cột {column} ({columns} cột), vượt giới "
                "hạn {limit} cột: hãy xóa các cột thừa rồi gửi lại."
            ).format(
                sheet=self.sheet,
                column=column_letter(columns - 1),
                columns=thousands(columns),
                limit=thousands(self.limits.columns),
            )
        )

    def too_many_cells(self) -> ImportFileError:
        return ImportFileError(
            _(
                "Tệp có trang tính “{sheet}” chứa hơn {limit} ô (tính đến dòng {row}), vượt giới "
                "hạn của một lần nhập: hãy xóa các dòng, cột thừa hoặc chia nhỏ tệp rồi gửi lại."
            ).format(sheet=self.sheet, limit=thousands(self.limits.cells), row=thousands(self.rows))
        )


def _scan_sheet(archive: zipfile.ZipFile, part: str, scan: _SheetScan) -> None:
    """Feed the sheet's XML to ``scan`` in chunks cut before a tag, so that no tag is split."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK):
            data = tail + chunk
            cut = data.rfind(b"<")
            if cut <= 0:  # a long text without tags: fed whole once large
                cut = len(data) if len(data) > MB else 0
            scan.feed(data[:cut])
            tail = data[cut:]
    scan.feed(tail)


def _parse(archive: zipfile.ZipFile, part: str, start: Any, filename: str) -> None:
    """Stream ``part`` through expat, calling ``start(tag, attributes)`` for every element
    (tags as "namespace local"); a part with a DTD (entities: "billion laughs") is refused."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start

    def no_doctype(*_args: object) -> None:
        raise damaged(filename)

    parser.StartDoctypeDeclHandler = no_doctype
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        raise damaged(filename) from None
