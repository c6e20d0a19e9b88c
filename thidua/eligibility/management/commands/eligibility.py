"""``thidua eligibility FILE.csv|FILE.xlsx -o RESULT.csv [--received-on D] [--authority CODE]``:
check every row of a batch file (the columns of ``batch_reader``) in one batch; stores nothing."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from thidua.core import xlsx
from thidua.eligibility.batch_reader import parse_date, read_batch
from thidua.eligibility.engine import Candidate, Outcome
from thidua.eligibility.preload import check_many
from thidua.organizations.models import Authority

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


def read_rows(path: Path, default: dt.date, authority: str) -> list[Candidate]:
    """The rows of the file (``batch_reader``: every error is reported with its row, and the
    command stops); ``authority`` limits the subjects to its units, as for its board officer."""
    authority_id = None
    if authority:
        authority_id = Authority.objects.filter(code=authority).values_list("pk", flat=True).first()
        if authority_id is None:
            raise CommandError(f"Không có cơ quan mã “{authority}”")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}") from exc
    parsed = read_batch(data, path.name, authority_id=authority_id, everything=not authority)
    if not parsed.ok:
        lines = [f"Dòng {e.row}: {e.message}" if e.row else e.message for e in parsed.errors]
        if parsed.more_errors:
            lines.append(f"… và {parsed.more_errors} lỗi khác")
        raise CommandError("\n".join(lines))
    return [r.candidate(default) for r in parsed.rows]


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = "Kiểm tra điều kiện khen thưởng theo tệp CSV hoặc XLSX, ghi kết quả ra tệp CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("-o", "--output", type=Path, required=True)
        parser.add_argument("--received-on", default="", help="Ngày nhận hồ sơ mặc định")
        parser.add_argument(
            "--authority", default="", help="Mã cơ quan: chỉ đối tượng thuộc phạm vi cơ quan này"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            default = parse_date(options["received_on"]) if options["received_on"] else None
        except ValueError as exc:
            raise CommandError("Ngày nhận hồ sơ mặc định không hợp lệ") from exc
        rows = read_rows(options["file"], default or timezone.localdate(), options["authority"])
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
