"""Time to refuse an oversized spreadsheet through every import entry point (issue 12).

Run: .venv/bin/python bench/bench_sheet_bounds.py [--baseline]
Builds, in memory: a 5 KB XLSX declaring 3.000.000 cells (<dimension ref="A1:CV30000"/>), an
XLSX holding 3.000.000 real cells (the case of the issue: 40–90 s and 1.4 GB before), the same
without a dimension, and a zip bomb (200 MB of spaces). Prints, for each file and entry point
(the shared reader ``core.sheets.read_xlsx`` used by every unit, account, restructuring, award
and eligibility import; the score-sheet and criteria readers of ``scoring.excel``), the time to
refuse it (target < 1 s) and the memory allocated while refusing (tracemalloc, second run);
the process's high-water mark (``resource.getrusage``) is printed too, mostly the test files. ``--baseline`` also times
openpyxl's full load of the 3.000.000-cell file, as the scoring imports did before.
"""

from __future__ import annotations

import io
import os
import re
import resource
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.test_settings")

import django

django.setup()

from django.core.exceptions import ValidationError  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from thidua.core.sheets import ImportFileError, column_letter, read_xlsx  # noqa: E402
from thidua.scoring import excel  # noqa: E402

SHEET = "xl/worksheets/sheet1.xml"
ROWS, COLUMNS = 30_000, 100  # 3.000.000 cells


def workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Dữ liệu"
    book.active.append(["Mã đơn vị", "Tên đơn vị"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def replace_sheet(content: bytes, sheet_xml: Callable[[str], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == SHEET:
                data = sheet_xml(data.decode())
            target.writestr(info.filename, data)
    return buffer.getvalue()


def declared(content: bytes) -> bytes:
    return replace_sheet(
        content,
        lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:CV30000"', xml).encode(),
    )


def real_cells(content: bytes, *, dimension: bool) -> bytes:
    """3.000.000 empty cells: as Excel writes them (``r="B7"``, with the dimension), or as
    some generators do (no references, no dimension: a few hundred KB zipped)."""
    letters = [column_letter(c) for c in range(COLUMNS)]

    def sheet(xml: str) -> bytes:
        head = xml[: xml.index("<sheetData")]
        if not dimension:
            head = re.sub(r"<dimension [^>]*/>", "", head)
            cells = '<c s="0"/>' * COLUMNS
            rows = "".join(f"<row>{cells}</row>" for _ in range(ROWS))
        else:
            head = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:CV{ROWS}"', head)
            rows = "".join(
                f'<row r="{r}">' + "".join(f'<c r="{c}{r}" s="0"/>' for c in letters) + "</row>"
                for r in range(1, ROWS + 1)
            )
        return f"{head}<sheetData>{rows}</sheetData></worksheet>".encode()

    return replace_sheet(content, sheet)


def bomb(content: bytes) -> bytes:
    buffer = io.BytesIO(content)
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/spaces.bin", "w", force_zip64=True) as part,
    ):
        for _ in range(200):
            part.write(b" " * (1024 * 1024))
    return buffer.getvalue()


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("bang.xlsx", data, excel.XLSX_TYPE)


ENTRY_POINTS: dict[str, Callable[[bytes], Any]] = {
    "core.sheets.read_xlsx (mọi import dùng chung)": lambda data: read_xlsx(data, "bang.xlsx"),
    "scoring.excel.parse_unit_sheet (bảng tự chấm)": lambda data: excel.parse_unit_sheet(
        upload(data), table=None, cluster_year=None, organization=None
    ),
    "scoring.excel.parse_criteria (bộ tiêu chí)": lambda data: excel.parse_criteria(upload(data)),
}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def attempt(read: Callable[[bytes], Any], data: bytes) -> str:
    try:
        read(data)
    except ImportFileError as exc:
        return exc.message
    except ValidationError as exc:
        return "; ".join(exc.messages)
    return "NOT REFUSED"


def refuse(label: str, data: bytes) -> None:
    print(f"\n{label}: {len(data) / 1024:.0f} KB zipped")
    for name, read in ENTRY_POINTS.items():
        start = time.perf_counter()
        message = attempt(read, data)
        elapsed = time.perf_counter() - start
        tracemalloc.start()  # a second run, for the memory it allocates while refusing
        attempt(read, data)
        allocated = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
        print(f"  {name:<48} {elapsed * 1000:8.1f} ms  {allocated:6.1f} MB allocated")
        print(f"      → {message[:110]}…")


def main() -> None:
    base = workbook()
    print(f"memory before building the files: {peak_mb():.0f} MB")
    files = {
        "3.000.000 ô khai báo (dimension A1:CV30000)": declared(base),
        "3.000.000 ô thật, có dimension": real_cells(base, dimension=True),
        "3.000.000 ô thật, không có dimension": real_cells(base, dimension=False),
        "zip bomb (200 MB dấu cách)": bomb(base),
    }
    print(f"memory after building them: {peak_mb():.0f} MB (process high-water mark)")
    for label, data in files.items():
        refuse(label, data)
    if "--baseline" in sys.argv:
        from openpyxl import load_workbook

        start = time.perf_counter()
        load_workbook(io.BytesIO(files["3.000.000 ô thật, có dimension"]), data_only=True)
        elapsed = time.perf_counter() - start
        print(f"\nbaseline, openpyxl full load: {elapsed:.1f} s (peak {peak_mb():.0f} MB)")
    print(f"\nprocess high-water mark at the end: {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
