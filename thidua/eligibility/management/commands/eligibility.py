"""``thidua eligibility FILE.csv -o RESULT.csv [--received-on D]``: check every row (subject
code, award code, achievement year, optional dossier date) in one batch; stores nothing."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from thidua.core import xlsx
from thidua.eligibility.engine import Candidate, Outcome
from thidua.eligibility.preload import check_many

HEADER = [
    "Dòng",
    "Mã đối tượng",
    "Mã danh hiệu/hình thức",
    "Năm thành tích",
    "Ngày nhận hồ sơ",
    "Bộ quy định",
    "Kết luận",
    "Lý do chưa đạt hoặc cần xem xét",
    "Mọi lý do",
]


def parse_date(text: str) -> dt.date:
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 -- a calendar day
        except ValueError:
            continue
    raise ValueError(text)


def read_rows(path: Path, default: dt.date) -> list[Candidate]:
    """Rows after the header; every error is collected and reported with its line."""
    rows, errors = [], []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, cells in enumerate(csv.reader(handle), start=1):
            if line == 1 or not any(c.strip() for c in cells):
                continue
            padded = [*cells, "", "", "", ""]
            code, award, year, day = (c.strip() for c in padded[:4])
            try:
                received = parse_date(day) if day else default
                rows.append(Candidate(code, award.upper(), int(year), received, line, bool(day)))
            except ValueError:
                errors.append(f"Dòng {line}: năm thành tích hoặc ngày nhận hồ sơ không hợp lệ")
            if not code or not award:
                errors.append(f"Dòng {line}: thiếu mã đối tượng hoặc mã danh hiệu")
    if errors:
        raise CommandError("\n".join(errors))
    return rows


class Command(BaseCommand):
    help = "Kiểm tra điều kiện khen thưởng theo tệp CSV, ghi kết quả ra tệp CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("-o", "--output", type=Path, required=True)
        parser.add_argument("--received-on", default="", help="Ngày nhận hồ sơ mặc định")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            default = parse_date(options["received_on"]) if options["received_on"] else None
        except ValueError as exc:
            raise CommandError("Ngày nhận hồ sơ mặc định không hợp lệ") from exc
        rows = read_rows(options["file"], default or timezone.localdate())
        results = check_many(rows)
        with options["output"].open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            xlsx.write_csv(writer, [HEADER])
            for r in results:
                c = r.candidate
                bad = [x.text for x in r.reasons if x.outcome in (Outcome.FAIL, Outcome.REVIEW)]
                xlsx.write_csv(
                    writer,
                    [
                        [
                            c.row,
                            c.subject_code,
                            c.award_code,
                            c.year,
                            c.received_on.strftime("%d/%m/%Y"),
                            r.rule_set,
                            r.verdict_words,
                            "; ".join(bad),
                            "; ".join(x.text for x in r.reasons),
                        ]
                    ],
                )
        counts = {
            v: sum(1 for r in results if r.verdict == v)
            for v in ("eligible", "not_eligible", "needs_review")
        }
        self.stdout.write(
            f"Đã kiểm tra {len(results)} dòng: {counts['eligible']} đủ điều kiện, "
            f"{counts['not_eligible']} không đủ, {counts['needs_review']} cần xem xét.\n"
        )
