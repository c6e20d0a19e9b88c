"""``thidua ranking --cluster HN-C06 --year 2023`` prints rank, unit, total and class."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.scoring import selectors
from thidua.scoring.management.commands._common import cluster_year
from thidua.scoring.validators import points_text


class Command(BaseCommand):
    help = "In bảng xếp hạng chấm điểm thi đua của một cụm/khối trong một năm."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cluster", required=True, help="Mã cụm/khối, ví dụ HN-C06")
        parser.add_argument("--year", required=True, type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        cy = cluster_year(options["cluster"], options["year"])
        data = selectors.ranking_data(cy)
        if data.table is None:
            raise CommandError("Bộ tiêu chí năm này chưa được thông qua.")
        state = "đã phê duyệt" if data.approved else "tạm tính, chưa phê duyệt"
        self.stdout.write(f"{cy.cluster.name} — năm {cy.year} ({state})")
        width = max((len(line.organization.name) for line in data.lines), default=10)
        self.stdout.write(f"{'Hạng':>4}  {'Đơn vị':<{width}}  {'Tổng':>7}  Xếp loại")
        for line in data.lines:
            rank = f"{line.row.rank}{'=' if line.row.tied else ''}"
            self.stdout.write(
                f"{rank:>4}  {line.organization.name:<{width}}  "
                f"{points_text(line.row.score.total):>7}  {line.row.classification}"
            )
