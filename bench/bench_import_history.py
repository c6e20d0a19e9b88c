"""Time ``thidua.awards.imports.import_history`` on a generated XLSX (prints numbers, asserts
only that the file is accepted).

    .venv/bin/python bench/bench_import_history.py [ROWS]        # default: 20000

A fresh SQLite database in a temporary folder (or the empty, disposable PostgreSQL database
named by DATABASE_URL); 50 units; the file holds ROWS rows over five sheets: one person in
eight (Cá nhân), five years of ratings each (Xếp loại), initiatives, awards (some using an
initiative) and collective years. Then the same file again (every row skipped).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("THIDUA_VAR_DIR", tempfile.mkdtemp(prefix="thidua-bench-history-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from tests.awards.imports.helpers import HEADERS  # noqa: E402
from thidua.awards.imports import ImportResult, import_history  # noqa: E402
from thidua.awards.models import AwardType  # noqa: E402
from thidua.organizations import services as org_services  # noqa: E402
from thidua.organizations.models import Authority, Organization  # noqa: E402

UNITS = 50
YEARS = (2019, 2020, 2021, 2022, 2023)


def award_type(code: str, subject: str) -> None:
    AwardType.objects.get_or_create(
        code=f"BENCH-{code}",
        effective_from=dt.date(2000, 1, 1),
        defaults={
            "name": f"Danh hiệu thử nghiệm {code}",
            "category": "title",
            "annual": True,
            "subject": subject,
            "level": "grassroots",
            "deciding_authority": "Thủ trưởng đơn vị",
            "legal_basis": "Điều 23 Luật TĐKT 2022",
        },
    )


def setup() -> list[str]:
    call_command("migrate", verbosity=0)
    if not Authority.objects.filter(code="BENCH").exists():
        org_services.create_authority(code="BENCH", name="Hội đồng thử nghiệm", level="province")
    authority = Authority.objects.get(code="BENCH")
    for i in range(UNITS):
        if not Organization.objects.filter(code=f"BH-{i:03d}").exists():
            org_services.create_organization(
                code=f"BH-{i:03d}",
                name=f"Đơn vị thử nghiệm {i}",
                kind="department",
                authority=authority,
            )
    award_type("CN", "individual")
    award_type("TT", "collective")
    return [f"BH-{i:03d}" for i in range(UNITS)]


def sheets(rows: int, units: list[str]) -> dict[str, list[list[Any]]]:
    people = rows // 8
    collectives = min(len(units) * len(YEARS), rows // 40)
    initiatives = people // 4
    awards = rows - people * (1 + len(YEARS)) - initiatives - collectives
    persons = [
        [f"P{i:06d}", f"Người thử nghiệm {i}", 1980, "Nam", units[i % len(units)], "công chức",
         "", "01/01/2018", "", 2018]
        for i in range(people)
    ]  # fmt: skip
    ratings = [[f"P{i:06d}", y, "HTT", 12] for i in range(people) for y in YEARS]
    ideas = [
        [f"SK{i:06d}", f"Sáng kiến {i}", f"P{i:06d}", 2023, f"{i}/QĐ", "20/11/2023", "Hội đồng",
         "cơ sở", ""]
        for i in range(initiatives)
    ]  # fmt: skip
    prizes = [
        ["cá nhân", f"P{i % people:06d}", "BENCH-CN", YEARS[i // people], f"{i}/QĐ-KT",
         "15/01/2024", "", f"SK{i:06d}" if i < initiatives else "", ""]
        for i in range(awards)
    ]  # fmt: skip
    units_years = [
        [units[i % len(units)], YEARS[i // len(units)], "HTXS", 40, 40, 30, 5, ""]
        for i in range(collectives)
    ]
    return {
        "Cá nhân": persons,
        "Xếp loại": ratings,
        "Sáng kiến": ideas,
        "Khen thưởng": prizes,
        "Tập thể": units_years,
    }


def xlsx(content: dict[str, list[list[Any]]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, rows in content.items():
        sheet = workbook.create_sheet(name)
        sheet.append(HEADERS[name])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def timed(data: bytes, *, dry_run: bool = False) -> tuple[float, ImportResult]:
    start = time.perf_counter()
    result = import_history(data=data, filename="bench.xlsx", user=None, dry_run=dry_run)
    return time.perf_counter() - start, result


def main(rows: int) -> None:
    units = setup()
    data = xlsx(sheets(rows, units))
    print(f"database: {django.db.connection.vendor}; file: {len(data):,} bytes")
    dry, checked = timed(data, dry_run=True)
    assert checked.ok, checked.errors[:3]
    first, result = timed(data)
    assert result.ok and result.written, result.errors[:3]
    second, again = timed(data)
    assert again.ok and again.counts.total == 0, again.errors[:3]
    total = result.rows
    print(f"rows: {total}; new: {result.counts.as_dict()}")
    print(f"{'run':<10} {'seconds':>8} {'rows/s':>8}")
    for name, seconds in (("dry run", dry), ("import", first), ("again", second)):
        print(f"{name:<10} {seconds:>8.2f} {total / seconds:>8.0f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if sys.argv[1:] else 20_000)
